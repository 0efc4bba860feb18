package dev.llmcap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.config.InputPreparer;
import dev.llmcap.config.PreparedRequest;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.PlanSession;
import dev.llmcap.engine.SessionResult;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.fact.BenchmarkRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A closed-loop benchmark run (what validation and calibration plan for their closed-loop rows) sizes no fleet: the
 * open-loop latency rules do not fire for it, and every figure the validator reads is the one the full plan of the same
 * request concludes, so scores and fitted values do not change.
 */
class BenchmarkRunTest {
  /** Rules that size a fleet for a latency target; none of them may fire for a benchmark run. */
  private static final Set<String> FLEET_LATENCY_RULES = Set.of(
      "Usable rate per replica: goodput within every latency target, capped by the target utilisation",
      "Latency percentiles at the planned operating point",
      "Latency targets from the SLO profile when none is given",
      "Replicas for closed-loop users",
      "Offered load of a closed loop: users over think time plus response time at that load");
  /** The quantities and findings the validator reads for a closed-loop row. */
  private static final Set<String> CLOSED_LOOP_FIGURES = Set.of("closed_loop_output_tok_s", "closed_loop_ttft_ms", "closed_loop_itl_ms",
      "closed_loop_bound", "closed_loop_queue", "batch_limit", "prefill_bound");

  private static LLMForecastEngine engine;

  @org.junit.jupiter.api.BeforeAll
  static void loadEngine() throws Exception {
    engine = new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of());
  }

  private static List<Measurement> rows() throws Exception {
    return MeasurementReader.read(Path.of("src/test/resources/calibration/inference.csv"));
  }

  @Test
  void openLoopLatencyRulesDoNotFireForABenchmarkRunAndItsClosedLoopFiguresAreTheFullPlans() throws Exception {
    Validator.Prepared prepared = new Validator(new CaseMapper(engine.catalog()), 1).prepare(rows());
    List<BenchmarkCase> closedLoop = prepared.cases().stream().filter(c -> !BenchmarkCase.SERVER.equals(c.regime())).toList();
    // every closed-loop regime (offline, concurrency, single request), multi-GPU rows included, spread over the file
    List<BenchmarkCase> picked = IntStream.range(0, closedLoop.size()).filter(i -> i % 25 == 0).mapToObj(closedLoop::get).toList();
    assertThat(picked).extracting(BenchmarkCase::regime)
        .contains(BenchmarkCase.OFFLINE, BenchmarkCase.CONCURRENCY, BenchmarkCase.SINGLE);
    assertThat(picked).anyMatch(c -> c.request().getGpu().getTensorParallel() > 1);
    int compared = 0;
    for (BenchmarkCase c : picked) {
      PreparedRequest p = new InputPreparer(engine.catalog(), engine.assumptions()).inference(c.request(), Map.of());
      PlanRequest r = p.request();
      List<Object> inputs = List.of(r.getWorkload(), r.getModel(), r.getGpu(), r.getService());
      List<Object> benchmarkInputs = new ArrayList<>(inputs);
      benchmarkInputs.add(new BenchmarkRun());
      PlanSession session = new PlanSession(engine.rules(), engine.assumptions());
      SessionResult full = session.run(inputs, p.gpus(), p.models(), LLMForecastEngine.INFERENCE_RULES, true, false);
      SessionResult run = session.run(benchmarkInputs, p.gpus(), p.models(), LLMForecastEngine.INFERENCE_RULES, true, false);

      String gpu = c.gpuId();
      Set<String> fullRules = full.trace().stream().map(TraceEntry::getRule).collect(Collectors.toSet());
      Set<String> runRules = run.trace().stream().map(TraceEntry::getRule).collect(Collectors.toSet());
      assertThat(runRules).as("%s: rules fired for the benchmark run", c.row().id()).doesNotContainAnyElementsOf(FLEET_LATENCY_RULES);
      for (String name : List.of("usable_rps_per_replica", "slo_bound_rps", "ttft_p99_ms", "offered_rps", "max_replicas")) {
        assertThat(run.quantity(gpu, name)).as("%s: %s of the benchmark run", c.row().id(), name).isEmpty();
      }
      assertThat(run.quantity("", "slo_ttft_p99_ms")).as(c.row().id()).isEmpty();
      if (full.value(gpu, "closed_loop_output_tok_s") == null) {
        continue; // a row the rules cannot plan: both say so the same way (checked through the validator below)
      }
      // the same request without the fact is a closed-loop users plan: the fleet and latency rules fire for it
      assertThat(fullRules).as(c.row().id()).contains("Usable rate per replica: goodput within every latency target, capped by the target utilisation",
          "Latency percentiles at the planned operating point", "Replicas for closed-loop users");
      assertThat(figures(run, gpu)).as(c.row().id()).isEqualTo(figures(full, gpu)).isNotEmpty();
      assertThat(figures(run, gpu)).as(c.row().id()).containsKeys("closed_loop_output_tok_s", "closed_loop_ttft_ms", "closed_loop_itl_ms",
          "closed_loop_bound");
      compared++;
    }
    assertThat(compared).isGreaterThan(8);
  }

  /** The quantities and findings the validator reads, each as value (or message) and formula. */
  private static Map<String, String> figures(SessionResult r, String gpu) {
    Map<String, String> out = new TreeMap<>();
    for (String name : CLOSED_LOOP_FIGURES) {
      r.quantity(gpu, name).ifPresent(q -> out.put(name, q.getValue() + " " + q.getUnit() + " = " + q.getFormula()));
      r.finding(gpu, name).ifPresent(f -> out.put(name, f.getMessage()));
    }
    return out;
  }

  @Test
  void benchmarkRunsNeedTheRequestsInFlight() {
    PlanRequest r = PlanRequest.inference(new dev.llmcap.model.LLMWorkloadInput(2.0, 500, 200), new dev.llmcap.model.ModelConfig());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.evaluateBenchmarkRun(r))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workload.concurrency");
  }

  /**
   * Scores of every row (closed-loop rows as benchmark runs, server rows as open-loop plans) equal the scores of the full
   * plans, skips and their reasons included; a short calibration of two groups writes the same values and errors.
   */
  @Test
  void scoresAndFittedValuesAreTheSameAsWithTheFleetRules() throws Exception {
    List<Measurement> all = rows();
    List<Measurement> sample = IntStream.range(0, all.size()).filter(i -> i % 5 == 0).mapToObj(all::get).toList();
    Validator runs = new Validator(new CaseMapper(engine.catalog()), 2, true);
    Validator plans = new Validator(new CaseMapper(engine.catalog()), 2, false);
    Validator.Prepared prepared = runs.prepare(sample);
    assertThat(prepared.cases()).extracting(BenchmarkCase::regime).contains(BenchmarkCase.SERVER, BenchmarkCase.OFFLINE, BenchmarkCase.CONCURRENCY);
    ValidationRun a = runs.score(engine, prepared);
    ValidationRun b = plans.score(engine, prepared);
    assertThat(a.scores()).hasSize(b.scores().size()).hasSizeGreaterThan(100);
    assertThat(a.scores()).isEqualTo(b.scores());
    assertThat(a.skips()).isEqualTo(b.skips());

    List<Measurement> two = all.stream()
        .filter(m -> (m.gpu().equals("L40S-48GB") && "0.13.0".equals(m.engineVersion()) && m.model().equals("Llama-3.1-8B") && m.inputTokens() == 128)
            || (m.gpu().equals("A100-SXM4-80GB") && "FP16".equals(m.precision()) && m.batchOrConcurrency().startsWith("max")
                && m.model().equals("Llama-3.1-70B") && m.inputTokens() == 128))
        .toList();
    Validator.Prepared groups = runs.prepare(two);
    List<Calibrator.GroupFit> withRuns = new Calibrator(runs, 6).fit(engine, groups, "t.csv");
    List<Calibrator.GroupFit> withPlans = new Calibrator(plans, 6).fit(engine, groups, "t.csv");
    assertThat(withRuns).hasSize(2);
    assertThat(Calibrator.overrideFile(withRuns)).isEqualTo(Calibrator.overrideFile(withPlans));
    assertThat(withRuns).extracting(Calibrator.GroupFit::msleBefore, Calibrator.GroupFit::msleAfter)
        .isEqualTo(withPlans.stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.msleBefore(), f.msleAfter())).toList());
  }
}
