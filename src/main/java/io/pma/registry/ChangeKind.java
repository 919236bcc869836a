package io.pma.registry;

/** What applying an update did to the registry. */
public enum ChangeKind { ADDED, CHANGED, UNCHANGED }
