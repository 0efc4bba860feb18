package dev.llmcap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Finds figures in a plan's JSON that are not finite numbers or sit at an integer type's limit (a saturated cast). */
public final class Figures {
  private Figures() {}

  /** Paths (with the value) of numbers that are not finite or saturated, and of texts that spell such a number. */
  public static List<String> bad(JsonNode plan) {
    List<String> out = new ArrayList<>();
    collect(plan, "", out);
    return out;
  }

  private static void collect(JsonNode node, String path, List<String> out) {
    if (node.isNumber()) {
      double v = node.asDouble();
      boolean saturated = node.isIntegralNumber() && (node.asLong() == Integer.MAX_VALUE || node.asLong() == Long.MAX_VALUE
          || node.asLong() == Integer.MIN_VALUE || node.asLong() == Long.MIN_VALUE);
      if (!Double.isFinite(v) || saturated || v == Integer.MAX_VALUE || v == (double) Long.MAX_VALUE) {
        out.add(path + "=" + node);
      }
    } else if (node.isTextual()) {
      // "Infinity Fabric" is AMD's GPU link, named in the interconnect formulas
      String t = node.asText().replace("Infinity Fabric", "");
      if (t.matches("(?s).*(\\bNaN\\b|\\bInfinity\\b|2147483647|9223372036854775807|2,147,483,647).*")) {
        out.add(path + "=" + (t.length() > 200 ? t.substring(0, 200) + "..." : t));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "[" + i + "]", out);
      }
    } else {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        collect(e.getValue(), path + "." + e.getKey(), out);
      }
    }
  }
}
