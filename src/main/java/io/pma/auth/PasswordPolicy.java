package io.pma.auth;

import io.pma.domain.Refusal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which passwords PMA accepts, in the spirit of NIST SP 800-63B: long enough, not on a list of
 * common passwords, not one character repeated, not the username, and no composition rules (any
 * characters, spaces and emoji included). At most {@link #MAX_BYTES} bytes of UTF-8, because bcrypt
 * reads no more: a longer password would be silently cut, so it is refused instead of pre-hashed
 * (existing hashes stay valid, and 72 bytes is room for a passphrase of a dozen words). Immutable.
 */
public final class PasswordPolicy {
  public static final int MIN_CHARACTERS = 8;
  public static final int MAX_BYTES = 72;
  private static final String COMMON_LIST = "/auth/common-passwords.txt";

  private final Set<String> common;

  private PasswordPolicy(Set<String> common) {
    this.common = Set.copyOf(common);
  }

  /** The policy with the bundled list of common passwords. */
  public static PasswordPolicy standard() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_LIST)) {
      if (in == null) {
        throw new IllegalStateException(COMMON_LIST + " missing from the build");
      }
      Set<String> words = new HashSet<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          words.add(line.strip().toLowerCase(Locale.ROOT));
        }
      }
      return new PasswordPolicy(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Why {@code password} is refused for user {@code username}, or empty when it is accepted. */
  public Optional<String> problem(String password, String username) {
    if (password == null) {
      return Optional.of("is required");
    }
    if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
      return Optional.of("must have at least " + MIN_CHARACTERS + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("must be at most " + MAX_BYTES + " bytes in UTF-8");
    }
    if (password.codePoints().distinct().count() == 1) {
      return Optional.of("must not be one character repeated");
    }
    if (common.contains(password.toLowerCase(Locale.ROOT))) {
      return Optional.of("is too common; choose a password that is not on lists of common ones");
    }
    if (username != null && password.equalsIgnoreCase(username)) {
      return Optional.of("must not be the username");
    }
    return Optional.empty();
  }

  /** @throws AccountException (INVALID, field {@code field}) when the password is refused */
  public void check(String field, String password, String username) {
    problem(password, username).ifPresent(reason -> {
      throw new AccountException(Refusal.INVALID, field,
          "'" + field + "' " + reason);
    });
  }
}
