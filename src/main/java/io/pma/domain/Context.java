package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Why an event happened (PROTOCOL.md section 9): {@code id} names one cause — a REST call, an
 * automation run, an adapter's report, an action PMA sent — {@code parentId} the cause that caused
 * it (an automation run's parent is the context of the event that triggered it), {@code userId}
 * the user behind it. Null parent and user mean none. Contexts travel with events unchanged, across
 * nodes too.
 *
 * <p>Ids are ULIDs as Home Assistant uses them: 26 characters of Crockford base 32, the first 10
 * the creation time in milliseconds and the other 16 eighty random bits, so ids sort by creation
 * time and two causes never share one in practice.
 */
@JsonPropertyOrder({"id", "parent_id", "user_id"})
public record Context(String id, String parentId, String userId) {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  /**
   * The random bits come from the calling thread's fast generator (no lock on the event path),
   * mixed with a per-process secret so that two processes seeded alike still differ.
   */
  private static final long SALT = new SecureRandom().nextLong();

  public Context {
    Objects.requireNonNull(id, "id");
  }

  /** A new cause that nothing else caused, on behalf of {@code userId} (null: nobody). */
  public static Context origin(String userId) {
    return new Context(newId(), null, userId);
  }

  /** A new cause that no user and nothing else caused (a device's own report, a timer). */
  public static Context fresh() {
    return origin(null);
  }

  /** A new cause that this one caused, on behalf of {@code childUserId} (null: nobody). */
  public Context child(String childUserId) {
    return new Context(newId(), id, childUserId);
  }

  /** A new ULID for the current time. */
  static String newId() {
    long millis = System.currentTimeMillis();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long low = random.nextLong() ^ SALT;
    long high = random.nextLong();
    char[] out = new char[26];
    // 48-bit time in 10 characters, then 80 random bits in 16: 60 from low, 20 from high.
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (millis & 31)];
      millis >>>= 5;
    }
    for (int i = 25; i >= 14; i--) {
      out[i] = CROCKFORD[(int) (low & 31)];
      low >>>= 5;
    }
    for (int i = 13; i >= 10; i--) {
      out[i] = CROCKFORD[(int) (high & 31)];
      high >>>= 5;
    }
    return new String(out);
  }
}
