package io.pma.auth;

import io.pma.store.AccessTokenStore;
import io.pma.store.User;
import io.pma.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which tokens no longer count, kept in memory so every request and socket can check it cheaply:
 * revoked token ids, and each active user's token epoch (deleted and disabled users have none).
 * Changes are announced to listeners (the WebSocket hub) with a predicate selecting the affected
 * principals, so already-open sockets lose their rights at once. Thread-safe.
 */
public final class TokenRevocations implements RevocationCheck {
  private final Set<String> revokedTokenIds = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> activeEpochs = new ConcurrentHashMap<>();
  private final List<Consumer<Predicate<Principal>>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Change>> localChanges = new CopyOnWriteArrayList<>();
  private final UserStore users;
  private final AccessTokenStore tokens;
  private final Clock clock;

  /** A change made on this node, as other nodes need to hear of it. */
  public record Change(Kind kind, String id) {
    /** TOKEN_REVOKED carries a token id, USER_CHANGED a user id (created, changed or deleted). */
    public enum Kind { TOKEN_REVOKED, USER_CHANGED }
  }

  /** Loads the current state from the stores (at start-up). */
  public TokenRevocations(UserStore users, AccessTokenStore tokens, Clock clock) {
    this.users = users;
    this.tokens = tokens;
    this.clock = clock;
    users.list().forEach(this::remember);
    revokedTokenIds.addAll(tokens.revokedUnexpired(clock.instant()));
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
    if (change.kind() == Change.Kind.TOKEN_REVOKED) {
      revokedTokenIds.add(change.id());
      announce(p -> change.id().equals(p.tokenId()));
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
    for (String id : tokens.revokedUnexpired(clock.instant())) {
      if (revokedTokenIds.add(id)) {
        announce(p -> id.equals(p.tokenId()));
      }
    }
  }

  @Override
  public boolean rejects(String userId, String tokenId, long epoch) {
    Long current = activeEpochs.get(userId);
    return current == null || current != epoch
        || (tokenId != null && revokedTokenIds.contains(tokenId));
  }

  /** Registers a listener told which principals just lost their token's validity. */
  public void onRevoke(Consumer<Predicate<Principal>> listener) {
    listeners.add(listener);
  }

  public void tokenRevoked(String tokenId) {
    revokedTokenIds.add(tokenId);
    announce(p -> tokenId.equals(p.tokenId()));
    relay(new Change(Change.Kind.TOKEN_REVOKED, tokenId));
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
