package dev.llmcap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.SessionResult;
import dev.llmcap.engine.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scoring plans the cases in parallel without the audit trace: the scores are the ones a case-by-case run with the
 * trace gives, in input order, and the same on every run.
 */
class ParallelScoringTest {
  @Test
  void parallelScoresEqualCaseByCaseTracedPlansInInputOrder() throws Exception {
    List<Measurement> rows = MeasurementReader.read(Path.of("src/test/resources/calibration/inference.csv")).subList(0, 60);
    LLMForecastEngine engine = new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of());
    Validator v = new Validator(new CaseMapper(engine.catalog()));
    Validator.Prepared prepared = v.prepare(rows);
    assertThat(prepared.cases()).hasSizeGreaterThan(20);

    ValidationRun run = v.score(engine, prepared);
    assertThat(v.score(engine, prepared).scores()).isEqualTo(run.scores());

    List<String> expected = new ArrayList<>();
    for (BenchmarkCase c : prepared.cases()) {
      SessionResult r = engine.evaluate(c.request(), true);
      Double tps = r.value(c.gpuId(), "closed_loop_output_tok_s");
      if (tps != null && c.row().outputTokS() != null && c.row().outputTokS() > 0) {
        expected.add(c.row().id() + " " + tps * c.replicas() / c.divisor());
      }
    }
    List<String> actual = run.scores().stream().filter(s -> s.metric().equals(Score.OUTPUT_TOK_S))
        .map(s -> s.id() + " " + s.predicted()).toList();
    assertThat(actual).isNotEmpty().isEqualTo(expected);
  }
}
