package dev.llmcap.validate;

import dev.llmcap.config.InputException;
import dev.llmcap.config.PreparedRequest;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.SessionResult;
import dev.llmcap.model.fact.Finding;
import dev.llmcap.model.fact.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.IntStream;

/**
 * Scores measurements against the rules: each mapped row is planned in closed-loop benchmark mode and every measured
 * metric becomes a {@link Score}. The calibrator reuses {@link #score} with candidate assumption values.
 */
public final class Validator {
  /** Worker threads for planning cases in parallel: one per processor, shared by all validators of the process. */
  private static final ForkJoinPool WORKERS = pool(Runtime.getRuntime().availableProcessors());

  private final CaseMapper mapper;
  private final ForkJoinPool workers;
  /** Closed-loop rows planned as benchmark runs (no fleet); false plans them as full key-figure plans (tests). */
  private final boolean benchmarkRuns;
  /**
   * Closed-loop cases prepared (validated, defaults filled) once and planned under every candidate's values, each with the
   * preparation key of the engine that prepared it: a case is prepared again only for an engine with other defaults.
   */
  private final Map<BenchmarkCase, PreparedRun> preparedRuns = new ConcurrentHashMap<>();

  /** A prepared benchmark run (or the InputException that rejected the request) and the preparation key it was made with. */
  private record PreparedRun(String key, Object prepared) {}

  /** A validator that plans on one worker per processor. */
  public Validator(CaseMapper mapper) {
    this.mapper = mapper;
    this.workers = WORKERS;
    this.benchmarkRuns = true;
  }

  /** A validator that plans on its own pool of the given number of worker threads; results do not depend on it. */
  public Validator(CaseMapper mapper, int threads) {
    this(mapper, threads, true);
  }

  /**
   * As above; without benchmarkRuns a closed-loop row is planned with the fleet rules too (the open-loop latency rules
   * fire, as before benchmark runs existed): the scores must be the same (tests).
   */
  Validator(CaseMapper mapper, int threads, boolean benchmarkRuns) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1 (got " + threads + ")");
    }
    this.mapper = mapper;
    this.workers = threads == WORKERS.getParallelism() ? WORKERS : pool(threads);
    this.benchmarkRuns = benchmarkRuns;
  }

  private static ForkJoinPool pool(int threads) {
    return new ForkJoinPool(threads, p -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
      t.setDaemon(true);
      t.setName("llmcap-validate-" + t.getPoolIndex());
      return t;
    }, null, false);
  }

  /** Worker threads this validator plans on. */
  public int threads() {
    return workers.getParallelism();
  }

  /**
   * Runs the tasks on this validator's workers, each task's own work may run in parallel on them too; the results are
   * returned in task order, whatever the number of threads.
   */
  <T> List<T> runAll(List<java.util.concurrent.Callable<T>> tasks) throws RuleSetException {
    Object[] results = new Object[tasks.size()];
    Runnable body = () -> IntStream.range(0, tasks.size()).parallel().forEach(i -> {
      try {
        results[i] = tasks.get(i).call();
      } catch (Exception e) {
        results[i] = new Failure(e);
      }
    });
    inWorkers(body);
    List<T> out = new ArrayList<>();
    for (Object r : results) {
      if (r instanceof Failure f) {
        if (f.cause() instanceof RuleSetException rse) {
          throw rse;
        }
        if (f.cause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(f.cause());
      }
      @SuppressWarnings("unchecked")
      T t = (T) r;
      out.add(t);
    }
    return out;
  }

  private record Failure(Exception cause) {}

  /** Runs a body whose parallel streams use this validator's workers (directly when already running on them). */
  private void inWorkers(Runnable body) throws RuleSetException {
    if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == workers) {
      body.run();
      return;
    }
    try {
      workers.submit(body).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuleSetException("interrupted while planning the measured rows");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Maps every row; rows that cannot be mapped are returned as skips in the same order. */
  public Prepared prepare(List<Measurement> rows) {
    List<BenchmarkCase> cases = new ArrayList<>();
    List<Skip> skips = new ArrayList<>();
    for (Measurement m : rows) {
      CaseMapper.Mapping mapping = mapper.map(m);
      if (mapping.skip() != null) {
        skips.add(mapping.skip());
      } else {
        cases.add(mapping.benchmarkCase());
      }
    }
    return new Prepared(cases, skips);
  }

  /**
   * Plans every case with the engine's rules and assumptions and scores the measured metrics. Cases are planned in
   * parallel (one rule session each, no audit trace) and read back in input order, so the result does not depend on
   * the number of threads.
   */
  public ValidationRun score(LLMForecastEngine engine, Prepared prepared) throws RuleSetException {
    return score(engine, prepared, dev.llmcap.batch.Progress.silent());
  }

  /** As {@link #score(LLMForecastEngine, Prepared)}, one progress step per planned case. */
  public ValidationRun score(LLMForecastEngine engine, Prepared prepared, dev.llmcap.batch.Progress progress) throws RuleSetException {
    List<BenchmarkCase> cases = prepared.cases();
    Object[] outcomes = new Object[cases.size()];
    Object[] atGoodput = new Object[cases.size()];
    String preparationKey = benchmarkRuns ? engine.preparationKey() : null;
    inWorkers(() -> IntStream.range(0, cases.size()).parallel().forEach(i -> {
      outcomes[i] = !BenchmarkCase.SERVER.equals(cases.get(i).regime()) && benchmarkRuns
          ? planBenchmarkRun(engine, cases.get(i), preparationKey) : plan(engine, cases.get(i));
      if (cases.get(i).rateTunedToConstraints()) {
        atGoodput[i] = planAtGoodput(engine, cases.get(i), outcomes[i]);
      }
      progress.step();
    }));
    List<Score> scores = new ArrayList<>();
    List<Skip> skips = new ArrayList<>(prepared.skips());
    for (int i = 0; i < cases.size(); i++) {
      BenchmarkCase c = cases.get(i);
      if (outcomes[i] instanceof RuleSetException) {
        throw (RuleSetException) outcomes[i];
      }
      if (outcomes[i] instanceof InputException) {
        skips.add(new Skip(c.row().id(), "not a valid plan request: " + String.join("; ", ((InputException) outcomes[i]).problems())));
        continue;
      }
      SessionResult r = (SessionResult) outcomes[i];
      String gpu = c.gpuId();
      Optional<Verdict> verdict = r.verdict(gpu);
      if (BenchmarkCase.SERVER.equals(c.regime())) {
        scoreServer(c, r, scores, skips);
        if (atGoodput[i] instanceof RuleSetException) {
          throw (RuleSetException) atGoodput[i];
        }
        scoreAtGoodput(c, r, atGoodput[i] instanceof SessionResult g ? g : null, scores);
        continue;
      }
      Double tps = r.value(gpu, "closed_loop_output_tok_s");
      if (tps == null) {
        String why = verdict.filter(v -> !"ok".equals(v.getStatus())).map(Verdict::getReason).orElse("the rules concluded no closed-loop throughput");
        skips.add(new Skip(c.row().id(), "cannot plan " + c.modelId() + " " + c.precision() + " on TP " + c.request().getGpu().getTensorParallel()
            + " x " + gpu + ": " + why));
        continue;
      }
      String queue = r.finding(gpu, "closed_loop_queue").map(Finding::getMessage).orElse("none");
      String suffix = "queued".equals(queue) ? "+queue(" + r.finding(gpu, "batch_limit").map(Finding::getMessage).orElse("batch") + ")" : "";
      String decode = r.finding(gpu, "closed_loop_bound").map(Finding::getMessage).orElse("") + suffix;
      String prefill = r.finding(gpu, "prefill_bound").map(f -> "prefill-" + f.getMessage()).orElse("") + suffix;
      Measurement m = c.row();
      if (m.outputTokS() != null && m.outputTokS() > 0) {
        scores.add(score(c, Score.OUTPUT_TOK_S, tps * c.replicas() / c.divisor(), m.outputTokS(), decode));
      }
      if (m.ttftMs() != null && m.ttftMs() > 0) {
        scores.add(score(c, Score.TTFT_MS, r.value(gpu, "closed_loop_ttft_ms"), m.ttftMs(), prefill));
      }
      if (m.itlMs() != null && m.itlMs() > 0) {
        scores.add(score(c, Score.ITL_MS, r.value(gpu, "closed_loop_itl_ms"), m.itlMs(), decode));
      }
    }
    return new ValidationRun(scores, skips);
  }

  /**
   * A closed-loop case planned as a benchmark run (its closed-loop figures, no fleet), from its request prepared once for
   * engines of this preparation key; or the InputException / RuleSetException that stopped it.
   */
  private Object planBenchmarkRun(LLMForecastEngine engine, BenchmarkCase c, String preparationKey) {
    try {
      PreparedRun run = preparedRuns.get(c);
      if (run == null || !run.key().equals(preparationKey)) {
        Object prepared;
        try {
          prepared = engine.prepareBenchmarkRun(c.request());
        } catch (InputException e) {
          prepared = e;
        }
        run = new PreparedRun(preparationKey, prepared);
        preparedRuns.put(c, run);
      }
      return run.prepared() instanceof PreparedRequest p ? engine.evaluateBenchmarkRun(p) : run.prepared();
    } catch (RuleSetException e) {
      return e;
    }
  }

  /**
   * The conclusions of one case planned as a whole plan's key figures (a server row: its latency percentiles; a
   * closed-loop row when benchmark runs are off), or the InputException / RuleSetException that stopped it.
   */
  private static Object plan(LLMForecastEngine engine, BenchmarkCase c) {
    try {
      return engine.evaluateKeyFigures(c.request());
    } catch (InputException | RuleSetException e) {
      return e;
    }
  }

  /**
   * A server run planned again at the rules' own goodput: the largest rate per replica at which the plan's latency targets
   * hold (with no target given, the SLO profile's defaults: MLPerf Inference's server constraints for the model size). An
   * MLPerf submitter tunes the rate the same way, so this compares the latencies at the same operating point of the
   * benchmark's definition; the rate itself is scored as {@link Score#SERVER_RPS}. Null when there is no goodput.
   */
  private static Object planAtGoodput(LLMForecastEngine engine, BenchmarkCase c, Object first) {
    if (!(first instanceof SessionResult r)) {
      return null;
    }
    Double goodput = r.value(c.gpuId(), "slo_bound_rps");
    if (goodput == null || !(goodput > 0) || goodput.isInfinite()) {
      return null;
    }
    // the case's request is this worker's alone: plan at the goodput, then put the measured rate back
    Double measured = c.request().getWorkload().getRequestsPerSecond();
    c.request().getWorkload().setRequestsPerSecond(goodput);
    try {
      return plan(engine, c);
    } finally {
      c.request().getWorkload().setRequestsPerSecond(measured);
    }
  }

  /** The goodput (all replicas) against the measured rate, and the latency percentiles at the goodput. */
  private static void scoreAtGoodput(BenchmarkCase c, SessionResult first, SessionResult r, List<Score> scores) {
    String gpu = c.gpuId();
    Double goodput = first.value(gpu, "slo_bound_rps");
    Measurement m = c.row();
    if (r == null || goodput == null) {
      return;
    }
    String binds = "goodput at " + first.value("", "slo_ttft_p99_ms").intValue() + " ms TTFT P99 / " + first.value("", "slo_itl_p99_ms").intValue()
        + " ms TPOT P99";
    addIf(scores, c, Score.SERVER_RPS, goodput * c.replicas(), Double.parseDouble(m.requestRate()), binds);
    String bound = r.finding(gpu, "prefill_bound").map(f -> "prefill-" + f.getMessage()).orElse("");
    String decode = r.finding(gpu, "decode_bound").map(f -> f.getMessage()).orElse("");
    addIf(scores, c, Score.TTFT_P50_MS + Score.AT_GOODPUT, r.value(gpu, "ttft_p50_ms"), m.ttftP50Ms(), bound);
    addIf(scores, c, Score.TTFT_P99_MS + Score.AT_GOODPUT, r.value(gpu, "ttft_p99_ms"), m.ttftP99Ms(), bound);
    addIf(scores, c, Score.ITL_P50_MS + Score.AT_GOODPUT, r.value(gpu, "itl_p50_ms"), m.itlP50Ms(), decode);
    addIf(scores, c, Score.ITL_P99_MS + Score.AT_GOODPUT, r.value(gpu, "itl_p99_ms"), m.itlP99Ms(), decode);
  }

  /** A server run: the plan's latency percentiles at the row's per-replica rate against the measured ones. */
  private static void scoreServer(BenchmarkCase c, SessionResult r, List<Score> scores, List<Skip> skips) {
    String gpu = c.gpuId();
    Double ttft50 = r.value(gpu, "ttft_p50_ms");
    if (ttft50 == null || ttft50.isInfinite()) {
      skips.add(new Skip(c.row().id(), "the rules concluded no finite latency at " + c.request().getWorkload().getRequestsPerSecond()
          + " req/s per replica on " + gpu + " (beyond its modelled capacity)"));
      return;
    }
    String bound = r.finding(gpu, "prefill_bound").map(f -> "prefill-" + f.getMessage()).orElse("");
    String decode = r.finding(gpu, "decode_bound").map(f -> f.getMessage()).orElse("");
    Measurement m = c.row();
    addIf(scores, c, Score.TTFT_P50_MS, r.value(gpu, "ttft_p50_ms"), m.ttftP50Ms(), bound);
    addIf(scores, c, Score.TTFT_P99_MS, r.value(gpu, "ttft_p99_ms"), m.ttftP99Ms(), bound);
    addIf(scores, c, Score.ITL_P50_MS, r.value(gpu, "itl_p50_ms"), m.itlP50Ms(), decode);
    addIf(scores, c, Score.ITL_P99_MS, r.value(gpu, "itl_p99_ms"), m.itlP99Ms(), decode);
  }

  private static void addIf(List<Score> scores, BenchmarkCase c, String metric, Double predicted, Double measured, String bound) {
    if (predicted != null && measured != null && measured > 0 && !predicted.isInfinite()) {
      scores.add(score(c, metric, predicted, measured, bound));
    }
  }

  private static Score score(BenchmarkCase c, String metric, double predicted, double measured, String bound) {
    Measurement m = c.row();
    return new Score(m.id(), m.engine(), c.regime(), c.gpuId(), c.modelId(), c.group(), metric, predicted, measured, bound, c.moe());
  }

  /** Mapped cases and the rows that could not be mapped. */
  public record Prepared(List<BenchmarkCase> cases, List<Skip> skips) {}
}
