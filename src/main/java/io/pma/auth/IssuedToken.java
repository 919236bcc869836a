package io.pma.auth;

import java.time.Instant;

/** A freshly signed JWT with its id and expiry. */
public record IssuedToken(String token, String tokenId, Instant expiresAt) {}
