package dev.llmcap.export;

import dev.llmcap.engine.Fmt;
import dev.llmcap.model.LLMCapacityPlan.PlanFinding;
import dev.llmcap.model.TrainingCapacityPlan;
import java.util.Locale;
import java.util.Map;

/** The terminal report of a training plan: the answer first, then memory, cluster, throughput, storage and cost. */
public final class TrainingTextReport {
  private final boolean colour;
  private final StringBuilder sb = new StringBuilder();

  private TrainingTextReport(boolean colour) {
    this.colour = colour;
  }

  /** Renders a training plan; explain appends the audit trace and where each input came from. */
  public static String render(TrainingCapacityPlan p, boolean colour, boolean explain, Map<String, String> provenance) {
    TrainingTextReport r = new TrainingTextReport(colour);
    r.plan(p, explain, provenance);
    return r.sb.toString();
  }

  private void plan(TrainingCapacityPlan p, boolean explain, Map<String, String> provenance) {
    String status = "ok".equals(p.verdict()) ? paint(Styles.GREEN, "OK") : "sla_miss".equals(p.verdict()) ? paint(Styles.YELLOW, "DEADLINE MISS") : paint(Styles.RED, "INFEASIBLE");
    line(paint(Styles.BOLD, "llmcap training plan") + "  [" + status + "]");
    p.headline().forEach(this::line);
    var t = p.trainingInput();
    if (p.model() != null) {
      section("Model and run");
      row("model", p.model().displayName() + " (" + p.model().id() + ")", "");
      var g = p.gpuResources();
      row("parameters: total / trained", num(g.paramsB()) + " / " + num(g.trainableParamsB()), "B");
      row("method", t.getMethod() + (t.getLoraRank() == null ? "" : " (rank " + t.getLoraRank() + ")"), "");
      row("precision / optimizer", t.getTrainingPrecision() + " / " + t.getOptimizerType(), "");
      row("gradient checkpointing", Boolean.TRUE.equals(t.getGradientCheckpointing()) ? "on" : "off", "");
      row("dataset x epochs", Fmt.n(t.getDatasetSizeTokens()) + " x " + t.getNumEpochs(), "tokens");
      row("sequence length / global batch", t.getSequenceLength() + " / " + t.getGlobalBatchSize(), "tokens / sequences");
    }
    var g = p.gpuResources();
    section("Memory (model states before sharding)");
    row("weights", num(g.modelWeightsGb()), "GB");
    row("gradients", num(g.gradientsGb()), "GB");
    row("optimizer states (incl. FP32 master)", num(g.optimizerStatesGb()), "GB");
    row("activations per micro batch", num(g.activationsGb()), "GB");
    row("  without / with checkpointing", num(g.activationsWithoutCheckpointingGb()) + " / " + num(g.activationsWithCheckpointingGb()), "GB");
    row("  saved by checkpointing", num(g.checkpointingSavingGb()), "GB");
    if (g.tensorParallel() != null) {
      section("Cluster and layout");
      row("GPUs", g.requiredGpus() + " x " + g.recommendedGpuType(), "");
      row("nodes x GPUs per node", g.numNodes() + " x " + g.gpusPerNode(), "");
      row("smallest cluster that fits", g.minGpusToFit() == null ? "-" : String.valueOf(g.minGpusToFit()), "GPUs");
      row("parallelism", "TP " + g.tensorParallel() + " x PP " + g.pipelineParallel() + " x DP " + p.dataParallelConfig().dataParallelSize(), "");
      row("sharding", g.sharding(), "");
      row("memory per GPU" + (g.peakMemoryPhase() == null ? "" : " (peak: " + g.peakMemoryPhase() + ")"),
          num(g.gpuMemoryPerGpuGb()) + " of " + num(g.usableMemoryGb()), "GB");
      row("  training step / model load", num(g.trainingStepMemoryPerGpuGb()) + " / " + num(g.loadPeakMemoryPerGpuGb()), "GB");
      row("  weights / grads / optimizer", num(g.weightsPerGpuGb()) + " / " + num(g.gradientsPerGpuGb()) + " / " + num(g.optimizerPerGpuGb()), "GB");
      row("  activations / runtime", num(g.activationsPerGpuGb()) + " / " + num(g.runtimeOverheadGb()), "GB");
      row("  without / with checkpointing", num(g.memoryPerGpuWithoutCheckpointingGb()) + " / " + num(g.memoryPerGpuWithCheckpointingGb()), "GB");
      var d = p.dataParallelConfig();
      row("micro x accumulation x DP", d.microBatchSize() + " x " + d.gradientAccumulationSteps() + " x " + d.dataParallelSize()
          + " = " + d.effectiveBatchSize(), "sequences");
      var m = p.trainingMetrics();
      var ls = p.layoutSearch();
      if (ls != null) {
        section("Layout search (predicted step time)");
        row("layout", ls.layout(), "");
        row("step time", num(ls.stepTimeS()), "s");
        ls.stepTermsS().forEach((k, v) -> {
          if (v != null && v > 0) {
            row("  " + k.replace('_', ' '), num(v), "s");
          }
        });
        line("  " + ls.binding());
        if (ls.fastestLayouts() != null) {
          line(String.format(Locale.ROOT, "  %-4s %-34s %-26s %10s %10s  %s", "rank", "layout", "sharding", "step s", "GB/GPU", "largest overhead"));
          for (var o : ls.fastestLayouts()) {
            line(String.format(Locale.ROOT, "  %-4d %-34s %-26s %10s %10s  %s", o.rank(), o.layout(), o.sharding(), num(o.stepTimeS()),
                num(o.peakMemoryPerGpuGb()), o.largestOverhead() + (o.keepsGlobalBatch() ? "" : " (changes the global batch)")));
          }
        }
      }
      section("Throughput and duration");
      row("tokens/s per GPU", num(m.tokensPerSecondPerGpu()), "tokens/s");
      if (ls != null) {
        row("  achieved MFU", num(ls.achievedMfu()), "");
        row("  at full compute efficiency, no communication", num(m.idealTokensPerSecondPerGpu()), "tokens/s");
      }
      row("tokens/s total", num(m.totalTokensPerSecond()), "tokens/s");
      row("FLOPs per token (executed)", num(m.flopsPerToken()), "FLOPs");
      row("peak x compute efficiency", num(m.peakTflops()) + " x " + num(m.mfu()), "TFLOP/s");
      row("steps per epoch / total", m.stepsPerEpoch() + " / " + m.totalSteps(), "");
      row("duration without failures", num(m.estimatedDurationHours()) + " h = " + num(m.estimatedDurationDays()) + " days", "");
      row("with 2x / 4x the GPUs", num(m.durationHoursAt2xGpus()) + " / " + num(m.durationHoursAt4xGpus()), "hours");
      var gp = p.goodput();
      if (gp != null) {
        section("Goodput (failures, checkpoints, restarts, production overheads)");
        row("job MTBF", num(gp.jobMtbfHours()), "hours");
        row("checkpoint write / Young-Daly interval", num(gp.checkpointWriteS()) + " s / " + num(gp.checkpointIntervalHours()) + " h", "");
        row("goodput", num(gp.goodput()), "");
        row("production efficiency", num(gp.productionEfficiency()), "");
        row("expected interruptions", num(gp.expectedFailures()), "");
        row("wall clock, ideal / expected", num(gp.idealDurationDays()) + " / " + num(gp.expectedDurationDays()), "days");
        row("GPU-hours, ideal / expected", num(gp.idealGpuHours()) + " / " + num(gp.expectedGpuHours()), "");
      } else {
        row("GPU-hours", num(m.gpuHours()), "");
      }
    }
    var st = p.storage();
    section("Storage");
    row("checkpoint, full state", num(st.modelCheckpointGb()), "GB");
    row("checkpoint, weights only", num(st.checkpointWeightsOnlyGb()), "GB");
    row("checkpoints kept + final weights", num(st.checkpointStorageGb()), "GB");
    row("dataset", num(st.datasetStorageGb()), "GB");
    row("total", num(st.totalStorageGb()), "GB");
    if (p.cost() != null) {
      var c = p.cost();
      section("Cost (" + c.currency() + ", " + c.cloud() + (c.region() == null ? "" : " " + c.region()) + ")");
      if (c.gpuCostPerHour() == null) {
        row("GPU cost", "no list price", "");
      } else {
        row("GPU price", money(c.gpuCostPerHour()) + (c.instanceType() == null ? "" : " (" + c.instanceType() + ")"), "per GPU-hour");
        row("cluster", money(c.clusterCostPerHour()), "per hour");
        row("GPU cost", money(c.gpuCost()), "");
        row("storage during the run", money(c.storageCost()), "");
        row("total per run", money(c.totalTrainingCost()), "");
        row("per epoch", money(c.costPerEpoch()), "");
        row("price date", c.priceDate(), "");
      }
    }
    if (!p.findings().isEmpty()) {
      section("Findings");
      for (PlanFinding f : p.findings()) {
        line("  - " + f.kind() + (f.scope() == null || f.scope().isEmpty() ? "" : " [" + f.scope() + "]") + ": " + f.message());
        if (f.fix() != null) {
          line("      fix: " + f.fix());
        }
      }
    }
    if (p.gpuOptions() != null) {
      section("GPU options (cheapest finishing run first)");
      line(String.format(Locale.ROOT, "  %-4s %-16s %-11s %7s %-26s %10s %14s", "rank", "gpu", "verdict", "GPUs", "sharding", "days", "USD"));
      for (TrainingCapacityPlan.GpuOption o : p.gpuOptions()) {
        line(String.format(Locale.ROOT, "  %-4d %-16s %-11s %7s %-26s %10s %14s", o.rank(), o.gpu(), o.verdict(),
            o.gpus() == null ? "-" : o.gpus(), o.sharding() == null ? "-" : o.sharding(), num(o.durationDays()), money(o.totalTrainingCost())));
        if (!"ok".equals(o.verdict())) {
          line("       " + o.reason());
        }
      }
    }
    TraceText.write(p.rules(), p.trace(), provenance, explain, this::section, this::line);
  }

  private void section(String title) {
    line("");
    line(paint(Styles.BOLD, title));
  }

  private void row(String label, String value, String unit) {
    line(String.format(Locale.ROOT, "  %-40s %18s %s", label, value == null ? "-" : value, unit).replaceAll("\\s+$", ""));
  }

  private void line(String s) {
    sb.append(s).append('\n');
  }

  private static String num(Double v) {
    return v == null ? "-" : Fmt.n(v);
  }

  private static String money(Double v) {
    if (v == null) {
      return "-";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "$%,.0f", v) : String.format(Locale.ROOT, "$%.4g", v);
  }

  private String paint(org.jline.utils.AttributedStyle style, String s) {
    return Styles.paint(colour, style, s);
  }
}
