package io.pma.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Entity;
import io.pma.domain.EntityCustomization;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import io.pma.registry.EntityStore;
import io.pma.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Entities in SQL, attributes as JSON text; the users' customisations in their own table. */
public final class SqlEntityStore implements EntityStore {
  private static final String UPSERT = "INSERT INTO entities(entity_id, name, state, attributes,"
      + " source, adapter_id, area, available, last_changed, last_updated)"
      + " VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(entity_id) DO UPDATE SET name=excluded.name,"
      + " state=excluded.state, attributes=excluded.attributes, source=excluded.source,"
      + " adapter_id=excluded.adapter_id, area=excluded.area, available=excluded.available,"
      + " last_changed=excluded.last_changed, last_updated=excluded.last_updated";
  private static final String UPSERT_CUSTOMIZATION = "INSERT INTO entity_customizations(entity_id,"
      + " name, area, icon, hidden) VALUES (?,?,?,?,?) ON CONFLICT(entity_id) DO UPDATE SET"
      + " name=excluded.name, area=excluded.area, icon=excluded.icon, hidden=excluded.hidden";

  private final SqlDatabase database;

  public SqlEntityStore(SqlDatabase database) {
    this.database = database;
  }

  @Override
  public List<Entity> loadAll() {
    return database.list("SELECT * FROM entities", SqlEntityStore::read);
  }

  @Override
  public Map<EntityId, EntityCustomization> loadCustomizations() {
    return database.withConnection(c -> {
      Map<EntityId, EntityCustomization> result = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM entity_customizations")) {
        ResultSet rs = ps.executeQuery();
        while (rs.next()) {
          EntityId id = EntityId.parse(rs.getString("entity_id"));
          String name = rs.getString("name");
          String area = rs.getString("area");
          String icon = rs.getString("icon");
          int hidden = rs.getInt("hidden");
          Boolean hiddenOrNull = rs.wasNull() ? null : hidden == 1;
          result.put(id, new EntityCustomization(name, area, icon, hiddenOrNull));
        }
      }
      return result;
    });
  }

  @Override
  public void write(Collection<Entity> upserts, Collection<EntityId> deletions,
      Map<EntityId, EntityCustomization> customized) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        for (Entity e : upserts) {
          bind(ps, e);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM entities WHERE entity_id=?")) {
        for (EntityId id : deletions) {
          ps.setString(1, id.toString());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      writeCustomizations(c, customized);
      return null;
    });
  }

  private static void writeCustomizations(java.sql.Connection c,
      Map<EntityId, EntityCustomization> customized) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(UPSERT_CUSTOMIZATION);
        PreparedStatement delete = c.prepareStatement(
            "DELETE FROM entity_customizations WHERE entity_id=?")) {
      for (Map.Entry<EntityId, EntityCustomization> entry : customized.entrySet()) {
        EntityCustomization custom = entry.getValue();
        if (custom.isEmpty()) {
          delete.setString(1, entry.getKey().toString());
          delete.addBatch();
          continue;
        }
        upsert.setString(1, entry.getKey().toString());
        upsert.setString(2, custom.name());
        upsert.setString(3, custom.area());
        upsert.setString(4, custom.icon());
        if (custom.hidden() == null) {
          upsert.setNull(5, java.sql.Types.INTEGER);
        } else {
          upsert.setInt(5, custom.hidden() ? 1 : 0);
        }
        upsert.addBatch();
      }
      upsert.executeBatch();
      delete.executeBatch();
    }
  }

  private static void bind(PreparedStatement ps, Entity e) throws SQLException {
    ps.setString(1, e.entityId().toString());
    ps.setString(2, e.name());
    ps.setString(3, e.state());
    ps.setString(4, e.attributes().toString());
    ps.setString(5, e.source());
    ps.setString(6, e.adapterId());
    ps.setString(7, e.area());
    ps.setInt(8, e.available() ? 1 : 0);
    ps.setString(9, e.lastChanged().toString());
    ps.setString(10, e.lastUpdated().toString());
  }

  private static Entity read(ResultSet rs) throws SQLException {
    try {
      return new Entity(EntityId.parse(rs.getString("entity_id")), rs.getString("name"),
          rs.getString("state"), (ObjectNode) Json.MAPPER.readTree(rs.getString("attributes")),
          rs.getString("source"), rs.getString("adapter_id"), rs.getString("area"),
          rs.getInt("available") == 1, Instant.parse(rs.getString("last_changed")),
          Instant.parse(rs.getString("last_updated")), null);
    } catch (JsonProcessingException e) {
      throw new StoreException("corrupt attributes of " + rs.getString("entity_id"), e);
    }
  }
}
