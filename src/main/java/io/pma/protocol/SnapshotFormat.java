package io.pma.protocol;

/**
 * How a {@code pma_entity_snapshot} writes its entities: with or without attributes, and in the
 * default form (objects, as {@code GET /api/v1/entities} returns them) or the opt-in compact one
 * ({@link CompactEntities}).
 */
public record SnapshotFormat(boolean withAttributes, boolean compact) {
  public static SnapshotFormat of(boolean withAttributes, boolean compact) {
    return new SnapshotFormat(withAttributes, compact);
  }
}
