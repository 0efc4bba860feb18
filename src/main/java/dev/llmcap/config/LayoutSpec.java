package dev.llmcap.config;

import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a fixed training layout (training.layout, --layout TP8,PP16,DP64) against the GPU count and the model before
 * any rule runs: known keys, each once, TP x PP x CP x DP equal to the GPUs, TP dividing the attention heads, EP
 * dividing the experts, PP at most the layers. Problems name the field, the bad value and the allowed values.
 */
final class LayoutSpec {
  static final List<String> KEYS = List.of("TP", "PP", "VP", "CP", "EP", "DP", "ZERO");

  private LayoutSpec() {}

  /** The layout in canonical spelling (upper case, no spaces), or the problems found. */
  static String check(String layout, Integer numGpus, Optional<ModelSpec> model, Optional<GpuSpec> gpu, List<String> problems) {
    Map<String, Integer> d = new LinkedHashMap<>();
    for (String raw : layout.split(",")) {
      String part = raw.trim().toUpperCase(Locale.ROOT);
      String key = null;
      for (String k : KEYS) {
        if (part.startsWith(k) && part.length() > k.length() && part.substring(k.length()).chars().allMatch(Character::isDigit)) {
          key = k;
        }
      }
      if (key == null) {
        problems.add("training.layout part '" + raw.trim() + "' is not understood; write KEYn parts separated by commas, keys " + KEYS
            + " (e.g. TP8,PP16,DP64)");
        return null;
      }
      if (d.containsKey(key)) {
        problems.add("training.layout names " + key + " twice ('" + layout + "')");
        return null;
      }
      int v;
      try {
        v = Integer.parseInt(part.substring(key.length()));
      } catch (NumberFormatException e) {
        problems.add("training.layout " + key + " value '" + part.substring(key.length()) + "' is too large");
        return null;
      }
      d.put(key, v);
    }
    int before = problems.size();
    for (Map.Entry<String, Integer> e : d.entrySet()) {
      if (e.getKey().equals("ZERO") ? e.getValue() > 3 : e.getValue() < 1) {
        problems.add("training.layout " + e.getKey() + e.getValue() + " is out of range (allowed: " + (e.getKey().equals("ZERO") ? "ZERO0-ZERO3" : e.getKey() + "1 or more") + ")");
      }
    }
    int tp = d.getOrDefault("TP", 1);
    int pp = d.getOrDefault("PP", 1);
    int cp = d.getOrDefault("CP", 1);
    int vp = d.getOrDefault("VP", 1);
    int ep = d.getOrDefault("EP", 1);
    long mp = (long) tp * pp * cp;
    if (d.containsKey("DP")) {
      long product = mp * d.get("DP");
      if (numGpus != null && product != numGpus) {
        problems.add("training.layout TP" + tp + " x PP" + pp + " x CP" + cp + " x DP" + d.get("DP") + " = " + product + " GPUs, but training.num_gpus is "
            + numGpus + " (allowed: DP" + (numGpus % mp == 0 ? String.valueOf(numGpus / mp) : " none: " + numGpus + " is not a multiple of TP x PP x CP = " + mp) + ")");
      }
    } else if (numGpus == null) {
      problems.add("training.layout has no DP and training.num_gpus is not given: add DPn to the layout or --num-gpus");
    } else if (numGpus % mp != 0) {
      problems.add("training.layout TP" + tp + " x PP" + pp + " x CP" + cp + " = " + mp + " does not divide training.num_gpus " + numGpus
          + " (allowed: a TP x PP x CP that divides " + numGpus + ")");
    }
    int zero = d.getOrDefault("ZERO", 0);
    Long dp = d.containsKey("DP") ? Long.valueOf(d.get("DP")) : numGpus != null && mp > 0 && numGpus % mp == 0 ? Long.valueOf(numGpus / mp) : null;
    if (zero >= 1 && dp != null && dp == 1) {
      problems.add("training.layout ZERO" + zero + " shards the model states over the data-parallel group, and DP1 has nothing to shard them over"
          + " (allowed with DP1: ZERO0; or DP2 and more)");
    }
    if (model.isPresent()) {
      ModelSpec m = model.get();
      if (m.getAttentionHeads() % tp != 0) {
        problems.add("training.layout TP" + tp + " does not divide the " + m.getAttentionHeads() + " attention heads of " + m.getId() + " (allowed: TP "
            + divisors(m.getAttentionHeads(), 64) + ")");
      }
      if (pp > m.getLayers()) {
        problems.add("training.layout PP" + pp + " exceeds the " + m.getLayers() + " layers of " + m.getId() + " (allowed: PP1-PP" + m.getLayers() + ")");
      } else if (vp > 1 && m.getLayers() < pp * vp) {
        problems.add("training.layout VP" + vp + " x PP" + pp + " exceeds the " + m.getLayers() + " layers of " + m.getId()
            + " (allowed: VP1-VP" + m.getLayers() / pp + ")");
      }
      if (ep > 1 && m.getExperts() == 0) {
        problems.add("training.layout EP" + ep + " needs a mixture-of-experts model; " + m.getId() + " is dense (allowed: EP1)");
      } else if (m.getExperts() > 0 && m.getExperts() % ep != 0) {
        problems.add("training.layout EP" + ep + " does not divide the " + m.getExperts() + " experts of " + m.getId() + " (allowed: EP "
            + divisors(m.getExperts(), m.getExperts()) + ")");
      }
    }
    if (d.containsKey("DP") && ep > 1 && d.get("DP") % ep != 0) {
      problems.add("training.layout EP" + ep + " must divide DP" + d.get("DP") + " (experts are split within the data-parallel group)");
    }
    if (vp > 1 && pp == 1) {
      problems.add("training.layout VP" + vp + " needs pipeline stages (allowed with PP1: VP1)");
    }
    gpu.ifPresent(g -> {
      if (tp > g.getMaxGpusPerNode()) {
        problems.add("training.layout TP" + tp + " spans more than the " + g.getMaxGpusPerNode() + " GPUs of a " + g.getId() + " node (allowed: TP1-TP"
            + g.getMaxGpusPerNode() + "; tensor parallelism stays inside the fast-link domain)");
      }
    });
    if (problems.size() > before) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Integer> e : d.entrySet()) {
      sb.append(sb.length() == 0 ? "" : ",").append(e.getKey()).append(e.getValue());
    }
    return sb.toString();
  }

  /** The GPU count a layout with DP implies. */
  static Integer gpus(String canonical) {
    long n = 1;
    boolean dp = false;
    for (String part : canonical.split(",")) {
      for (String k : List.of("TP", "PP", "CP", "DP")) {
        if (part.startsWith(k)) {
          n *= Long.parseLong(part.substring(k.length()));
          dp |= k.equals("DP");
        }
      }
    }
    return dp && n <= Integer.MAX_VALUE ? (int) n : null;
  }

  private static List<Integer> divisors(int of, int max) {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i <= Math.min(of, max); i++) {
      if (of % i == 0) {
        out.add(i);
      }
    }
    return out;
  }

}
