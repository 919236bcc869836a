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

  /**
   * Stores {@code user} unless that would leave no active admin; false then, and nothing changed.
   * Atomic against every other such change, also from other nodes sharing the database.
   */
  boolean updateKeepingAnAdmin(User user);

  /** Deletes user {@code id} unless that would leave no active admin; false then. Atomic. */
  boolean deleteKeepingAnAdmin(String id);

  long count();
}
