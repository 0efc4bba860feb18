package dev.llmcap.engine;

import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.config.PreparedRequest;
import dev.llmcap.model.LLMCapacityPlan.AssumptionUsed;
import dev.llmcap.model.LLMCapacityPlan.ModelSummary;
import dev.llmcap.model.LLMCapacityPlan.PlanFinding;
import dev.llmcap.model.LLMCapacityPlan.RulesInfo;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.TrainingCapacityPlan;
import dev.llmcap.model.TrainingCapacityPlan.Cost;
import dev.llmcap.model.TrainingCapacityPlan.DataParallelConfig;
import dev.llmcap.model.TrainingCapacityPlan.GpuOption;
import dev.llmcap.model.TrainingCapacityPlan.GpuResources;
import dev.llmcap.model.TrainingCapacityPlan.Goodput;
import dev.llmcap.model.TrainingCapacityPlan.LayoutChoice;
import dev.llmcap.model.TrainingCapacityPlan.LayoutSearch;
import dev.llmcap.model.fact.LayoutOption;
import dev.llmcap.model.fact.StepTime;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.llmcap.model.TrainingCapacityPlan.Storage;
import dev.llmcap.model.TrainingCapacityPlan.TrainingMetrics;
import dev.llmcap.model.TrainingInput;
import dev.llmcap.model.fact.Assumption;
import dev.llmcap.model.fact.Finding;
import dev.llmcap.model.fact.Recommendation;
import dev.llmcap.model.fact.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the training rules' conclusions back into the seed's TrainingCapacityPlan shape. It copies values by name and
 * rounds them for display; it computes nothing.
 */
final class TrainingPlanAssembler {
  private TrainingPlanAssembler() {}

  static TrainingCapacityPlan assemble(PreparedRequest prepared, SessionResult r, RuleBase rules, boolean withTrace) {
    PlanRequest req = prepared.request();
    TrainingInput t = req.getTraining();
    List<GpuOption> options = options(prepared, r);
    String s = !r.recommendations().isEmpty() ? r.recommendations().get(0).getGpu()
        : req.getGpu().getGpuType() != null ? req.getGpu().getGpuType() : options.get(0).gpu();
    Optional<Verdict> v = r.verdict(s);
    String verdict = v.map(Verdict::getStatus).orElse("infeasible");
    boolean costs = req.getOptions().getIncludeCost() == null || req.getOptions().getIncludeCost();

    GpuResources gpu = new GpuResources(round(r.value(s, "gpu_memory_per_gpu_gb")), round(r.value("", "model_weights_gb")),
        round(r.value("", "gradients_gb")), round(r.value("", "optimizer_states_gb")), round(r.value("", "activations_gb")),
        r.whole(s, "cluster_gpus"), s, r.whole(s, "gpus_per_node"), r.whole(s, "num_nodes"), t.getMethod(),
        round(r.value("", "params_b")), round(r.value("", "trainable_params_b")), round(r.value("", "frozen_params_b")),
        r.finding(s, "sharding").map(Finding::getMessage).orElse(null), r.whole(s, "zero_stage"), r.whole(s, "tensor_parallel"),
        r.whole(s, "pipeline_parallel"), round(r.value(s, "weights_per_gpu_gb")), round(r.value(s, "gradients_per_gpu_gb")),
        round(r.value(s, "optimizer_per_gpu_gb")), round(r.value(s, "activations_per_gpu_gb")), round(r.value(s, "runtime_overhead_gb")),
        round(r.value(s, "usable_memory_gb")), r.whole(s, "min_gpus_to_fit"), round(r.value("", "activations_no_checkpointing_gb")),
        round(r.value("", "activations_checkpointing_gb")), round(r.value("", "checkpointing_saving_gb")),
        round(r.value(s, "memory_per_gpu_without_checkpointing_gb")), round(r.value(s, "memory_per_gpu_with_checkpointing_gb")),
        round(r.value(s, "training_memory_per_gpu_gb")), round(r.value(s, "load_peak_memory_per_gpu_gb")),
        r.finding(s, "peak_memory_phase").map(Finding::getMessage).orElse(null));
    TrainingMetrics metrics = new TrainingMetrics(round(r.value(s, "tokens_per_second_per_gpu")), round(r.value(s, "total_tokens_per_second")),
        whole(r.value(s, "steps_per_epoch")), whole(r.value(s, "total_steps")), round(r.value(s, "estimated_duration_hours")),
        round(r.value(s, "estimated_duration_days")), r.value("", "total_tokens"), r.value("", "flops_per_token"),
        r.value("", "model_flops_per_token"), round(r.value(s, "peak_tflops")), round(r.value(s, "mfu")), round(r.value(s, "gpu_hours")),
        round(r.value(s, "duration_hours_at_2x_gpus")), round(r.value(s, "duration_hours_at_4x_gpus")),
        round(r.value(s, "gpus_for_deadline")), round(r.value(s, "ideal_tokens_per_second_per_gpu")),
        round(r.value(s, "pipeline_bubble_fraction")));
    DataParallelConfig dp = new DataParallelConfig(r.whole(s, "data_parallel_size"), r.whole(s, "effective_batch_size"),
        r.whole(s, "gradient_accumulation_steps"), t.getMicroBatchSize(), t.getGlobalBatchSize(), t.getGradientAccumulationSteps(),
        r.finding(s, "batch_adjusted").map(Finding::getMessage).orElse(null));
    LayoutSearch layout = layoutSearch(r, s);
    Goodput goodput = r.value(s, "goodput") == null ? null : new Goodput(round(r.value(s, "job_mtbf_hours")), round(r.value(s, "checkpoint_write_s")),
        round(r.value(s, "checkpoint_interval_hours")), round(r.value(s, "goodput")), round(r.value(s, "production_efficiency")),
        round(r.value(s, "expected_failures")),
        round(r.value(s, "estimated_duration_days")), round(r.value(s, "expected_duration_days")), round(r.value(s, "ideal_gpu_hours")),
        round(r.value(s, "gpu_hours")));
    Storage storage = new Storage(round(r.value("", "checkpoint_full_state_gb")), round(r.value("", "dataset_storage_gb")),
        round(r.value("", "total_storage_gb")), round(r.value("", "checkpoint_weights_only_gb")), round(r.value("", "checkpoint_storage_gb")),
        r.value("", "token_id_bytes"));
    Cost cost = costs ? cost(r, s, req) : null;

    List<PlanFinding> findings = new ArrayList<>();
    for (Recommendation rec : r.recommendations()) {
      findings.add(new PlanFinding(rec.getGpu(), "recommendation", rec.getReason(), null));
    }
    v.ifPresent(x -> findings.add(new PlanFinding(s, "verdict", x.getStatus() + ": " + x.getReason(), emptyToNull(x.getFix()))));
    for (Finding f : r.findings(s, true)) {
      if (!f.getKind().equals("price") && !f.getKind().equals("sharding") && !f.getKind().equals("no_price")
          && !f.getKind().equals("peak_memory_phase") && !f.getKind().equals("layout") && !f.getKind().equals("binding")) {
        findings.add(new PlanFinding(f.getScope(), f.getKind(), f.getMessage(), emptyToNull(f.getFix())));
      }
    }
    List<AssumptionUsed> used = new ArrayList<>();
    for (Assumption a : r.assumptionsUsed()) {
      used.add(new AssumptionUsed(a.getName(), a.getNumber(), a.getText(), emptyToNull(a.getUnit()), a.getDescription(), a.getSource()));
    }
    List<String> headline = TrainingHeadline.lines(verdict, gpu, metrics, dp, cost, goodput, v, layout == null ? null : layout.achievedMfu(),
        layout == null ? null : layout.contextParallel());
    return new TrainingCapacityPlan("training", verdict, headline, t, req.getModel(), req.getGpu(), req.getService(), InferencePlanAssembler.modelSummary(r),
        gpu, metrics, dp, layout, goodput, storage, cost, findings, options.size() > 1 ? options : null, used, new RulesInfo(rules.displayDir(), rules.hash(), rules.ruleFiles()),
        withTrace ? r.trace() : null);
  }

  /** The chosen layout and its step terms as the rules derived them (null when no layout fits). */
  private static LayoutSearch layoutSearch(SessionResult r, String s) {
    if (r.value(s, "step_time_s") == null) {
      return null;
    }
    Map<String, Double> terms = new LinkedHashMap<>();
    for (String name : StepTime.NAMES) {
      terms.put(name, round(r.value(s, "step_" + name + "_s")));
    }
    List<LayoutChoice> choices = new ArrayList<>();
    for (LayoutOption o : r.layoutOptions(s)) {
      choices.add(new LayoutChoice(o.rank(), o.layout(), o.sharding(), round(o.stepSeconds()), round(o.peakGb()), o.keepsBatch(), o.largestOverhead()));
    }
    return new LayoutSearch(r.finding(s, "layout").map(Finding::getMessage).orElse(null), r.whole(s, "virtual_pipeline_stages"),
        r.whole(s, "context_parallel"), r.whole(s, "expert_parallel"), round(r.value(s, "step_time_s")), terms,
        r.finding(s, "binding").map(Finding::getMessage).orElse(null), round(r.value(s, "achieved_mfu")), choices.isEmpty() ? null : choices);
  }

  /** Every GPU planned, ordered for display: finishing runs with a price (cheapest first), then without, then the rest. */
  private static List<GpuOption> options(PreparedRequest p, SessionResult r) {
    List<String> ids = new ArrayList<>();
    p.gpus().forEach(g -> ids.add(g.getId()));
    ids.sort(Comparator.<String>comparingInt(id -> statusOrder(r, id))
        .thenComparing(id -> Optional.ofNullable(r.value(id, "total_training_cost")).orElse(Double.MAX_VALUE))
        .thenComparing(id -> Optional.ofNullable(r.value(id, "estimated_duration_days")).orElse(Double.MAX_VALUE))
        .thenComparing(id -> id));
    List<GpuOption> out = new ArrayList<>();
    int rank = 0;
    for (String id : ids) {
      Optional<Verdict> v = r.verdict(id);
      String reason = v.map(Verdict::getReason).orElse("no verdict derived");
      if (v.isPresent() && v.get().isOk() && r.value(id, "total_training_cost") == null) {
        reason = r.finding(id, "no_price").map(Finding::getMessage).orElse(reason);
      }
      out.add(new GpuOption(++rank, id, v.map(Verdict::getStatus).orElse("infeasible"), r.whole(id, "cluster_gpus"),
          r.finding(id, "sharding").map(Finding::getMessage).orElse(null), round(r.value(id, "estimated_duration_days")),
          round2(r.value(id, "total_training_cost")), reason));
    }
    return out;
  }

  private static int statusOrder(SessionResult r, String id) {
    String st = r.verdict(id).map(Verdict::getStatus).orElse("infeasible");
    boolean priced = r.value(id, "total_training_cost") != null;
    if ("ok".equals(st)) {
      return priced ? 0 : 1;
    }
    return "sla_miss".equals(st) ? (priced ? 2 : 3) : 4;
  }

  private static Cost cost(SessionResult r, String s, PlanRequest req) {
    String[] price = r.finding(s, "price").map(f -> f.getMessage().split("\\|", -1)).orElse(new String[0]);
    return new Cost(round4(r.value(s, "gpu_hourly_usd")), round2(r.value(s, "total_training_cost")), round2(r.value(s, "cost_per_epoch")),
        "USD", round2(r.value(s, "cluster_cost_per_hour")), round(r.value(s, "gpu_hours")), round2(r.value(s, "gpu_cost")),
        round2(r.value(s, "storage_cost")), price.length > 0 ? price[0] : req.getService().getCloudProvider(),
        price.length > 1 ? price[1] : req.getService().getRegion(), price.length > 2 ? price[2] : null,
        price.length > 3 ? price[3] : null, price.length > 4 ? price[4] : null);
  }


  private static Long whole(Double v) {
    return v == null ? null : (long) Math.ceil(v - 1e-9);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static Double round(Double v) {
    return InferencePlanAssembler.round(v);
  }

  static Double round2(Double v) {
    return InferencePlanAssembler.round2(v);
  }

  static Double round4(Double v) {
    return InferencePlanAssembler.round4(v);
  }
}
