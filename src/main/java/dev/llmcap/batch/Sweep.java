package dev.llmcap.batch;

import dev.llmcap.config.FlagBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Parameter sweeps: each --sweep KEY=V1,V2,... names a configuration field (by its flag name, e.g. rps, gpu-type or
 * gpu, precision, or its config path, e.g. workload.requests_per_second) and the values to try. The cross product of
 * all sweeps is applied to every base config; the first sweep varies slowest.
 */
public final class Sweep {
  private static final Map<String, String> ALIASES = Map.of("gpu", "gpu-type", "p99", "p99-ms", "p50", "p50-ms",
      "utilization", "target-utilization");

  /** One swept field: the key as the user wrote it, the flag it maps to, its values. */
  public record Axis(String key, String flag, FlagBinding.Target target, List<String> values) {}

  private final List<Axis> axes;

  private Sweep(List<Axis> axes) {
    this.axes = List.copyOf(axes);
  }

  /** No sweep: one combination, no swept values. */
  public static Sweep none() {
    return new Sweep(List.of());
  }

  /** Most combinations a sweep may have per config. */
  public static final int MAX_COMBINATIONS = 1_000_000;

  /** Parses KEY=V1,V2 specs; an unknown key or an empty value list is an IllegalArgumentException naming the known keys. */
  public static Sweep parse(List<String> specs) {
    List<Axis> axes = new ArrayList<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--sweep expects KEY=V1,V2,... (got '" + spec + "')");
      }
      String key = spec.substring(0, eq).trim();
      String flag = flagOf(key);
      if (flag == null) {
        throw new IllegalArgumentException("--sweep: unknown key '" + key + "'; known keys: " + String.join(", ", knownKeys()));
      }
      List<String> values = new ArrayList<>();
      for (String v : spec.substring(eq + 1).split(",")) {
        if (!v.isBlank()) {
          values.add(v.trim());
        }
      }
      if (values.isEmpty()) {
        throw new IllegalArgumentException("--sweep " + key + ": no values (expected " + key + "=V1,V2,...)");
      }
      for (Axis a : axes) {
        if (a.flag().equals(flag)) {
          throw new IllegalArgumentException("--sweep: '" + key + "' and '" + a.key() + "' set the same field " + a.target().path());
        }
      }
      axes.add(new Axis(key, flag, FlagBinding.inference().get(flag), List.copyOf(values)));
    }
    long combinations = 1;
    for (Axis a : axes) {
      combinations = Math.min(combinations * a.values().size(), Long.MAX_VALUE / 1_000_000);
    }
    if (combinations > MAX_COMBINATIONS) {
      throw new IllegalArgumentException("--sweep: " + (combinations >= Long.MAX_VALUE / 1_000_000 ? "too many" : combinations)
          + " combinations per config; at most " + MAX_COMBINATIONS + " (split the sweep into several batches)");
    }
    return new Sweep(axes);
  }

  /** The flag a sweep key maps to: a flag name, an alias, a config path (section.field) or a bare field name. */
  static String flagOf(String key) {
    Map<String, FlagBinding.Target> flags = FlagBinding.inference();
    String k = key.startsWith("--") ? key.substring(2) : key;
    if (flags.containsKey(k)) {
      return k;
    }
    if (ALIASES.containsKey(k)) {
      return ALIASES.get(k);
    }
    for (Map.Entry<String, FlagBinding.Target> e : flags.entrySet()) {
      String path = e.getValue().path();
      if (path.equals(k) || path.substring(path.indexOf('.') + 1).equals(k)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Every accepted key (flag names and aliases), sorted. */
  public static List<String> knownKeys() {
    TreeSet<String> keys = new TreeSet<>(FlagBinding.inference().keySet());
    keys.addAll(ALIASES.keySet());
    return new ArrayList<>(keys);
  }

  public List<Axis> axes() { return axes; }

  /** Column names of the swept values: sweep_KEY. */
  public List<String> columns() {
    List<String> out = new ArrayList<>();
    axes.forEach(a -> out.add("sweep_" + a.key().replace('.', '_').replace('-', '_')));
    return out;
  }

  /** Number of combinations (1 without sweeps). */
  public int size() {
    int n = 1;
    for (Axis a : axes) {
      n = Math.multiplyExact(n, a.values().size());
    }
    return n;
  }

  /** The i-th combination (0 <= i < size()), as flag to value in axis order; the first axis varies slowest. */
  public Map<String, String> combination(int index) {
    Map<String, String> out = new LinkedHashMap<>();
    int stride = size();
    int rest = index;
    for (Axis a : axes) {
      stride /= a.values().size();
      out.put(a.flag(), a.values().get(rest / stride));
      rest %= stride;
    }
    return out;
  }
}
