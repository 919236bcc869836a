-- The users' own name, area, icon and hidden flag per entity (PATCH /api/v1/entities/{id}).
-- A NULL column is not customised: the owner's value (in entities) is in force. Rows outlive
-- their entity, so an entity that an adapter removes and adds again keeps its customisation.
CREATE TABLE entity_customizations (
  entity_id TEXT PRIMARY KEY,
  name      TEXT,
  area      TEXT,
  icon      TEXT,
  hidden    INTEGER
);
