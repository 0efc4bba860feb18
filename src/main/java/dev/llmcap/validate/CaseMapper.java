package dev.llmcap.validate;

import dev.llmcap.catalog.Catalog;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.model.GpuConfig;
import dev.llmcap.model.LLMWorkloadInput;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.PlanOptions;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.ServiceInput;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a measurement to a closed-loop benchmark request: model from the catalog by name (or by size), GPU by name or
 * alias, the row's tensor-parallel degree and precisions; offline max-throughput rows keep every request in flight,
 * fixed-batch and concurrency rows keep that many, single-request rows one. A row that cannot be mapped gives a reason.
 */
public final class CaseMapper {
  /** The engine's batch limit a server row states in batch_or_concurrency ("server, max batch 512"). */
  private static final java.util.regex.Pattern MAX_BATCH = java.util.regex.Pattern.compile("max batch (\\d+)");
  /** The engine's per-iteration token budget a server row states ("server, max batch 512, max tokens 1024"). */
  private static final java.util.regex.Pattern MAX_TOKENS = java.util.regex.Pattern.compile("max tokens (\\d+)");
  private static final java.util.regex.Pattern SCHEDULER_STEPS = java.util.regex.Pattern.compile("scheduler steps (\\d+)");

  /** Engines whose FP8 checkpoints run an FP8 KV cache unless told otherwise. */
  private static final java.util.Set<String> TENSORRT_ENGINES = java.util.Set.of("TensorRT-LLM", "NVIDIA NIM");

  /** Requests in flight for an offline run (all issued at once: far more than any engine batches). */
  static final int OFFLINE_IN_FLIGHT = 100000;
  private static final Set<String> PRECISIONS = Set.of("FP32", "FP16", "BF16", "FP8", "INT8", "INT4");

  private final Catalog catalog;

  public CaseMapper(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The case of a row, or the reason it cannot be mapped. */
  public Mapping map(Measurement m) {
    if (m.outputTokS() == null && m.ttftMs() == null && m.itlMs() == null && !m.hasPercentiles()) {
      return Mapping.skip(m, "no output_tok_s, ttft_ms, itl_tpot_ms or latency percentile to score");
    }
    String precision = m.precision().toUpperCase(Locale.ROOT);
    if (!PRECISIONS.contains(precision)) {
      return Mapping.skip(m, "precision '" + m.precision() + "' is not one of " + String.join(", ", PRECISIONS.stream().sorted().toList()));
    }
    String kv = m.kvCachePrecision().toUpperCase(Locale.ROOT);
    Optional<GpuSpec> gpu = catalog.gpu(m.gpu());
    if (gpu.isEmpty()) {
      return Mapping.skip(m, "GPU '" + m.gpu() + "' is not in the GPU catalog");
    }
    Optional<ModelSpec> model = catalog.model(m.model());
    if (model.isEmpty() && m.paramsB() == null) {
      return Mapping.skip(m, "model '" + m.model() + "' is not in the model catalog and params_b is empty");
    }
    if (m.inputTokens() == null || m.outputTokens() == null || m.inputTokens() < 1 || m.outputTokens() < 1) {
      return Mapping.skip(m, "input_tokens and output_tokens must be positive whole numbers");
    }
    if (m.pp() != null && m.pp() > 1) {
      return Mapping.skip(m, "pipeline-parallel rows (pp " + m.pp() + ") are not scored: benchmark mode plans one TP group");
    }
    int tp = m.tp() != null ? m.tp() : m.gpuCount() != null ? m.gpuCount() : 1;
    int gpus = m.gpuCount() != null ? m.gpuCount() : tp;
    if (tp < 1 || gpus < tp || gpus % tp != 0) {
      return Mapping.skip(m, "gpu_count " + gpus + " is not a whole number of TP-" + tp + " groups");
    }
    String regime;
    int inFlight;
    String batch = m.batchOrConcurrency().toLowerCase(Locale.ROOT);
    String workload = m.workload().toLowerCase(Locale.ROOT);
    Double serverRate = null;
    // the engine's batch limit when the row states it ("server, max batch 896", "offline, max batch 896"); a
    // concurrency row's field is a number alone, so it never states one
    java.util.regex.Matcher mb = MAX_BATCH.matcher(batch);
    Integer engineBatch = mb.find() ? Integer.valueOf(mb.group(1)) : null;
    Integer tokenBudget = null;
    Integer schedulerSteps = null;
    if (batch.startsWith("server")) {
      try {
        serverRate = Double.parseDouble(m.requestRate());
      } catch (NumberFormatException e) {
        return Mapping.skip(m, "server row without a numeric request_rate (got '" + m.requestRate() + "')");
      }
      if (!(serverRate > 0)) {
        return Mapping.skip(m, "server row with request_rate " + serverRate + " (must be > 0)");
      }
      // the engine's per-iteration token budget when the row states it (vLLM max-num-batched-tokens, TensorRT-LLM max_num_tokens)
      java.util.regex.Matcher mt = MAX_TOKENS.matcher(batch);
      if (mt.find()) {
        tokenBudget = Integer.parseInt(mt.group(1));
        if (tokenBudget < 1) {
          return Mapping.skip(m, "server row with max tokens " + tokenBudget + " (the per-iteration token budget must be >= 1)");
        }
      }
      // multi-step scheduling when the row states it (vLLM num_scheduler_steps); a value outside the schema's range
      // makes the request invalid, which the validator reports as a skip naming the field, the value and the range
      java.util.regex.Matcher ms = SCHEDULER_STEPS.matcher(batch);
      if (ms.find()) {
        schedulerSteps = Integer.parseInt(ms.group(1));
      }
    }
    if (serverRate != null) {
      regime = BenchmarkCase.SERVER;
      inFlight = 0;
    } else if (batch.startsWith("max") || batch.startsWith("inf") || batch.startsWith("offline") || workload.contains("offline")) {
      regime = BenchmarkCase.OFFLINE;
      inFlight = OFFLINE_IN_FLIGHT;
    } else {
      try {
        inFlight = Integer.parseInt(batch.trim());
      } catch (NumberFormatException e) {
        return Mapping.skip(m, "batch_or_concurrency '" + m.batchOrConcurrency() + "' is neither a number nor 'max' (offline)");
      }
      if (inFlight < 1 || inFlight > OFFLINE_IN_FLIGHT) {
        return Mapping.skip(m, "batch_or_concurrency " + inFlight + " is outside 1-" + OFFLINE_IN_FLIGHT);
      }
      regime = inFlight == 1 && m.outputTokS() == null ? BenchmarkCase.SINGLE : BenchmarkCase.CONCURRENCY;
    }
    String scope = m.metricScope().toLowerCase(Locale.ROOT);
    double replicas = gpus / tp;
    double divisor = scope.contains("per gpu") ? gpus : 1.0;

    PlanRequest r = new PlanRequest();
    LLMWorkloadInput w = new LLMWorkloadInput(serverRate != null ? serverRate / replicas : 1.0, m.inputTokens(), m.outputTokens());
    if (serverRate != null) {
      // one replica at its share of the measured rate, no peak or growth, the engine's batch limit when the row says it
      w.setReplicas(1);
      w.setPeakLoadMultiplier(1.0);
      w.setGrowthRate(0.0);
      w.setMaxNumBatchedTokens(tokenBudget);
      w.setNumSchedulerSteps(schedulerSteps);
      // the dataset's spread of lengths when the row gives it (both percentiles of a pair, P50 <= P99)
      if (m.inputTokensP50() != null && m.inputTokensP99() != null && m.inputTokensP50() >= 1 && m.inputTokensP99() >= m.inputTokensP50()) {
        w.setInputTokensP50(m.inputTokensP50());
        w.setInputTokensP99(m.inputTokensP99());
      }
      if (m.outputTokensP50() != null && m.outputTokensP99() != null && m.outputTokensP50() >= 1 && m.outputTokensP99() >= m.outputTokensP50()) {
        w.setOutputTokensP50(m.outputTokensP50());
        w.setOutputTokensP99(m.outputTokensP99());
      }
    } else {
      w.setConcurrency((int) Math.ceil(inFlight / replicas));
      w.setRequestsPerSecond(null); // the requests in flight set the rate
    }
    w.setMaxNumSeqs(engineBatch);
    r.setWorkload(w);
    ModelConfig mc = new ModelConfig();
    if (model.isPresent()) {
      mc.setModelName(model.get().getId());
    } else {
      mc.setModelSizeBillions(m.paramsB());
    }
    mc.setPrecision(precision);
    if (PRECISIONS.contains(kv)) {
      mc.setKvCachePrecision(kv);
    } else if (kv.isBlank() && precision.equals("FP8") && TENSORRT_ENGINES.contains(m.engine())) {
      // the row does not say: TensorRT-LLM (and NIM's TensorRT-LLM profiles) quantise the KV cache with FP8 weights
      // (calibration README note 3), unlike the planner's vLLM-style default of a 16-bit KV cache
      mc.setKvCachePrecision("FP8");
    }
    // room for the longest requests of the row's length distribution, not only the mean one
    int longest = (w.getInputTokensP99() != null ? w.getInputTokensP99() : m.inputTokens())
        + (w.getOutputTokensP99() != null ? w.getOutputTokensP99() : m.outputTokens());
    mc.setContextWindow(Math.max(128, Math.max(m.inputTokens() + m.outputTokens(), longest)));
    r.setModel(mc);
    GpuConfig g = new GpuConfig();
    g.setGpuType(gpu.get().getId());
    g.setTensorParallel(tp);
    r.setGpu(g);
    r.setService(new ServiceInput());
    PlanOptions o = new PlanOptions();
    o.setCompareGpus(false);
    o.setIncludeCost(false);
    r.setOptions(o);
    String modelId = model.map(ModelSpec::getId).orElse(m.model());
    boolean moe = model.map(spec -> spec.getExperts() > 1).orElse(false);
    return Mapping.of(new BenchmarkCase(m, r, gpu.get().getId(), modelId, gpu.get().getArchitecture(), precision, regime, replicas, divisor,
        moe));
  }

  /** A mapped case or a skip reason. */
  public record Mapping(BenchmarkCase benchmarkCase, Skip skip) {
    static Mapping of(BenchmarkCase c) { return new Mapping(c, null); }
    static Mapping skip(Measurement m, String reason) { return new Mapping(null, new Skip(m.id(), reason)); }
  }
}
