package io.pma.domain;

/**
 * The user's own name, area, icon and hidden flag for one entity ({@code PATCH
 * /api/v1/entities/{id}}). A null field is not customised: the owner's value is in force. Kept
 * apart from what the owner reports, so an adapter's later report never overwrites it and a reset
 * brings the owner's value back.
 */
public record EntityCustomization(String name, String area, String icon, Boolean hidden) {
  public static final EntityCustomization NONE = new EntityCustomization(null, null, null, null);

  public boolean isEmpty() {
    return name == null && area == null && icon == null && hidden == null;
  }

  /** The entity as shown: {@code reported} (what its owner says) with these fields in force. */
  public Entity applyTo(Entity reported) {
    if (isEmpty()) {
      return reported;
    }
    return new Entity(reported.entityId(), name != null ? name : reported.name(), reported.state(),
        reported.attributes(), reported.source(), reported.adapterId(),
        area != null ? area : reported.area(), icon != null ? icon : reported.icon(),
        hidden != null ? hidden : reported.hidden(), reported.available(), reported.lastChanged(),
        reported.lastUpdated(), reported.contextId());
  }
}
