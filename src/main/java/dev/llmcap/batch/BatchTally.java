package dev.llmcap.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the batch summary needs, gathered row by row as rows stream past: counts by status, the planned fleet, and the
 * first few labels of each status and the first few errors (never every row).
 */
public final class BatchTally implements java.util.function.Consumer<BatchRow> {
  private final Sweep sweep;
  private final int keep;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, List<String>> first = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();
  private long rows;
  private long gpus;
  private double cost;
  private boolean anyCost;
  /** Per combination of swept values (sweeps only): planned rows, rows, GPUs at peak, monthly cost, whether priced. */
  private final Map<List<String>, double[]> alternatives = new java.util.LinkedHashMap<>();

  public BatchTally(Sweep sweep, int keep) {
    this.sweep = sweep;
    this.keep = keep;
  }

  @Override
  public void accept(BatchRow r) {
    rows++;
    double[] alt = sweep.axes().isEmpty() ? null : alternatives.computeIfAbsent(r.sweepValues(), k -> new double[5]);
    if (alt != null) {
      alt[1]++;
    }
    counts.merge(r.status(), 1L, Long::sum);
    List<String> labels = first.computeIfAbsent(r.status(), k -> new ArrayList<>());
    if (labels.size() < keep) {
      labels.add(BatchSummary.label(r, sweep));
    }
    if (BatchRow.ERROR.equals(r.status())) {
      if (errors.size() < keep) {
        errors.add(BatchSummary.label(r, sweep) + ": " + r.error());
      }
    } else if (!"infeasible".equals(r.status())) {
      Map<String, Object> f = r.fields();
      if (alt != null) {
        alt[0]++;
      }
      if (f.get("total_gpus") instanceof Integer) {
        gpus += (Integer) f.get("total_gpus");
        if (alt != null) {
          alt[2] += (Integer) f.get("total_gpus");
        }
      }
      if (f.get("monthly_total_cost_usd") instanceof Double) {
        cost += (Double) f.get("monthly_total_cost_usd");
        anyCost = true;
        if (alt != null) {
          alt[3] += (Double) f.get("monthly_total_cost_usd");
          alt[4] = 1;
        }
      }
    }
  }

  public long rows() { return rows; }
  public long count(String status) { return counts.getOrDefault(status, 0L); }
  public Map<String, Long> counts() { return counts; }
  public List<String> first(String status) { return first.getOrDefault(status, List.of()); }
  public List<String> errors() { return errors; }
  public long gpus() { return gpus; }
  public double cost() { return cost; }
  public boolean anyCost() { return anyCost; }
  /** Sweeps only: per combination of swept values, {planned rows, rows, GPUs at peak, monthly cost, 1 if priced}. */
  public Map<List<String>, double[]> alternatives() { return alternatives; }
  public Sweep sweep() { return sweep; }
}
