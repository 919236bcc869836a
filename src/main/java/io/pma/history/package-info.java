/**
 * Entity history: the recorder that writes every entity change off the event path in batches,
 * the statistics rolled up from it, and the queries behind {@code /api/v1/history},
 * {@code /api/v1/statistics} and the {@code history} option of {@code subscribe}
 * (docs/HISTORY.md). Compact by design: interned ids and attribute sets, numbers as numbers.
 */
package io.pma.history;
