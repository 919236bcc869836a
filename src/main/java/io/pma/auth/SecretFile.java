package io.pma.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** A secret generated once and kept in the data directory, readable by the owner only (mode 600). */
public final class SecretFile {
  private SecretFile() {}

  /** Reads the secret in {@code file}, creating it with 48 random bytes when absent. */
  public static String readOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first: use theirs.
        }
      }
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create secret " + file, e);
    }
  }
}
