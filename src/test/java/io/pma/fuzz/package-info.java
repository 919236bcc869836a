/**
 * Fuzzing of everything a peer can send before and after authenticating: /ws frames and messages,
 * HTTP request lines and headers, REST bodies. Seeded and time-boxed ({@link io.pma.fuzz.FuzzRun}).
 */
package io.pma.fuzz;
