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

  /** Loads the current state from the stores (at start-up). */
  public TokenRevocations(UserStore users, AccessTokenStore tokens, Clock clock) {
    users.list().forEach(this::remember);
    revokedTokenIds.addAll(tokens.revokedUnexpired(clock.instant()));
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
  }

  /** A user was created or changed; their older tokens stop working if the epoch moved. */
  public void userChanged(User user) {
    Long previous = activeEpochs.get(user.id());
    remember(user);
    if (previous != null && (previous != user.tokenEpoch() || user.disabled())) {
      announce(p -> user.id().equals(p.userId()));
    }
  }

  public void userDeleted(String userId) {
    activeEpochs.remove(userId);
    announce(p -> userId.equals(p.userId()));
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
