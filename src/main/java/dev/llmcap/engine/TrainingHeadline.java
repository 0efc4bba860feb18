package dev.llmcap.engine;

import dev.llmcap.model.TrainingCapacityPlan.Cost;
import dev.llmcap.model.TrainingCapacityPlan.DataParallelConfig;
import dev.llmcap.model.TrainingCapacityPlan.Goodput;
import dev.llmcap.model.TrainingCapacityPlan.GpuResources;
import dev.llmcap.model.TrainingCapacityPlan.TrainingMetrics;
import dev.llmcap.model.fact.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The training answer in a few lines, composed from values the rules derived. */
final class TrainingHeadline {
  private TrainingHeadline() {}

  static List<String> lines(String verdict, GpuResources g, TrainingMetrics m, DataParallelConfig dp, Cost c, Goodput gp, Optional<Verdict> v,
      Double achievedMfu, Integer contextParallel) {
    List<String> out = new ArrayList<>();
    if ("infeasible".equals(verdict) || g.requiredGpus() == null || g.tensorParallel() == null) {
      out.add("INFEASIBLE: " + v.map(Verdict::getReason).orElse("no layout of " + g.recommendedGpuType() + " holds this run"));
      v.map(Verdict::getFix).filter(f -> !f.isEmpty()).ifPresent(f -> out.add("Nearest fix: " + f));
      return out;
    }
    StringBuilder first = new StringBuilder();
    first.append(g.requiredGpus()).append(" x ").append(g.recommendedGpuType()).append(" (").append(g.numNodes())
        .append(g.numNodes() == 1 ? " node" : " nodes").append("; TP").append(g.tensorParallel()).append(" x PP")
        .append(g.pipelineParallel())
        // context parallelism splits the sequence over its own ranks: without it the product would not be the GPU count
        .append(contextParallel != null && contextParallel > 1 ? " x CP" + contextParallel : "").append(" x DP").append(dp.dataParallelSize()).append(", sharding ").append(g.sharding())
        .append("), ").append(Fmt.n(m.estimatedDurationDays())).append(" days");
    if (gp != null && gp.expectedDurationDays() != null) {
      // the cost follows the expected GPU-hours (failures and production overheads), so the headline names both durations
      first.append(" ideal / ").append(Fmt.n(gp.expectedDurationDays())).append(" expected");
    }
    if (c != null && c.totalTrainingCost() != null) {
      first.append(", $").append(String.format(Locale.ROOT, "%,.0f", c.totalTrainingCost()));
    }
    out.add(first.toString());
    out.add(Fmt.n(g.gpuMemoryPerGpuGb()) + " GB per GPU" + ("model load".equals(g.peakMemoryPhase()) ? " (peak at model load)" : "")
        + " of " + Fmt.n(g.usableMemoryGb()) + " GB usable; "
        + Fmt.n(m.tokensPerSecondPerGpu()) + " tokens/s per GPU (MFU " + Fmt.n(achievedMfu) + " achieved, compute efficiency " + Fmt.n(m.mfu()) + "), "
        + m.totalSteps() + " steps");
    if (!"ok".equals(verdict)) {
      v.ifPresent(x -> out.add(verdict.toUpperCase(Locale.ROOT) + ": " + x.getReason()));
      v.map(Verdict::getFix).filter(f -> !f.isEmpty()).ifPresent(f -> out.add("Nearest fix: " + f));
    }
    return out;
  }
}
