package dev.llmcap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores the shipped rules on the copied calibration data (src/test/resources/calibration, see its README) and fails if
 * the errors regress past the thresholds documented in docs/accuracy.md and docs/readme/accuracy.md. The thresholds apply
 * to dense models; mixture-of-experts rows are scored and summarised as their own scope, without a threshold yet.
 */
class AccuracyRegressionTest {
  /** Documented thresholds (absolute % error). */
  static final double TRT_OUTPUT_MEDIAN = 15.0;
  static final double TRT_OUTPUT_P90 = 35.0;
  static final double NIM_LATENCY_MEDIAN = 25.0;
  /** MLPerf Server request rate: the rules' goodput at the server latency constraints vs the measured rate (held out). */
  static final double SERVER_RATE_MEDIAN = 6.0; // 19.8 % before the per-system efficiencies fitted on the Offline rows, 4.1 % after
  /**
   * MLPerf Server TTFT P99 at the measured rate. The target is 30 %; not reached (docs/accuracy.md, "Tail latency":
   * the scored rows are those whose rate the rules think has headroom, and the TTFT follows the iteration time there), so
   * this guards the achieved level against regressions.
   */
  static final double SERVER_TTFT_P99_MEDIAN = 31.0; // 50.8 % (27 rows) before the Offline-row fit, 39.2 % (40 rows) after, 28.4 % (39) with the v5.1 rows' stated token budget, 28.9 % (39) with the v4.1 engines' budgets (Mixtral's 16384 lowers its TTFT)
  /**
   * The server rows these guards were set on: MLPerf v4.x-v5.1 Llama-2-70B and Mixtral-8x7B on TensorRT-LLM (INF14xx).
   * The later out-of-sample server rows (INF17xx: vLLM, LLMBoost, Llama-3.1 on TensorRT-LLM) have their own test.
   */
  static final String TENSORRT_SERVER_ROWS = "INF14";
  /** MLPerf Server TTFT P99 and TPOT P99 at the rules' goodput (was 220 % for TTFT P99 before the negative-binomial batch). */
  static final double SERVER_TTFT_P99_AT_GOODPUT_MEDIAN = 19.0; // 41.1 % -> 37.7 % with the Offline-row fit -> 16.8 % with the v5.1 rows' token budget
  /** 8.5 % before the per-system efficiencies fitted on the Offline rows, 10.6 % after, 9.8 % with the v4.1 partner system classes. */
  static final double SERVER_TPOT_P99_AT_GOODPUT_MEDIAN = 10.5;

  /**
   * Rows whose engine config states multi-step scheduling ("scheduler steps N": AMD's MLPerf v5.1 vLLM harness and its
   * partners', LLMBoost, the vLLM 0.6.0 rate sweep). Achieved when the admission delay was modelled (docs/accuracy.md,
   * "Tail latency: multi-step scheduling"): TTFT P99 at the measured rate 57.1 % (was 90.0 %), at goodput TTFT P50 10.3 %
   * (was 68.4 %) and P99 13.9 % (was 26.1 %); the sweep rows' TTFT P50 8.3 % (was 64.7 %). Regression guards, not targets.
   */
  static final double MULTI_STEP_TTFT_P99_MEDIAN = 27.0; // 57.1 % (18 rows) -> 23.6 % (17) with the Offline-row fit
  static final double MULTI_STEP_TTFT_P50_AT_GOODPUT_MEDIAN = 15.0;
  static final double MULTI_STEP_TTFT_P99_AT_GOODPUT_MEDIAN = 18.0;
  static final double MULTI_STEP_SWEEP_TTFT_P50_MEDIAN = 15.0;
  /**
   * Every server row's TTFT P99 at the measured rate (53 rows): 56.8 % with multi-step scheduling (was 79.8 %), 56.6 % after the
   * system data corrections (docs/accuracy.md, "Little's-law diagnosis": the miss is the step time, see
   * ServerLatencyGivenTheStepTimeTest); target 30 %, met at 29.3 % (64 rows, 33 within 30 %) since the section "Tail latency:
   * MLPerf v4.1 engine budgets, partner system classes and the H100-NVL / H100-PCIe decode efficiencies" (a thin margin).
   */
  static final double ALL_SERVER_TTFT_P99_MEDIAN = 30.0; // 56.6 % (53 rows) -> 38.9 % (65) with the Offline-row fit -> 32.5 % (64) with the v5.1 rows' token budget -> 31.7 % (64) with the v4.1 engines' budgets and partner system classes -> 29.3 % (64) with the H100-NVL / H100-PCIe decode efficiencies fitted on their Offline rows: the 30 % target

  static List<Measurement> rows;
  static ValidationRun run;

  @BeforeAll
  static void score() throws Exception {
    rows = MeasurementReader.read(Path.of("src/test/resources/calibration/inference.csv"));
    LLMForecastEngine engine = new LLMForecastEngine(Workspace.under(Path.of(".")), java.util.Map.of());
    Validator v = new Validator(new CaseMapper(engine.catalog()));
    run = v.score(engine, v.prepare(rows));
  }

  /** Absolute errors of dense-model rows: the documented thresholds were set on dense models; MoE rows have their own scope. */
  private static List<Double> absErrors(String enginePrefix, String metric) {
    return run.scores().stream().filter(s -> !s.moe() && s.engine().startsWith(enginePrefix) && s.metric().equals(metric))
        .map(s -> Math.abs(s.errorPct())).collect(Collectors.toList());
  }

  @Test
  void moeRowsAreScoredAndSummarisedAsTheirOwnScope() {
    // TensorRT-LLM 1.0 perf-overview FP8 tables: Qwen3-235B-A22B, Llama-4-Maverick (TP8), Llama-4-Scout (TP4) on H100/H200
    // (the MLPerf Server rows of Mixtral-8x7B are MoE too, but score latency percentiles, not output tokens/s), and the
    // 24 MLPerf Offline rows of Mixtral-8x7B (INF18xx, output tokens/s: the fitting set of moe_decode_efficiency)
    List<Score> moe = run.scores().stream().filter(s -> s.moe() && Score.OUTPUT_TOK_S.equals(s.metric())).toList();
    assertThat(run.scores().stream().filter(s -> s.model().startsWith("mixtral"))).allMatch(Score::moe);
    assertThat(moe).hasSize(76);
    assertThat(moe.stream().filter(s -> !s.id().startsWith("INF18"))).hasSize(52).extracting(Score::model)
        .containsOnly("qwen3-235b-a22b", "llama-4-maverick", "llama-4-scout");
    assertThat(moe.stream().filter(s -> s.id().startsWith("INF18"))).extracting(Score::model).containsOnly("mixtral-8x7b");
    assertThat(run.scores().stream().filter(s -> s.model().startsWith("llama-3") || s.model().startsWith("mistral")))
        .noneMatch(Score::moe);
    List<ErrorSummary.Line> lines = ErrorSummary.of(run.scores());
    ErrorSummary.Line moeLine = ErrorSummary.find(lines, "all", Score.MOE_ROWS, Score.OUTPUT_TOK_S).orElseThrow();
    ErrorSummary.Line denseLine = ErrorSummary.find(lines, "all", Score.DENSE_ROWS, Score.OUTPUT_TOK_S).orElseThrow();
    List<Double> moeErrors = moe.stream().map(s -> Math.abs(s.errorPct())).toList();
    assertThat(moeLine.count()).isEqualTo(76);
    assertThat(moeLine.medianAbsPct()).isEqualTo(ErrorSummary.percentile(moeErrors, 0.5));
    assertThat(moeLine.p90AbsPct()).isEqualTo(ErrorSummary.percentile(moeErrors, 0.9));
    assertThat(denseLine.count() + moeLine.count())
        .isEqualTo(ErrorSummary.find(lines, "all", "all", Score.OUTPUT_TOK_S).orElseThrow().count());
  }

  @Test
  void tensorRtLlmOutputThroughputWithinDocumentedError() {
    List<Double> e = absErrors("TensorRT-LLM", Score.OUTPUT_TOK_S);
    assertThat(e).hasSizeGreaterThan(250);
    assertThat(ErrorSummary.percentile(e, 0.5)).isLessThanOrEqualTo(TRT_OUTPUT_MEDIAN);
    assertThat(ErrorSummary.percentile(e, 0.9)).isLessThanOrEqualTo(TRT_OUTPUT_P90);
  }

  @Test
  void nimLatencyUnderLoadWithinDocumentedError() {
    List<Double> ttft = absErrors("NVIDIA NIM", Score.TTFT_MS);
    List<Double> itl = absErrors("NVIDIA NIM", Score.ITL_MS);
    assertThat(ttft).hasSize(9);
    assertThat(itl).hasSize(9);
    assertThat(ErrorSummary.percentile(ttft, 0.5)).isLessThanOrEqualTo(NIM_LATENCY_MEDIAN);
    assertThat(ErrorSummary.percentile(itl, 0.5)).isLessThanOrEqualTo(NIM_LATENCY_MEDIAN);
  }

  @Test
  void ttftRisesPastSaturationLikeTheMeasuredSweep() {
    // NIM Llama-3.3-70B FP8 on 2x H100, 5000 in / 500 out, concurrency 1, 5, 25, 50, 100, 150, 200, 250
    List<String> sweep = List.of("INF0803", "INF0804", "INF0805", "INF0806", "INF0807", "INF0808", "INF0809", "INF0810");
    List<Double> ttft = sweep.stream().map(id -> run.scores().stream()
        .filter(s -> s.id().equals(id) && s.metric().equals(Score.TTFT_MS)).findFirst().orElseThrow().predicted()).toList();
    for (int i = 1; i < ttft.size(); i++) {
      assertThat(ttft.get(i)).as("TTFT at sweep step " + i).isGreaterThan(ttft.get(i - 1));
    }
    assertThat(ttft.get(0)).isLessThan(1000.0);          // measured 407 ms at concurrency 1
    assertThat(ttft.get(4)).isGreaterThan(4000.0);       // measured 8.0 s at 100: queueing for a batch slot
    assertThat(ttft.get(5)).isBetween(20000.0, 50000.0); // measured 34.8 s at 150
  }

  @Test
  void closedLoopPredictionsObeyLittlesLaw() {
    // N in flight = throughput x (TTFT + (output - 1) x ITL), below and past saturation (5000 in / 500 out)
    java.util.Map<String, Integer> concurrency = java.util.Map.of("INF0803", 1, "INF0804", 5, "INF0806", 50, "INF0808", 150);
    concurrency.forEach((id, n) -> {
      double tps = predicted(id, Score.OUTPUT_TOK_S);
      double ttft = predicted(id, Score.TTFT_MS) / 1000;
      double itl = predicted(id, Score.ITL_MS) / 1000;
      assertThat(tps / 500 * (ttft + 499 * itl)).as(id).isCloseTo(n, org.assertj.core.data.Percentage.withPercentage(1));
    });
  }

  private static double predicted(String id, String metric) {
    return run.scores().stream().filter(s -> s.id().equals(id) && s.metric().equals(metric)).findFirst().orElseThrow().predicted();
  }

  @Test
  void everyMlperfServerRowIsScoredAtTheRulesGoodputWithinDocumentedRateError() {
    List<Score> server = run.scores().stream().filter(s -> BenchmarkCase.SERVER.equals(s.regime())).toList();
    Set<String> rowsWithRate = server.stream().filter(s -> Score.SERVER_RPS.equals(s.metric())).map(Score::id).collect(Collectors.toSet());
    Set<String> serverRows = rows.stream().filter(m -> m.batchOrConcurrency().startsWith("server") && !m.batchOrConcurrency().contains("rate sweep"))
        .map(Measurement::id).collect(Collectors.toSet());
    // a row beyond the modelled capacity at its measured rate is still compared at the rules' goodput
    assertThat(rowsWithRate).hasSizeGreaterThanOrEqualTo(50).isEqualTo(serverRows);
    for (String metric : List.of(Score.TTFT_P50_MS, Score.TTFT_P99_MS, Score.ITL_P50_MS, Score.ITL_P99_MS)) {
      assertThat(server.stream().filter(s -> (metric + Score.AT_GOODPUT).equals(s.metric())).count()).as(metric).isEqualTo(rowsWithRate.size());
    }
    List<Double> rate = server.stream().filter(s -> Score.SERVER_RPS.equals(s.metric())).map(s -> Math.abs(s.errorPct())).toList();
    assertThat(ErrorSummary.percentile(rate, 0.5)).isLessThanOrEqualTo(SERVER_RATE_MEDIAN);
  }

  @Test
  void mlperfServerTailLatencyStaysWithinItsRegressionGuards() {
    List<Score> server = run.scores().stream().filter(s -> BenchmarkCase.SERVER.equals(s.regime())).toList();
    java.util.function.Function<String, List<Double>> errors = metric -> server.stream().filter(s -> s.metric().equals(metric))
        .filter(s -> s.id().startsWith(TENSORRT_SERVER_ROWS) && s.engine().startsWith("TensorRT-LLM"))
        .map(s -> Math.abs(s.errorPct())).toList();
    List<Double> ttft99 = errors.apply(Score.TTFT_P99_MS);
    assertThat(ttft99).hasSizeGreaterThanOrEqualTo(25);
    assertThat(ErrorSummary.percentile(ttft99, 0.5)).isLessThanOrEqualTo(SERVER_TTFT_P99_MEDIAN);
    List<Double> atGoodput = errors.apply(Score.TTFT_P99_MS + Score.AT_GOODPUT);
    assertThat(atGoodput).hasSizeGreaterThanOrEqualTo(50);
    assertThat(ErrorSummary.percentile(atGoodput, 0.5)).isLessThanOrEqualTo(SERVER_TTFT_P99_AT_GOODPUT_MEDIAN);
    assertThat(ErrorSummary.percentile(errors.apply(Score.ITL_P99_MS + Score.AT_GOODPUT), 0.5)).isLessThanOrEqualTo(SERVER_TPOT_P99_AT_GOODPUT_MEDIAN);
  }

  @Test
  void multiStepSchedulingRowsStayWithinTheirRegressionGuards() {
    Set<String> multi = rows.stream().filter(m -> m.batchOrConcurrency().contains("scheduler steps")).map(Measurement::id)
        .collect(Collectors.toSet());
    assertThat(multi).hasSizeGreaterThanOrEqualTo(23);
    java.util.function.BiFunction<String, Boolean, List<Double>> errors = (metric, sweep) -> run.scores().stream()
        .filter(s -> multi.contains(s.id()) && s.metric().equals(metric) && s.id().startsWith("INF16") == sweep)
        .map(s -> Math.abs(s.errorPct())).toList();
    List<Double> ttft99 = errors.apply(Score.TTFT_P99_MS, false);
    assertThat(ttft99).hasSizeGreaterThanOrEqualTo(17); // INF1716 is beyond the modelled capacity (next test)
    assertThat(ErrorSummary.percentile(ttft99, 0.5)).isLessThanOrEqualTo(MULTI_STEP_TTFT_P99_MEDIAN);
    List<Double> ttft50AtGoodput = errors.apply(Score.TTFT_P50_MS + Score.AT_GOODPUT, false);
    assertThat(ttft50AtGoodput).hasSizeGreaterThanOrEqualTo(19);
    assertThat(ErrorSummary.percentile(ttft50AtGoodput, 0.5)).isLessThanOrEqualTo(MULTI_STEP_TTFT_P50_AT_GOODPUT_MEDIAN);
    assertThat(ErrorSummary.percentile(errors.apply(Score.TTFT_P99_MS + Score.AT_GOODPUT, false), 0.5))
        .isLessThanOrEqualTo(MULTI_STEP_TTFT_P99_AT_GOODPUT_MEDIAN);
    List<Double> sweep = errors.apply(Score.TTFT_P50_MS, true);
    assertThat(sweep).hasSize(4);
    assertThat(ErrorSummary.percentile(sweep, 0.5)).isLessThanOrEqualTo(MULTI_STEP_SWEEP_TTFT_P50_MEDIAN);
    List<Double> all = run.scores().stream().filter(s -> s.metric().equals(Score.TTFT_P99_MS)).map(s -> Math.abs(s.errorPct())).toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(50);
    assertThat(ErrorSummary.percentile(all, 0.5)).isLessThanOrEqualTo(ALL_SERVER_TTFT_P99_MEDIAN);
  }

  @Test
  void rateSweepRowsAreScoredAtTheirRateOnlyAndNoCapacityMissIsWrong() {
    // vLLM / SGLang published sweeps (INF1601-INF1621): fixed request rates, not tuned to latency constraints
    Set<String> sweep = rows.stream().filter(m -> m.batchOrConcurrency().contains("rate sweep")).map(Measurement::id).collect(Collectors.toSet());
    assertThat(sweep).hasSizeGreaterThanOrEqualTo(15);
    assertThat(run.scores().stream().filter(s -> sweep.contains(s.id())))
        .allMatch(s -> !s.metric().endsWith(Score.AT_GOODPUT) && !Score.SERVER_RPS.equals(s.metric()))
        .anyMatch(s -> Score.TTFT_P50_MS.equals(s.metric()));
    // a row the rules put beyond the replica's capacity must be one whose measured server fell behind its offered load
    // (output tokens/s below 90% of rate x output tokens): the capacity verdict is checked out of sample
    Set<String> fellBehind = rows.stream().filter(m -> sweep.contains(m.id()) && m.outputTokS() != null)
        .filter(m -> m.outputTokS() < 0.9 * Double.parseDouble(m.requestRate()) * m.outputTokens()).map(Measurement::id)
        .collect(Collectors.toSet());
    Set<String> beyondCapacity = run.skips().stream().filter(k -> sweep.contains(k.id()) && k.reason().contains("beyond its modelled capacity"))
        .map(Skip::id).collect(Collectors.toSet());
    assertThat(fellBehind).isNotEmpty();
    assertThat(fellBehind).containsAll(beyondCapacity);
  }

  @Test
  void mlperfServerRowsOfOtherEnginesAreScoredOnTheirPercentiles() {
    // MLPerf Inference v4.1 / v5.1 Server runs served by vLLM (AMD's ROCm builds on MI300X / MI325X and their partners',
    // Red Hat's vLLM 0.10.0 on H100 and L40S) and by Mango LLMBoost over vLLM: rows INF1701-INF1725, added after every fit
    Set<String> other = rows.stream()
        .filter(m -> m.batchOrConcurrency().startsWith("server") && !m.batchOrConcurrency().contains("rate sweep"))
        .filter(m -> !"TensorRT-LLM".equals(m.engine()) && m.ttftP99Ms() != null && m.itlP99Ms() != null)
        .map(Measurement::id).collect(Collectors.toSet());
    assertThat(other).hasSizeGreaterThanOrEqualTo(25);
    // the published figures are ordered percentiles of an MLPerf log summary with its publication date
    assertThat(rows.stream().filter(m -> other.contains(m.id()))).allSatisfy(m -> {
      assertThat(m.ttftP50Ms()).as(m.id()).isPositive().isLessThanOrEqualTo(m.ttftP99Ms());
      assertThat(m.itlP50Ms()).as(m.id()).isPositive().isLessThanOrEqualTo(m.itlP99Ms());
      assertThat(m.source()).as(m.id()).contains("github.com/mlcommons/inference_results_v").endsWith("/mlperf_log_summary.txt");
      assertThat(m.inputTokensP50()).as(m.id()).isNotNull().isLessThan(m.inputTokensP99());
    });
    // every one is scored at its measured rate on all four percentiles, or listed as beyond the modelled capacity there
    Set<String> beyond = run.skips().stream().filter(k -> other.contains(k.id()) && k.reason().contains("beyond its modelled capacity"))
        .map(Skip::id).collect(Collectors.toSet());
    for (String metric : List.of(Score.TTFT_P50_MS, Score.TTFT_P99_MS, Score.ITL_P50_MS, Score.ITL_P99_MS)) {
      Set<String> scored = run.scores().stream().filter(s -> other.contains(s.id()) && metric.equals(s.metric())).map(Score::id)
          .collect(Collectors.toSet());
      // 22 of 25: INF1715 and INF1716 (ASUSTeK, MI325X at the planner's default batch: the Mixtral row since the MI325X
      // MoE efficiency was fitted on the Offline rows) and INF1720 (Red Hat, H100 with a 1024-token budget per iteration,
      // which bounds the modelled replica at 37.9 req/s against the measured 39.6) are beyond capacity
      assertThat(scored).as(metric).hasSizeGreaterThanOrEqualTo(22).doesNotContainAnyElementsOf(beyond);
      assertThat(scored.size() + beyond.size()).as(metric).isEqualTo(other.size());
    }
    assertThat(run.scores().stream().filter(s -> other.contains(s.id()) && Score.TTFT_P99_MS.equals(s.metric())).map(Score::engine))
        .contains("vLLM", "LLMBoost (vLLM)").doesNotContain("TensorRT-LLM");
    // planned at the rules' goodput too, like every MLPerf Server row
    assertThat(run.scores().stream().filter(s -> other.contains(s.id()) && Score.SERVER_RPS.equals(s.metric())).map(Score::id))
        .containsExactlyInAnyOrderElementsOf(other);
  }

  @Test
  void documentedCalibrationDataAndTheTestCopyAreTheSame() throws Exception {
    assertThat(java.nio.file.Files.readAllLines(Path.of("docs/accuracy-data/inference.csv")))
        .isEqualTo(java.nio.file.Files.readAllLines(Path.of("src/test/resources/calibration/inference.csv")));
  }

  @Test
  void everyRowIsScoredOrListedWithAReason() {
    Set<String> seen = new HashSet<>();
    run.scores().forEach(s -> seen.add(s.id()));
    run.skips().forEach(k -> {
      assertThat(k.reason()).isNotBlank();
      seen.add(k.id());
    });
    assertThat(seen).containsExactlyInAnyOrderElementsOf(rows.stream().map(Measurement::id).toList());
  }
}
