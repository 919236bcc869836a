package io.pma.bench;

/** The server a load generator's connections go to, and the token they present there. */
record Endpoint(String host, int port, String token) {}
