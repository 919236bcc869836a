package io.pma.store;

import java.util.List;
import java.util.Optional;

/** Accounts. Blocking calls: use from worker threads, never from an event loop. */
public interface UserStore {
  Optional<User> findById(String id);

  Optional<User> findByUsername(String username);

  List<User> list();

  /** Inserts; throws {@link StoreException} when the username is taken. */
  void insert(User user);

  void update(User user);

  boolean delete(String id);

  long count();
}
