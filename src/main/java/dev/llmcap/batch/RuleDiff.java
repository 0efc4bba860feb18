package dev.llmcap.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.llmcap.model.LLMCapacityPlan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the plans two rule sets make for the same config, field by field: every value of the plan's sections
 * (inputs after defaults, resources, throughput, storage, network, scaling, cost, per-GPU options) by its dotted path.
 * Prose (headline, findings), the assumptions list, the rules' identity and the trace are not compared.
 */
public final class RuleDiff {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private static final Set<String> SKIPPED = Set.of("headline", "findings", "assumptions", "rules", "trace");

  /** One changed output: old and new values (null when absent) and the relative change in percent for numbers. */
  public record Change(String field, Object oldValue, Object newValue, Double changePct) {}

  private RuleDiff() {}

  /** The fields whose values differ, sorted by field path. */
  public static List<Change> compare(LLMCapacityPlan oldPlan, LLMCapacityPlan newPlan) {
    Map<String, Object> a = flatten(oldPlan);
    Map<String, Object> b = flatten(newPlan);
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<Change> out = new ArrayList<>();
    for (String k : keys) {
      Object x = a.get(k);
      Object y = b.get(k);
      if (!equal(x, y)) {
        out.add(new Change(k, x, y, pct(x, y)));
      }
    }
    return out;
  }

  /** The plan's compared values by dotted path (gpu_options keyed by GPU id, not by rank). */
  public static Map<String, Object> flatten(LLMCapacityPlan plan) {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonNode root = JSON.valueToTree(plan);
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (SKIPPED.contains(e.getKey())) {
        continue;
      }
      if (e.getKey().equals("gpu_options") && e.getValue().isArray()) {
        for (JsonNode opt : e.getValue()) {
          walk("gpu_options." + opt.path("gpu").asText(), opt, out);
        }
      } else {
        walk(e.getKey(), e.getValue(), out);
      }
    }
    return out;
  }

  private static void walk(String path, JsonNode node, Map<String, Object> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> walk(path + "." + e.getKey(), e.getValue(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(path + "[" + i + "]", node.get(i), out);
      }
    } else if (node.isIntegralNumber()) {
      out.put(path, node.longValue());
    } else if (node.isNumber()) {
      out.put(path, node.doubleValue());
    } else if (node.isBoolean()) {
      out.put(path, node.booleanValue());
    } else if (!node.isNull()) {
      out.put(path, node.asText());
    }
  }

  private static boolean equal(Object x, Object y) {
    if (x instanceof Double && y instanceof Double) {
      return Double.compare((Double) x, (Double) y) == 0;
    }
    return x == null ? y == null : x.equals(y);
  }

  private static Double pct(Object x, Object y) {
    if (x instanceof Number && y instanceof Number && ((Number) x).doubleValue() != 0) {
      double a = ((Number) x).doubleValue();
      double p = (((Number) y).doubleValue() - a) / Math.abs(a) * 100;
      return BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
    return null;
  }
}
