package dev.llmcap.batch;

import dev.llmcap.engine.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The closing summary of a batch (printed on stderr): configs in and rows out, counts by status, the fleet the ok and
 * sla_miss rows add up to (GPUs, monthly cost), and which configs are infeasible, miss their SLA or failed.
 */
public final class BatchSummary {
  private static final int LIST_LIMIT = 20;
  private static final List<String> STATUSES = List.of("ok", "sla_miss", "infeasible", BatchRow.ERROR);

  private BatchSummary() {}

  /** The summary lines for rows computed from configsIn configurations in the given seconds. */
  public static List<String> lines(int configsIn, List<BatchRow> rows, Sweep sweep, double seconds, int threads, double cpuSeconds) {
    Map<String, List<String>> byStatus = new TreeMap<>();
    long gpus = 0;
    double cost = 0;
    boolean anyCost = false;
    for (BatchRow r : rows) {
      byStatus.computeIfAbsent(r.status(), k -> new ArrayList<>()).add(label(r, sweep));
      if (!BatchRow.ERROR.equals(r.status()) && !"infeasible".equals(r.status())) {
        Map<String, Object> f = r.fields();
        if (f.get("total_gpus") instanceof Integer) {
          gpus += (Integer) f.get("total_gpus");
        }
        if (f.get("monthly_total_cost_usd") instanceof Double) {
          cost += (Double) f.get("monthly_total_cost_usd");
          anyCost = true;
        }
      }
    }
    List<String> out = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    for (String s : STATUSES) {
      counts.add(byStatus.getOrDefault(s, List.of()).size() + " " + s);
    }
    byStatus.keySet().stream().filter(s -> !STATUSES.contains(s)).forEach(s -> counts.add(byStatus.get(s).size() + " " + s));
    out.add("llmcap batch: " + configsIn + " configs in, " + rows.size() + " rows out: " + String.join(", ", counts));
    if (sweep.axes().isEmpty()) {
      out.add(String.format(Locale.ROOT, "  planned fleet (ok + sla_miss rows): %d GPUs at peak, %s", gpus,
          anyCost ? "$" + String.format(Locale.ROOT, "%,.0f", cost) + " per month" : "no priced plan"));
    } else {
      // a sweep's rows are alternatives, not one fleet: each combination of swept values is summed on its own
      out.addAll(perAlternative(rows, sweep));
    }
    for (String s : List.of("infeasible", "sla_miss")) {
      List<String> names = byStatus.getOrDefault(s, List.of());
      if (!names.isEmpty()) {
        out.add("  " + s + ": " + list(names));
      }
    }
    if (rows.stream().anyMatch(r -> BatchRow.ERROR.equals(r.status()))) {
      out.add("  errors (first " + Math.min(LIST_LIMIT, byStatus.get(BatchRow.ERROR).size()) + "):");
      rows.stream().filter(r -> BatchRow.ERROR.equals(r.status())).limit(LIST_LIMIT)
          .forEach(r -> out.add("    " + label(r, sweep) + ": " + r.error()));
    }
    String cpu = Double.isNaN(cpuSeconds) || cpuSeconds <= 0 || rows.isEmpty() ? ""
        : "; " + Fmt.n(cpuSeconds * 1000 / rows.size()) + " ms CPU per plan (" + Fmt.n(rows.size() / cpuSeconds) + " plans per CPU-second)";
    out.add(String.format(Locale.ROOT, "  %s plans in %s s on %d thread(s): %s plans/s%s", rows.size(), Fmt.n(seconds), threads,
        Fmt.n(seconds > 0 ? rows.size() / seconds : 0), cpu));
    return out;
  }

  /** One line per combination of swept values: its ok/sla_miss rows' GPUs and monthly cost (first LIST_LIMIT). */
  static List<String> perAlternative(List<BatchRow> rows, Sweep sweep) {
    Map<List<String>, long[]> gpus = new java.util.LinkedHashMap<>();
    Map<List<String>, double[]> cost = new java.util.LinkedHashMap<>();
    Map<List<String>, int[]> counts = new java.util.LinkedHashMap<>();
    for (BatchRow r : rows) {
      List<String> key = r.sweepValues();
      gpus.computeIfAbsent(key, k -> new long[1]);
      cost.computeIfAbsent(key, k -> new double[] {0, 0});
      int[] c = counts.computeIfAbsent(key, k -> new int[2]);
      c[1]++;
      if (BatchRow.ERROR.equals(r.status()) || "infeasible".equals(r.status())) {
        continue;
      }
      c[0]++;
      if (r.fields().get("total_gpus") instanceof Integer g) {
        gpus.get(key)[0] += g;
      }
      if (r.fields().get("monthly_total_cost_usd") instanceof Double d) {
        cost.get(key)[0] += d;
        cost.get(key)[1] = 1;
      }
    }
    List<String> out = new ArrayList<>();
    out.add("  per alternative (ok + sla_miss rows of each swept combination; alternatives are not added up):");
    int shown = 0;
    for (Map.Entry<List<String>, int[]> e : counts.entrySet()) {
      if (shown++ == LIST_LIMIT) {
        out.add("    ... and " + (counts.size() - LIST_LIMIT) + " more combinations (see the rows)");
        break;
      }
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < sweep.axes().size(); i++) {
        parts.add(sweep.axes().get(i).key() + "=" + e.getKey().get(i));
      }
      double[] c = cost.get(e.getKey());
      out.add(String.format(Locale.ROOT, "    [%s] %d/%d planned: %d GPUs at peak, %s", String.join(" ", parts), e.getValue()[0],
          e.getValue()[1], gpus.get(e.getKey())[0],
          c[1] > 0 ? "$" + String.format(Locale.ROOT, "%,.0f", c[0]) + " per month" : "no priced plan"));
    }
    return out;
  }

  static String label(BatchRow r, Sweep sweep) {
    if (r.sweepValues().isEmpty()) {
      return r.source();
    }
    List<String> parts = new ArrayList<>();
    List<Sweep.Axis> axes = sweep.axes();
    for (int i = 0; i < axes.size(); i++) {
      parts.add(axes.get(i).key() + "=" + r.sweepValues().get(i));
    }
    return r.source() + " [" + String.join(" ", parts) + "]";
  }

  private static String list(List<String> names) {
    if (names.size() <= LIST_LIMIT) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, LIST_LIMIT)) + " ... and " + (names.size() - LIST_LIMIT) + " more";
  }
}
