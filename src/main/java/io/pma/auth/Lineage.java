package io.pma.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a token comes from, carried in its claims so that every check stays in memory.
 * {@code ancestors} are the ids ({@code jti}) of the tokens it descends from, oldest first: revoking
 * any of them ends this token too. {@code refreshUntil} is the absolute end of a session's refresh
 * chain (null: not limited beyond the token's own expiry).
 */
public record Lineage(List<String> ancestors, Instant refreshUntil) {
  /** A token minted from a password login: no ancestors. */
  public static final Lineage ROOT = new Lineage(List.of(), null);

  public Lineage {
    ancestors = List.copyOf(ancestors);
  }

  /** Whether revoking {@code tokenId} ends this token (its own id is not part of the lineage). */
  public boolean descendsFrom(String tokenId) {
    return ancestors.contains(tokenId);
  }

  /** The lineage of a token minted by the token {@code parentId} that carries this lineage. */
  public Lineage childOf(String parentId, Instant newRefreshUntil) {
    List<String> chain = new ArrayList<>(ancestors);
    chain.add(parentId);
    return new Lineage(chain, newRefreshUntil);
  }
}
