package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmcap.model.fact.ScenarioRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastScenariosTest {
  private static final Path RULES = Path.of("rules");

  /** A rising daily-cycle forecast with widening symmetric bands, hourly from 2025-01-30 (crosses into February). */
  static List<ForecastScenarios.Period> periods(int n) {
    List<ForecastScenarios.Period> list = new ArrayList<>();
    Instant t0 = Instant.parse("2025-01-30T00:00:00Z");
    for (int i = 0; i < n; i++) {
      double base = 100 + i * 0.5 + 30 * Math.sin(2 * Math.PI * i / 24);
      double w = 5 + 0.1 * i;
      list.add(new ForecastScenarios.Period(t0.plusSeconds(3600L * (i + 1)), base, base - w, base + w,
          base - 1.53 * w, base + 1.53 * w));
    }
    return list;
  }

  private static ForecastScenarios.Result run(Path rules, List<ForecastScenarios.Period> p, ScenarioRequest req)
      throws Exception {
    return new ForecastScenarios(RuleBase.load(rules), Assumptions.load(rules)).run(p, req);
  }

  @Test
  void scenariosAreOrderedAndTheSpikeMultipliesExactlyItsWindow() throws Exception {
    List<ForecastScenarios.Period> p = periods(120);
    ForecastScenarios.Result r = run(RULES, p, new ScenarioRequest("spike", "req/s", 3600, 3.0, 10, null, 7200.0));
    assertThat(r.errors()).isEmpty();
    double[] base = r.values().get("baseline");
    double[] opt = r.values().get("optimistic");
    double[] pes = r.values().get("pessimistic");
    double[] spike = r.values().get("spike");
    for (int i = 0; i < p.size(); i++) {
      assertThat(base[i]).isEqualTo(p.get(i).baseline());
      assertThat(pes[i]).isGreaterThanOrEqualTo(base[i]);
      assertThat(base[i]).isGreaterThanOrEqualTo(opt[i]);
      assertThat(opt[i]).isEqualTo(p.get(i).lower80());
      assertThat(pes[i]).isEqualTo(p.get(i).upper80());
      double expected = i >= 10 && i < 12 ? 3.0 * base[i] : base[i];
      assertThat(spike[i]).as("spike at %d", i).isCloseTo(expected, within(1e-9));
    }
    assertThat(r.spikeStart()).isEqualTo(10);
    assertThat(r.spikePeriods()).isEqualTo(2);
    double max = 0;
    for (double v : pes) {
      max = Math.max(max, v);
    }
    assertThat(r.peaks().get("pessimistic")).isEqualTo(max);
    assertThat(r.months()).extracting(ForecastScenarios.Month::month).containsExactly("2025-01", "2025-02");
    assertThat(r.months().get(0).periods() + r.months().get(1).periods()).isEqualTo(120);
    assertThat(r.months().get(0).periods()).isEqualTo(47); // 01:00 on the 30th to 23:00 on the 31st
  }

  @Test
  void spikeDefaultsToTheAssumptionAndStartsAtTheBaselinePeak() throws Exception {
    List<ForecastScenarios.Period> p = periods(48);
    ForecastScenarios.Result r = run(RULES, p, new ScenarioRequest("spike", "req/s", 1800, null, null, null, null));
    int peak = 0;
    for (int i = 1; i < p.size(); i++) {
      if (p.get(i).baseline() > p.get(peak).baseline()) {
        peak = i;
      }
    }
    assertThat(r.spikeStart()).isEqualTo(peak);
    assertThat(r.spikeMultiplier()).isEqualTo(2.0); // forecast.spike_multiplier
    assertThat(r.spikePeriods()).isEqualTo(2); // 1 h of 30-minute periods
  }

  @Test
  void editingAnAssumptionInACopiedRulesFolderChangesTheScenario(@TempDir Path tmp) throws Exception {
    copy(RULES, tmp);
    Path a = tmp.resolve("assumptions.json");
    String json = Files.readString(a);
    Files.writeString(a, json.replace("\"text\": \"upper_80\"", "\"text\": \"upper_95\""));
    List<ForecastScenarios.Period> p = periods(30);
    ForecastScenarios.Result r = run(tmp, p, new ScenarioRequest("pessimistic", "req/s", 3600, null, null, null, null));
    for (int i = 0; i < p.size(); i++) {
      assertThat(r.values().get("pessimistic")[i]).isEqualTo(p.get(i).upper95());
    }
    Files.writeString(a, json.replace("\"text\": \"upper_80\"", "\"text\": \"upper_99\""));
    ForecastScenarios.Result bad = run(tmp, p, new ScenarioRequest("pessimistic", "req/s", 3600, null, null, null, null));
    assertThat(bad.errors()).anySatisfy(e -> assertThat(e).contains("forecast.pessimistic_basis").contains("upper_99"));
  }

  @Test
  void twoWeeksOfHalfHourPeriodsRunQuickly() throws Exception {
    run(RULES, periods(10), new ScenarioRequest("baseline", "req/s", 3600, null, null, null, null));
    long t0 = System.nanoTime();
    ForecastScenarios.Result r = run(RULES, periods(720), new ScenarioRequest("baseline", "req/s", 1800, null, null, null, null));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("720 periods: " + ms + " ms");
    assertThat(r.values().get("spike")).hasSize(720);
    assertThat(ms).isLessThan(20_000);
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
