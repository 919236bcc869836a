package io.pma.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.history.HistoryReader.AttributeRow;
import io.pma.history.HistoryReader.StateRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one entity's state rows and attribute rows into history items: the state in force at the
 * start first, then one item per instant at which the state or the attribute set changed, each
 * with the state and attributes in force then. {@code last_changed} is when the state itself last
 * changed (so it may precede {@code start} in the first item). Pure.
 */
final class HistoryMerge {
  private HistoryMerge() {}

  static List<HistoryItem> states(StateRow first, List<StateRow> rows) {
    List<HistoryItem> items = new ArrayList<>(rows.size() + 1);
    if (first != null) {
      items.add(new HistoryItem(first.state(), null, first.ts(), first.ts(), first.contextId()));
    }
    for (StateRow row : rows) {
      items.add(new HistoryItem(row.state(), null, row.ts(), row.ts(), row.contextId()));
    }
    return items;
  }

  static List<HistoryItem> withAttributes(StateRow first, List<StateRow> rows,
      AttributeRow firstAttributes, List<AttributeRow> attributeRows) {
    List<HistoryItem> items = new ArrayList<>(rows.size() + attributeRows.size() + 1);
    StateRow state = first;
    ObjectNode attributes = firstAttributes == null ? null : firstAttributes.attributes();
    if (state != null) {
      long updated = firstAttributes == null ? state.ts()
          : Math.max(state.ts(), firstAttributes.ts());
      items.add(new HistoryItem(state.state(), orEmpty(attributes), state.ts(), updated,
          state.contextId()));
    }
    int s = 0;
    int a = 0;
    while (s < rows.size() || a < attributeRows.size()) {
      long ts = Math.min(s < rows.size() ? rows.get(s).ts() : Long.MAX_VALUE,
          a < attributeRows.size() ? attributeRows.get(a).ts() : Long.MAX_VALUE);
      if (s < rows.size() && rows.get(s).ts() == ts) {
        state = rows.get(s++);
      }
      if (a < attributeRows.size() && attributeRows.get(a).ts() == ts) {
        attributes = attributeRows.get(a++).attributes();
      }
      if (state != null) {
        items.add(new HistoryItem(state.state(), orEmpty(attributes), state.ts(), ts,
            state.ts() == ts ? state.contextId() : null));
      }
    }
    return items;
  }

  private static ObjectNode orEmpty(ObjectNode attributes) {
    return attributes != null ? attributes : io.pma.domain.Json.object();
  }
}
