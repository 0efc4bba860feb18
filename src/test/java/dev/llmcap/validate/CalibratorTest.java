package dev.llmcap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.fact.Assumption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calibrating on the rows of one GPU lowers that file's error, within the physical bounds of each tunable. */
class CalibratorTest {
  @Test
  void calibrationOnOneGpuLowersItsError() throws Exception {
    List<Measurement> l40s = MeasurementReader.read(Path.of("src/test/resources/calibration/inference.csv")).stream()
        .filter(m -> m.gpu().equals("L40S-48GB") && "0.13.0".equals(m.engineVersion()) && m.model().equals("Llama-3.1-8B")).toList();
    assertThat(l40s).hasSize(9);
    LLMForecastEngine shipped = new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of());
    // start from a deliberately poor value so the fit has something to find
    LLMForecastEngine engine = shipped.withAssumptions(shipped.assumptions().withEntries(
        List.of(new Assumption("mbu_decode@Ada Lovelace:FP8", 0.4, null, null, null, null, null, "test")), "test"));
    Validator v = new Validator(new CaseMapper(engine.catalog()));
    Validator.Prepared prepared = v.prepare(l40s);
    double before = v.score(engine, prepared).meanSquaredLogError();

    List<Calibrator.GroupFit> fits = new Calibrator(v, 40).fit(engine, prepared, "l40s.csv");

    assertThat(fits).extracting(Calibrator.GroupFit::group).containsExactly("Ada Lovelace:FP8");
    List<Assumption> entries = new ArrayList<>(fits.get(0).entries());
    assertThat(entries).extracting(Assumption::getName).contains("mbu_decode@Ada Lovelace:FP8", "mfu_prefill@Ada Lovelace:FP8");
    for (Assumption a : entries) {
      Calibrator.Parameter p = Calibrator.DEFAULT_PARAMETERS.stream().filter(x -> x.name().equals(a.getBaseName())).findFirst().orElseThrow();
      assertThat(a.getValue()).isBetween(p.min(), p.max());
    }
    double after = v.score(engine.withAssumptions(engine.assumptions().withEntries(entries, "test")), prepared).meanSquaredLogError();
    assertThat(after).isLessThan(before * 0.8);
    assertThat(fits.get(0).msleAfter()).isEqualTo(after, org.assertj.core.data.Offset.offset(1e-9));
  }
}
