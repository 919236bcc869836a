package io.pma.auth;

import io.pma.store.AccessTokenStore;
import io.pma.store.User;
import io.pma.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which tokens no longer count, kept in memory so every request and socket can check it cheaply:
 * revoked token ids (until they expire), and each active user's token epoch (deleted and disabled
 * users have none). A token is refused when it or any token of its lineage is revoked.
 * Changes are announced to listeners (the WebSocket hub) with a predicate selecting the affected
 * principals, so already-open sockets lose their rights at once. Thread-safe.
 */
public final class TokenRevocations implements RevocationCheck {
  private static final int PRUNE_FLOOR = 1024;

  /** Revoked token ids with their expiry: after it they fail anyway and are forgotten. */
  private final Map<String, Instant> revokedTokenIds = new ConcurrentHashMap<>();
  private final AtomicInteger pruneAt = new AtomicInteger(PRUNE_FLOOR);
  private final Map<String, Long> activeEpochs = new ConcurrentHashMap<>();
  private final List<Consumer<Predicate<Principal>>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Change>> localChanges = new CopyOnWriteArrayList<>();
  private final UserStore users;
  private final AccessTokenStore tokens;
  private final Clock clock;

  /** A change made on this node, as other nodes need to hear of it. */
  public record Change(Kind kind, String id) {
    /**
     * TOKEN_REVOKED and SESSION_RETIRED carry a token id, USER_CHANGED a user id (created, changed
     * or deleted).
     */
    public enum Kind { TOKEN_REVOKED, SESSION_RETIRED, USER_CHANGED }
  }

  /** Loads the current state from the stores (at start-up). */
  public TokenRevocations(UserStore users, AccessTokenStore tokens, Clock clock) {
    this.users = users;
    this.tokens = tokens;
    this.clock = clock;
    users.list().forEach(this::remember);
    tokens.revokedUnexpired(clock.instant()).forEach(this::remember);
  }

  /** Registers a listener told of every change made on this node (to relay it to other nodes). */
  public void onLocalChange(Consumer<Change> listener) {
    localChanges.add(listener);
  }

  /**
   * Applies a change another node made, as if made here, without relaying it again. A user change
   * is re-read from the shared store. Blocking (store reads): call from a worker thread.
   */
  public void applyRemote(Change change) {
    if (change.kind() != Change.Kind.USER_CHANGED) {
      Instant until = tokens.revokedUntil(change.id()).orElse(null);
      if (until != null) {
        remember(change.id(), until);
        if (change.kind() == Change.Kind.TOKEN_REVOKED) {
          announce(p -> p.endsWith(change.id()));
        }
      }
      return;
    }
    users.findById(change.id()).ifPresentOrElse(this::applyUser, () -> removeUser(change.id()));
  }

  /**
   * Re-reads everything from the shared store, for a node that may have missed changes (its link
   * to the other nodes was down). Blocking: call from a worker thread.
   */
  public void reload() {
    List<User> current = users.list();
    Set<String> present = ConcurrentHashMap.newKeySet();
    current.forEach(u -> present.add(u.id()));
    activeEpochs.keySet().stream().filter(id -> !present.contains(id)).toList()
        .forEach(this::removeUser);
    current.forEach(this::applyUser);
    tokens.revokedUnexpired(clock.instant()).forEach((id, until) -> {
      boolean fresh = !revokedTokenIds.containsKey(id);
      remember(id, until);
      if (fresh) {
        announce(p -> p.endsWith(id));
      }
    });
  }

  @Override
  public boolean rejects(String userId, String tokenId, List<String> ancestors, long epoch) {
    Long current = activeEpochs.get(userId);
    if (current == null || current != epoch || revokedTokenIds.containsKey(tokenId)) {
      return true;
    }
    for (String ancestor : ancestors) {
      if (revokedTokenIds.containsKey(ancestor)) {
        return true;
      }
    }
    return false;
  }

  /** Registers a listener told which principals just lost their token's validity. */
  public void onRevoke(Consumer<Predicate<Principal>> listener) {
    listeners.add(listener);
  }

  /**
   * Token {@code tokenId} (valid until {@code expiresAt}) is revoked: it and every token descending
   * from it are refused from now on, and open sockets using any of them lose their rights.
   */
  public void tokenRevoked(String tokenId, Instant expiresAt) {
    remember(tokenId, expiresAt);
    announce(p -> p.endsWith(tokenId));
    relay(new Change(Change.Kind.TOKEN_REVOKED, tokenId));
  }

  /**
   * Session token {@code tokenId} was exchanged by a refresh: it is refused from now on. Sockets
   * authenticated with it are not cut: the client is about to re-authenticate them with the new
   * token, and they end when it expires.
   */
  public void sessionRetired(String tokenId, Instant expiresAt) {
    remember(tokenId, expiresAt);
    relay(new Change(Change.Kind.SESSION_RETIRED, tokenId));
  }

  /** A user was created or changed; their older tokens stop working if the epoch moved. */
  public void userChanged(User user) {
    applyUser(user);
    relay(new Change(Change.Kind.USER_CHANGED, user.id()));
  }

  public void userDeleted(String userId) {
    removeUser(userId);
    relay(new Change(Change.Kind.USER_CHANGED, userId));
  }

  private void applyUser(User user) {
    Long previous = activeEpochs.get(user.id());
    remember(user);
    if (previous != null && (previous != user.tokenEpoch() || user.disabled())) {
      announce(p -> user.id().equals(p.userId()));
    }
  }

  private void removeUser(String userId) {
    activeEpochs.remove(userId);
    announce(p -> userId.equals(p.userId()));
  }

  private void relay(Change change) {
    localChanges.forEach(l -> l.accept(change));
  }

  /** Keeps a revoked id until its token expires (with the clock skew verification allows). */
  private void remember(String tokenId, Instant expiresAt) {
    revokedTokenIds.put(tokenId, expiresAt.plus(JwtService.CLOCK_SKEW));
    int size = revokedTokenIds.size();
    int threshold = pruneAt.get();
    if (size > threshold && pruneAt.compareAndSet(threshold, Integer.MAX_VALUE)) {
      Instant now = clock.instant();
      revokedTokenIds.values().removeIf(until -> until.isBefore(now));
      pruneAt.set(Math.max(PRUNE_FLOOR, revokedTokenIds.size() * 2));
    }
  }

  private void remember(User user) {
    if (user.disabled()) {
      activeEpochs.remove(user.id());
    } else {
      activeEpochs.put(user.id(), user.tokenEpoch());
    }
  }

  private void announce(Predicate<Principal> affected) {
    listeners.forEach(l -> l.accept(affected));
  }
}
