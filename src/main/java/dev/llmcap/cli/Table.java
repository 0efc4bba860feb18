package dev.llmcap.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.config.Json;
import dev.llmcap.engine.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A listing of rows with named columns, printed as an aligned text table or as a JSON array of objects (one key per
 * column). A column is one {@link #text} or {@link #number} call, so a listing gains a column with one line.
 */
final class Table<T> {
  /** One column: JSON key, text header, right-aligned (numbers) or not, and how a row's value is read (null shows -). */
  record Column<T>(String key, String header, boolean right, Function<T, Object> value) {}

  private final List<Column<T>> columns = new ArrayList<>();

  /** Adds a left-aligned column. */
  Table<T> text(String key, String header, Function<T, Object> value) {
    columns.add(new Column<>(key, header, false, value));
    return this;
  }

  /** Adds a right-aligned numeric column. */
  Table<T> number(String key, String header, Function<T, Object> value) {
    columns.add(new Column<>(key, header, true, value));
    return this;
  }

  List<Column<T>> columns() {
    return columns;
  }

  /** The rows as an aligned table with a header line; two spaces between columns, no trailing blanks. */
  String toText(List<T> rows) {
    List<String[]> cells = new ArrayList<>();
    String[] header = new String[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      header[c] = columns.get(c).header();
    }
    cells.add(header);
    for (T row : rows) {
      String[] line = new String[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        line[c] = cell(columns.get(c).value().apply(row));
      }
      cells.add(line);
    }
    int[] width = new int[columns.size()];
    for (String[] line : cells) {
      for (int c = 0; c < line.length; c++) {
        width[c] = Math.max(width[c], line[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] line : cells) {
      StringBuilder l = new StringBuilder();
      for (int c = 0; c < line.length; c++) {
        if (c > 0) {
          l.append("  ");
        }
        String pad = " ".repeat(width[c] - line[c].length());
        l.append(columns.get(c).right() ? pad + line[c] : line[c] + pad);
      }
      sb.append(l.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** The rows as a pretty-printed JSON array; numbers stay numbers, lists become arrays, absent values null. */
  String toJson(List<T> rows) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (T row : rows) {
      ObjectNode o = array.addObject();
      for (Column<T> c : columns) {
        o.set(c.key(), Json.shared().valueToTree(c.value().apply(row)));
      }
    }
    try {
      return Json.shared().writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cell(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double d) {
      return d.isNaN() ? "-" : Fmt.n(d);
    }
    if (v instanceof List<?> list) {
      return list.isEmpty() ? "-" : String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(v);
  }
}
