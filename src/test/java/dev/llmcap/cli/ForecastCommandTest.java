package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecast command end to end through Main.run, on the public fixtures and on synthetic series. */
class ForecastCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), false);
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  static String fixture(String name) throws Exception {
    URL url = ForecastCommandTest.class.getResource("/forecast/" + name);
    return Path.of(url.toURI()).toString();
  }

  static Run forecast(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "forecast";
    System.arraycopy(args, 0, all, 1, args.length);
    return run(all);
  }

  @Test
  void nycTaxiSliceForecastAsJson() throws Exception {
    Run r = forecast("--series", fixture("nyc_taxi_30min_2014-08-31_6weeks.csv"), "--metric", "rps", "--horizon-days", "7",
        "--scenario", "pessimistic", "--model", "llama-3.1-8b", "--input-tokens", "500", "--output-tokens", "200",
        "--gpu-type", "H100", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    JsonNode list = j.get("forecast");
    assertThat(list.size()).isEqualTo(7 * 48);
    double maxPessimistic = 0;
    for (JsonNode p : list) {
      for (String f : List.of("timestamp", "baseline", "lower_80", "upper_80", "lower_95", "upper_95", "optimistic",
          "pessimistic", "spike")) {
        assertThat(p.has(f)).as(f).isTrue();
      }
      assertThat(p.get("lower_95").asDouble()).isLessThanOrEqualTo(p.get("lower_80").asDouble());
      assertThat(p.get("lower_80").asDouble()).isLessThanOrEqualTo(p.get("baseline").asDouble());
      assertThat(p.get("baseline").asDouble()).isLessThanOrEqualTo(p.get("upper_80").asDouble());
      assertThat(p.get("upper_80").asDouble()).isLessThanOrEqualTo(p.get("upper_95").asDouble());
      assertThat(p.get("pessimistic").asDouble()).isGreaterThanOrEqualTo(p.get("baseline").asDouble());
      assertThat(p.get("baseline").asDouble()).isGreaterThanOrEqualTo(p.get("optimistic").asDouble());
      maxPessimistic = Math.max(maxPessimistic, p.get("pessimistic").asDouble());
    }
    assertThat(list.get(0).get("timestamp").asText()).isEqualTo("2014-10-12T00:00:00Z");
    String chosen = j.at("/model/chosen").asText();
    assertThat(j.at("/backtest/chosen").asText()).isEqualTo(chosen);
    JsonNode chosenRow = null;
    for (JsonNode row : j.at("/backtest/rows")) {
      if (row.get("model").asText().equals(chosen)) {
        chosenRow = row;
      }
    }
    assertThat(chosenRow).isNotNull();
    assertThat(chosenRow.get("mase").isNumber()).isTrue();
    assertThat(chosenRow.get("mase").asDouble()).isLessThan(j.at("/backtest/rows/0/mase").asDouble()); // beats seasonal-naive(m=48)
    assertThat(j.at("/cleaning/input_points").asInt()).isEqualTo(2016);
    assertThat(j.at("/peak/scenario").asText()).isEqualTo("pessimistic");
    assertThat(j.at("/peak/value").asDouble()).isEqualTo(maxPessimistic);
    assertThat(j.at("/plan_basis/planned_rps").asDouble()).isEqualTo(maxPessimistic);
    assertThat(j.at("/plan/workload_input/requests_per_second").asDouble()).isCloseTo(maxPessimistic, within(1e-6));
    assertThat(j.at("/plan/workload_input/peak_load_multiplier").asDouble()).isEqualTo(1.0);
    assertThat(j.at("/plan/gpu_resources/total_gpus").asInt()).isPositive();
    assertThat(j.at("/plan").has("trace")).isFalse();
    assertThat(j.get("monthly").size()).isEqualTo(1);
    assertThat(j.at("/monthly/0/month").asText()).isEqualTo("2014-10");
    assertThat(j.at("/monthly/0/monthly_cost").asDouble()).isEqualTo(j.at("/plan/cost/monthly_total_cost").asDouble());
  }

  @Test
  void elbSeriesThroughTheCommandPrintsTheBacktestTable() {
    Run r = forecast("--series", fixture0("elb_request_count_5min.csv"), "--metric", "rps", "--horizon-days", "1");
    assertThat(r.code()).as(r.err()).isZero();
    System.out.println(r.out());
    assertThat(r.out()).contains("Rolling-origin backtest").contains("chosen:").contains("long gaps flagged")
        .contains("no capacity plan: name a model");
  }

  private static String fixture0(String name) {
    try {
      return fixture(name);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------- trace-driven plan ----------

  private static final long TICKS = 10_000_000L; // the trace has 7 fractional digits

  private static long ticks(String ts) {
    String[] hms = ts.substring(11).split("[:.]");
    long secs = Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Long.parseLong(hms[2]);
    String frac = (hms.length > 3 ? hms[3] : "") + "0000000";
    return secs * TICKS + Long.parseLong(frac.substring(0, 7));
  }

  /** Type-7 quantile (linear interpolation between order statistics). */
  private static double quantile(double[] x, double q) {
    double[] s = x.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  }

  @Test
  void traceDrivenPlanUsesTheTraceRateTokensAndPeakMultiplier() throws Exception {
    String file = fixture("azure-llm-2023-conv-first10min.csv");
    Run r = forecast("--trace", file, "--model", "llama-3.1-70b", "--precision", "FP8", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();

    List<String> lines = Files.readAllLines(Path.of(file));
    List<long[]> rows = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.trim().split(",");
      long t = ticks(f[0]);
      rows.add(new long[] {t, Long.parseLong(f[1]), Long.parseLong(f[2])});
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    long bucket = 60 * TICKS;
    int complete = (int) ((last - first) / bucket);
    double[] rates = new double[complete];
    double in = 0;
    double out = 0;
    for (long[] row : rows) {
      int k = (int) ((row[0] - first) / bucket);
      if (k < complete) {
        rates[k] += 1 / 60.0;
      }
      in += row[1];
      out += row[2];
    }
    double mean = Arrays.stream(rates).sum() / complete;
    double peak = quantile(rates, 0.99) / mean;
    double meanIn = in / rows.size();
    double meanOut = out / rows.size();

    assertThat(j.at("/trace/rows").asLong()).isEqualTo(rows.size());
    assertThat(j.at("/trace/dropped").asLong()).isZero();
    assertThat(j.at("/trace/mean_rps").asDouble()).isCloseTo(mean, within(1e-9));
    assertThat(j.at("/trace/peak_multiplier").asDouble()).isCloseTo(peak, within(1e-9));
    assertThat(j.at("/trace/input_tokens/mean").asDouble()).isCloseTo(meanIn, within(1e-9));
    assertThat(j.at("/trace/output_tokens/mean").asDouble()).isCloseTo(meanOut, within(1e-9));
    assertThat(j.at("/plan/workload_input/requests_per_second").asDouble()).isCloseTo(mean, within(1e-9));
    assertThat(j.at("/plan/workload_input/peak_load_multiplier").asDouble()).isCloseTo(peak, within(1e-9));
    assertThat(j.at("/plan/workload_input/avg_input_tokens").asLong()).isEqualTo(Math.round(meanIn));
    assertThat(j.at("/plan/workload_input/avg_output_tokens").asLong()).isEqualTo(Math.round(meanOut));
    assertThat(j.at("/plan_basis/peak_multiplier_from").asText()).startsWith("trace");
    assertThat(j.at("/plan/gpu_resources/total_gpus").asInt()).isPositive();
    System.out.printf(Locale.ROOT, "trace plan: mean %.6f req/s, peak x%.6f, tokens %.3f/%.3f -> %s%n", mean, peak, meanIn,
        meanOut, j.at("/plan/headline/0").asText());
  }

  @Test
  void traceRowsDroppedAreCountedInTheReport(@TempDir Path tmp) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(fixture("azure-llm-2023-conv-first10min.csv"))));
    lines.add(3, "2023-11-16 18:15:51.2224680,1800000,12");
    lines.add(5, "not,a,row");
    lines.add(7, "2023-11-16 18:15:51.3910180,0,16");
    Path f = tmp.resolve("trace.csv");
    Files.write(f, lines);
    Run r = forecast("--trace", f.toString(), "--model", "llama-3.1-8b", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.at("/trace/dropped").asInt()).isEqualTo(3);
    assertThat(j.at("/trace/dropped_by_reason/implausible_tokens").asInt()).isEqualTo(1);
    assertThat(j.at("/trace/dropped_by_reason/unparsable").asInt()).isEqualTo(1);
    assertThat(j.at("/trace/dropped_by_reason/zero_tokens").asInt()).isEqualTo(1);
  }

  // ---------- synthetic series ----------

  /** Daily values from 2025-01-01. */
  static Path daily(Path dir, String name, int days, java.util.function.IntToDoubleFunction value) throws Exception {
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < days; i++) {
      sb.append(t0.plusSeconds(86400L * i)).append(',').append(String.format(Locale.ROOT, "%.6f", value.applyAsDouble(i)))
          .append('\n');
    }
    Path f = dir.resolve(name);
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void budgetIsFirstExceededInTheMonthWhoseCostPassesIt(@TempDir Path tmp) throws Exception {
    Path s = daily(tmp, "growing.csv", 120, i -> 2 + 0.1 * i + 0.3 * Math.sin(2 * Math.PI * i / 7));
    String[] base = {"--series", s.toString(), "--metric", "rps", "--horizon-months", "3", "--model", "llama-3.1-8b",
        "--input-tokens", "500", "--output-tokens", "200", "--gpu-type", "L4", "--format", "json"};
    Run r0 = forecast(base);
    assertThat(r0.code()).as(r0.err()).isZero();
    JsonNode months = r0.json().get("monthly");
    assertThat(months.size()).isEqualTo(3);
    List<Double> costs = new ArrayList<>();
    for (JsonNode m : months) {
      costs.add(m.get("monthly_cost").asDouble());
    }
    for (int i = 1; i < costs.size(); i++) {
      assertThat(costs.get(i)).as("cost grows with the forecast").isGreaterThanOrEqualTo(costs.get(i - 1));
    }
    int k = 1;
    while (k < costs.size() && costs.get(k).equals(costs.get(k - 1))) {
      k++;
    }
    assertThat(k).as("some month costs more than the first").isLessThan(costs.size());
    double budget = (costs.get(k - 1) + costs.get(k)) / 2;
    String[] withBudget = Arrays.copyOf(base, base.length + 2);
    withBudget[base.length] = "--budget";
    withBudget[base.length + 1] = String.format(Locale.ROOT, "%.2f", budget);
    JsonNode j = forecast(withBudget).json();
    assertThat(j.at("/budget/first_exceeded").asText()).isEqualTo(months.get(k).get("month").asText());
    assertThat(j.at("/budget/exceeded").asBoolean()).isTrue();
    for (int i = 0; i < months.size(); i++) {
      assertThat(j.at("/monthly/" + i + "/over_budget").asBoolean()).isEqualTo(i >= k);
    }
    String[] generous = withBudget.clone();
    generous[generous.length - 1] = String.format(Locale.ROOT, "%.2f", costs.get(costs.size() - 1) * 2);
    JsonNode ok = forecast(generous).json();
    assertThat(ok.at("/budget/exceeded").asBoolean()).isFalse();
    assertThat(ok.at("/budget/first_exceeded").isNull()).isTrue();
  }

  @Test
  void costHistoryBudgetComparesTheForecastMonthlySpend(@TempDir Path tmp) throws Exception {
    StringBuilder sb = new StringBuilder("service_id,timestamp,amount,currency,category,tokens_processed\n");
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < 90; i++) {
      String ts = t0.plusSeconds(86400L * i).toString();
      sb.append("chat,").append(ts).append(',').append(String.format(Locale.ROOT, "%.2f", 100 + 2.0 * i)).append(",USD,gpu_compute,\n");
      sb.append("chat,").append(ts).append(",10.00,USD,storage,\n");
      sb.append("other,").append(ts).append(",5.00,USD,storage,\n");
    }
    Path f = tmp.resolve("costs.csv");
    Files.writeString(f, sb.toString());
    Run r = forecast("--history", f.toString(), "--service-id", "chat", "--horizon-months", "4", "--budget", "9000",
        "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("metric").asText()).isEqualTo("cost");
    assertThat(j.get("service_id").asText()).isEqualTo("chat");
    // independent: sum the baseline per calendar month and find the first month above the budget
    java.util.Map<String, Double> sums = new java.util.LinkedHashMap<>();
    for (JsonNode p : j.get("forecast")) {
      sums.merge(p.get("timestamp").asText().substring(0, 7), p.get("baseline").asDouble(), Double::sum);
    }
    String first = sums.entrySet().stream().filter(e -> e.getValue() > 9000).map(java.util.Map.Entry::getKey).findFirst()
        .orElse(null);
    assertThat(first).isNotNull();
    assertThat(j.at("/budget/first_exceeded").asText()).isEqualTo(first);
    int i = 0;
    for (java.util.Map.Entry<String, Double> e : sums.entrySet()) {
      assertThat(j.at("/monthly/" + i + "/month").asText()).isEqualTo(e.getKey());
      assertThat(j.at("/monthly/" + i + "/total").asDouble()).isCloseTo(e.getValue(), within(1e-6 * e.getValue()));
      i++;
    }
    assertThat(j.has("plan")).isFalse();
  }

  @Test
  void usageHistoryIsSelectedByServiceAndMetric(@TempDir Path tmp) throws Exception {
    StringBuilder sb = new StringBuilder("[\n");
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < 60; i++) {
      String ts = t0.plusSeconds(86400L * i).toString();
      sb.append(String.format(Locale.ROOT, "{\"service_id\": \"chat\", \"timestamp\": \"%s\", \"metric_name\": \"rps\", "
          + "\"value\": %.3f, \"unit\": \"requests/sec\"},%n", ts, 3 + 0.02 * i + 0.5 * Math.sin(2 * Math.PI * i / 7)));
      sb.append(String.format(Locale.ROOT, "{\"service_id\": \"chat\", \"timestamp\": \"%s\", \"metric_name\": \"ttft_ms\", "
          + "\"value\": 250},%n", ts));
      sb.append(String.format(Locale.ROOT, "{\"service_id\": \"search\", \"timestamp\": \"%s\", \"metric_name\": \"rps\", "
          + "\"value\": 100}%s%n", ts, i == 59 ? "" : ","));
    }
    sb.append("]\n");
    Path f = tmp.resolve("usage.json");
    Files.writeString(f, sb.toString());
    Run several = forecast("--history", f.toString());
    assertThat(several.code()).isEqualTo(2);
    assertThat(several.err()).contains("several services").contains("chat").contains("search").contains("--service-id");
    Run r = forecast("--history", f.toString(), "--service-id", "chat", "--horizon-days", "14", "--model", "llama-3.1-8b",
        "--input-tokens", "400", "--output-tokens", "150", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("metric").asText()).isEqualTo("rps");
    assertThat(j.get("forecast").size()).isEqualTo(14);
    assertThat(j.at("/cleaning/input_points").asInt()).isEqualTo(60);
    assertThat(j.at("/plan/workload_input/requests_per_second").asDouble()).isCloseTo(j.at("/peak/value").asDouble(), within(1e-9));
    Run ttft = forecast("--history", f.toString(), "--service-id", "chat", "--metric", "ttft_ms", "--model", "llama-3.1-8b",
        "--format", "json");
    assertThat(ttft.code()).as(ttft.err()).isZero();
    assertThat(ttft.json().has("plan")).isFalse();
    assertThat(ttft.json().get("notes").toString()).contains("no capacity plan");
  }

  @Test
  void replanTriggerComparesActualsWithThePreviousForecast(@TempDir Path tmp) throws Exception {
    Path hist = daily(tmp, "h.csv", 60, i -> 50 + 0.5 * i + 5 * Math.sin(2 * Math.PI * i / 7));
    Path prev = tmp.resolve("previous.json");
    Run first = forecast("--series", hist.toString(), "--horizon-days", "14", "--format", "json", "--output", prev.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("written to");
    JsonNode p = JSON.readTree(prev.toFile());
    // actuals for the next 10 days: 30% above the previous forecast's baseline
    List<String> lines = new ArrayList<>(Files.readAllLines(hist));
    for (int i = 0; i < 10; i++) {
      JsonNode e = p.get("forecast").get(i);
      lines.add(e.get("timestamp").asText() + "," + String.format(Locale.ROOT, "%.9f", 1.3 * e.get("baseline").asDouble()));
    }
    Path actuals = tmp.resolve("a.csv");
    Files.write(actuals, lines);
    JsonNode j = forecast("--series", actuals.toString(), "--previous-forecast", prev.toString(), "--format", "json").json();
    assertThat(j.at("/replan/compared_points").asInt()).isEqualTo(10);
    assertThat(j.at("/replan/mean_abs_pct_deviation").asDouble()).isCloseTo(100 * 0.3 / 1.3, within(1e-6));
    assertThat(j.at("/replan/replan").asBoolean()).isTrue();
    JsonNode loose = forecast("--series", actuals.toString(), "--previous-forecast", prev.toString(),
        "--variance-threshold", "25%", "--format", "json").json();
    assertThat(loose.at("/replan/replan").asBoolean()).isFalse();
    assertThat(loose.at("/replan/threshold_pct").asDouble()).isEqualTo(25.0);
  }

  @Test
  void spikeMultipliesExactlyTheSpikeWindowAndACopiedRulesFolderChangesTheScenarios(@TempDir Path tmp) throws Exception {
    Path s = daily(tmp, "s.csv", 60, i -> 50 + 0.5 * i + 5 * Math.sin(2 * Math.PI * i / 7));
    Run r = forecast("--series", s.toString(), "--horizon-days", "20", "--scenario", "spike", "--spike-multiplier", "3",
        "--spike-duration", "2d", "--spike-start", "2025-03-05", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    double maxSpike = 0;
    for (JsonNode p : j.get("forecast")) {
      String t = p.get("timestamp").asText();
      boolean in = t.startsWith("2025-03-05") || t.startsWith("2025-03-06");
      double b = p.get("baseline").asDouble();
      assertThat(p.get("spike").asDouble()).as(t).isCloseTo(in ? 3 * b : b, within(1e-9 * Math.max(1, b)));
      maxSpike = Math.max(maxSpike, p.get("spike").asDouble());
    }
    assertThat(j.at("/scenarios/spike_periods").asInt()).isEqualTo(2);
    assertThat(j.at("/peak/value").asDouble()).isEqualTo(maxSpike);

    Path rules = tmp.resolve("rules");
    copy(Path.of("rules"), rules);
    Path a = rules.resolve("assumptions.json");
    Files.writeString(a, Files.readString(a).replace("\"text\": \"upper_80\"", "\"text\": \"upper_95\""));
    JsonNode edited = forecast("--series", s.toString(), "--horizon-days", "20", "--rules", rules.toString(),
        "--format", "json").json();
    JsonNode shipped = forecast("--series", s.toString(), "--horizon-days", "20", "--format", "json").json();
    boolean differs = false;
    for (int i = 0; i < edited.get("forecast").size(); i++) {
      JsonNode e = edited.get("forecast").get(i);
      assertThat(e.get("pessimistic").asDouble()).isEqualTo(e.get("upper_95").asDouble());
      differs |= e.get("pessimistic").asDouble() != shipped.get("forecast").get(i).get("pessimistic").asDouble();
    }
    assertThat(differs).isTrue();
  }

  @Test
  void chartIsWrittenWithTheCapacityLine(@TempDir Path tmp) throws Exception {
    Path s = daily(tmp, "s.csv", 60, i -> 5 + 0.05 * i + Math.sin(2 * Math.PI * i / 7));
    Path png = tmp.resolve("forecast.png");
    Run r = forecast("--series", s.toString(), "--horizon-days", "14", "--model", "llama-3.1-8b", "--input-tokens", "500",
        "--output-tokens", "100", "--chart", png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    byte[] b = Files.readAllBytes(png);
    assertThat(b.length).isGreaterThan(1000);
    assertThat(Arrays.copyOf(b, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Run again = forecast("--series", s.toString(), "--chart", png.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("--force");
  }

  @Test
  void aZeroForecastIsReportedWithoutAPlan(@TempDir Path tmp) throws Exception {
    Path s = daily(tmp, "zero.csv", 30, i -> 0);
    Run r = forecast("--series", s.toString(), "--horizon-days", "7", "--model", "llama-3.1-8b", "--input-tokens", "100",
        "--output-tokens", "100");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("nothing to serve");
  }

  // ---------- clear messages, exit 2 ----------

  @Test
  void missingFileIsAUsageError() {
    Run r = forecast("--series", "no/such/file.csv", "--metric", "rps");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no/such/file.csv").contains("file not found");
    Run h = forecast("--history", "no/such/history.csv");
    assertThat(h.code()).isEqualTo(2);
    assertThat(h.err()).contains("file not found");
  }

  @Test
  void emptyAndOnePointHistoriesAreUsageErrors(@TempDir Path tmp) throws Exception {
    Path empty = tmp.resolve("empty.csv");
    Files.writeString(empty, "timestamp,value\n");
    Run e = forecast("--series", empty.toString(), "--metric", "rps");
    assertThat(e.code()).isEqualTo(2);
    assertThat(e.err()).contains("no rows");
    Path one = tmp.resolve("one.csv");
    Files.writeString(one, "timestamp,value\n2025-01-01T00:00:00Z,5\n");
    Run o = forecast("--series", one.toString(), "--metric", "rps");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("cannot forecast from 1 point").contains("single point");
    assertThat(o.err()).doesNotContain("Exception");
  }

  @Test
  void unknownMetricAndScenarioAreUsageErrors() throws Exception {
    Run m = forecast("--series", fixture("elb_request_count_5min.csv"), "--metric", "qps");
    assertThat(m.code()).isEqualTo(2);
    assertThat(m.err()).contains("unknown metric 'qps'").contains("rps|tps");
    Run s = forecast("--series", fixture("elb_request_count_5min.csv"), "--scenario", "worst");
    assertThat(s.code()).isEqualTo(2);
    assertThat(s.err()).contains("unknown scenario 'worst'");
    Run none = forecast("--horizon-days", "3");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--history").contains("--trace");
  }

  static void copy(Path from, Path to) throws Exception {
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
