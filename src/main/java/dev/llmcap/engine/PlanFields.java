package dev.llmcap.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a plan that a rule concludes, as "section.field" paths of the plan's JSON, and the conclusion each is
 * read from (the plan assemblers copy them by name; this is the same naming, written down once for explanations).
 * A field not listed here is read from the conclusion of its own name.
 */
public final class PlanFields {
  /** Sections of an inference or training plan whose fields come from rule conclusions. */
  private static final List<String> SECTIONS = List.of("gpu_resources", "throughput", "storage", "network", "scaling", "cost",
      "training_metrics", "data_parallel_config");

  /** Fields whose conclusion carries another name. */
  private static final Map<String, String> RENAMED = Map.ofEntries(
      Map.entry("gpu_resources.min_gpus_per_replica", "gpus_per_replica"),
      Map.entry("gpu_resources.recommended_gpu_type", "Recommendation"),
      Map.entry("gpu_resources.kv_cache_gb", "kv_in_use_gb"),
      Map.entry("gpu_resources.kv_cache_budget_gb", "kv_budget_gb"),
      Map.entry("gpu_resources.max_batch_size", "max_batch"),
      Map.entry("gpu_resources.recommended_batch_size", "recommended_batch"),
      Map.entry("gpu_resources.planner_batch_size", "planner_batch"),
      Map.entry("gpu_resources.gpu_memory_provisioned_gb", "usable_memory_gb"),
      Map.entry("throughput.estimated_ttft_ms", "ttft_p50_ms"),
      Map.entry("throughput.estimated_itl_ms", "itl_ms"),
      Map.entry("throughput.rps_capacity_per_replica", "replica_rps_capacity"),
      Map.entry("scaling.recommended_min_replicas", "min_replicas"),
      Map.entry("scaling.recommended_max_replicas", "max_replicas"),
      Map.entry("cost.monthly_gpu_cost_at_min_replicas", "monthly_gpu_cost_at_min"),
      Map.entry("cost.monthly_gpu_cost_at_max_replicas", "monthly_gpu_cost_at_max"),
      Map.entry("cost.cloud", "price"),
      Map.entry("cost.region", "price"),
      Map.entry("cost.instance_type", "price"),
      Map.entry("cost.price_date", "price"),
      Map.entry("cost.price_source", "price"));

  private PlanFields() {}

  /** Every "section.field" of the plan with a value (plus "verdict"), with the value as text, in plan order. */
  public static Map<String, String> of(JsonNode plan) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (plan.has("verdict")) {
      fields.put("verdict", plan.get("verdict").asText());
    }
    for (String section : SECTIONS) {
      JsonNode s = plan.get(section);
      if (s == null || !s.isObject()) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getValue().isValueNode() && !f.getValue().isNull()) {
          fields.put(section + "." + f.getKey(), f.getValue().asText());
        }
      }
    }
    return fields;
  }

  /** The subject of the conclusion a field is read from: a quantity name, a finding kind, "verdict" or a fact type. */
  public static String subject(String field) {
    String renamed = RENAMED.get(field);
    if (renamed != null) {
      return renamed;
    }
    int dot = field.lastIndexOf('.');
    return dot < 0 ? field : field.substring(dot + 1);
  }

  /** The known names closest to a mistyped one (edit distance at most a third of its length, at least 3), best first. */
  public static List<String> closest(String wrong, java.util.Collection<String> known) {
    List<Map.Entry<String, Integer>> scored = new ArrayList<>();
    String w = wrong.toLowerCase(java.util.Locale.ROOT);
    for (String k : known) {
      String kk = k.toLowerCase(java.util.Locale.ROOT);
      int d = Math.min(distance(w, kk), distance(w, kk.substring(kk.lastIndexOf('.') + 1)));
      if (d <= Math.max(3, w.length() / 3) || kk.contains(w) && w.length() >= 4) {
        scored.add(Map.entry(k, d));
      }
    }
    scored.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(3, scored.size()); i++) {
      out.add(scored.get(i).getKey());
    }
    return out;
  }

  private static int distance(String a, String b) {
    return org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance().apply(a, b);
  }
}
