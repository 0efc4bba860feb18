package dev.llmcap.batch;

import dev.llmcap.engine.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The closing summary of a batch (printed on stderr): configs in and rows out, counts by status, the fleet the ok and
 * sla_miss rows add up to (GPUs, monthly cost), and which configs are infeasible, miss their SLA or failed.
 */
public final class BatchSummary {
  /** How many configs of each status are named in the summary. */
  public static final int LIST_LIMIT = 20;
  private static final List<String> STATUSES = List.of("ok", "sla_miss", "infeasible", BatchRow.ERROR);

  private BatchSummary() {}

  /** The summary lines for rows computed from configsIn configurations in the given seconds. */
  public static List<String> lines(int configsIn, List<BatchRow> rows, Sweep sweep, double seconds, int threads, double cpuSeconds) {
    BatchTally tally = new BatchTally(sweep, LIST_LIMIT);
    rows.forEach(tally);
    return lines(configsIn, tally, seconds, threads, cpuSeconds);
  }

  /** The summary lines from a tally of the rows written. */
  public static List<String> lines(long configsIn, BatchTally tally, double seconds, int threads, double cpuSeconds) {
    List<String> out = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    for (String s : STATUSES) {
      counts.add(tally.count(s) + " " + s);
    }
    tally.counts().keySet().stream().filter(s -> !STATUSES.contains(s)).forEach(s -> counts.add(tally.count(s) + " " + s));
    long rows = tally.rows();
    out.add("llmcap batch: " + configsIn + " configs in, " + rows + " rows out: " + String.join(", ", counts));
    if (tally.sweep().axes().isEmpty()) {
      out.add(String.format(Locale.ROOT, "  planned fleet (ok + sla_miss rows): %d GPUs at peak, %s", tally.gpus(),
          tally.anyCost() ? "$" + String.format(Locale.ROOT, "%,.0f", tally.cost()) + " per month" : "no priced plan"));
    } else {
      // a sweep's rows are alternatives, not one fleet: each combination of swept values is summed on its own
      out.addAll(perAlternative(tally));
    }
    for (String s : List.of("infeasible", "sla_miss")) {
      List<String> names = tally.first(s);
      if (!names.isEmpty()) {
        long more = tally.count(s) - names.size();
        out.add("  " + s + ": " + String.join(", ", names) + (more > 0 ? " ... and " + more + " more" : ""));
      }
    }
    if (tally.count(BatchRow.ERROR) > 0) {
      out.add("  errors (first " + tally.errors().size() + "):");
      tally.errors().forEach(e -> out.add("    " + e));
    }
    String cpu = Double.isNaN(cpuSeconds) || cpuSeconds <= 0 || rows == 0 ? ""
        : "; " + Fmt.n(cpuSeconds * 1000 / rows) + " ms CPU per plan (" + Fmt.n(rows / cpuSeconds) + " plans per CPU-second)";
    out.add(String.format(Locale.ROOT, "  %s plans in %s s on %d thread(s): %s plans/s%s", rows, Fmt.n(seconds), threads,
        Fmt.n(seconds > 0 ? rows / seconds : 0), cpu));
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

  /** One line per combination of swept values: its ok/sla_miss rows' GPUs and monthly cost (first LIST_LIMIT). */
  static List<String> perAlternative(BatchTally tally) {
    List<String> out = new ArrayList<>();
    out.add("  per alternative (ok + sla_miss rows of each swept combination; alternatives are not added up):");
    int shown = 0;
    Sweep sweep = tally.sweep();
    for (java.util.Map.Entry<List<String>, double[]> e : tally.alternatives().entrySet()) {
      if (shown++ == LIST_LIMIT) {
        out.add("    ... and " + (tally.alternatives().size() - LIST_LIMIT) + " more combinations (see the rows)");
        break;
      }
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < sweep.axes().size(); i++) {
        parts.add(sweep.axes().get(i).key() + "=" + e.getKey().get(i));
      }
      double[] a = e.getValue();
      out.add(String.format(Locale.ROOT, "    [%s] %d/%d planned: %d GPUs at peak, %s", String.join(" ", parts), (long) a[0],
          (long) a[1], (long) a[2], a[4] > 0 ? "$" + String.format(Locale.ROOT, "%,.0f", a[3]) + " per month" : "no priced plan"));
    }
    return out;
  }
}
