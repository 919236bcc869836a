package io.pma.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pma.auth.Role;
import java.time.Instant;
import java.util.Set;

/** A stored account. The password hash never leaves the server ({@link JsonIgnore}). */
@JsonPropertyOrder({"id", "username", "roles", "disabled", "created_at"})
public record User(String id, String username, @JsonIgnore String passwordHash, Set<Role> roles,
    boolean disabled, Instant createdAt) {}
