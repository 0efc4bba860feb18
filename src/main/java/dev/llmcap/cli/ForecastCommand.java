package dev.llmcap.cli;

import dev.llmcap.catalog.CatalogException;
import dev.llmcap.config.InputException;
import dev.llmcap.engine.ForecastScenarios;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import dev.llmcap.export.AtomicFiles;
import dev.llmcap.forecast.CleanedSeries;
import dev.llmcap.forecast.CleaningOptions;
import dev.llmcap.forecast.ForecastChart;
import dev.llmcap.forecast.ForecastConfig;
import dev.llmcap.forecast.ForecastException;
import dev.llmcap.forecast.ForecastPoint;
import dev.llmcap.forecast.ForecastResult;
import dev.llmcap.forecast.Forecaster;
import dev.llmcap.forecast.ReplanDecision;
import dev.llmcap.forecast.ReplanTrigger;
import dev.llmcap.forecast.RequestTraceReader;
import dev.llmcap.forecast.Scenario;
import dev.llmcap.forecast.SeriesCleaner;
import dev.llmcap.forecast.Timestamps;
import dev.llmcap.forecast.TraceSummary;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.fact.ScenarioRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The forecast command: history, series or trace in; forecast with scenarios (from rules/forecast), the capacity plan
 * at the chosen scenario's peak and per month, the budget comparison and the re-plan check out.
 */
final class ForecastCommand {
  private final PrintStream out;
  private final PrintStream err;

  ForecastCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    Options options = ForecastOptionsSpec.build();
    CommandLine cl;
    try {
      cl = CommonFlags.parse(options, args);
      CommonFlags.requireNoArguments(cl);
    } catch (ParseException | UsageException e) {
      return CommonFlags.usageError(err, "forecast", e);
    }
    if (cl.hasOption("help")) {
      printHelp(options);
      return Main.OK;
    }
    try {
      return execute(cl);
    } catch (UsageException | ForecastException e) {
      err.println("llmcap forecast: " + e.getMessage());
      return Main.USAGE;
    } catch (InputException e) {
      e.problems().forEach(p -> err.println("llmcap forecast: " + p));
      return Main.USAGE;
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap forecast: rules: " + p));
      return Main.USAGE;
    } catch (CatalogException e) {
      err.println("llmcap forecast: catalog: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap forecast: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private int execute(CommandLine cl)
      throws UsageException, ForecastException, InputException, RuleSetException, CatalogException, IOException {
    String format = cl.getOptionValue("format");
    if (format != null && !List.of("text", "txt", "json").contains(format.toLowerCase(Locale.ROOT))) {
      throw new UsageException("--format must be one of text|json (got '" + format + "')");
    }
    boolean hasHistory = cl.hasOption("history");
    boolean hasSeries = cl.hasOption("series");
    if (hasHistory && hasSeries) {
      throw new UsageException("give either --history or --series, not both");
    }
    if (!hasHistory && !hasSeries && !cl.hasOption("trace")) {
      throw new UsageException("give what to forecast: --history FILE, --series FILE --metric rps, or --trace FILE");
    }
    String metricFlag = cl.hasOption("metric") ? ForecastInputs.metric(cl.getOptionValue("metric")) : null;
    Scenario scenario = ForecastFlags.scenario(cl.getOptionValue("scenario", "baseline"));
    ForecastConfig config = ForecastFlags.forecastConfig(cl, scenario);
    // check output paths before the work
    Path outputPath = cl.hasOption("output") ? OutputPaths.resolve(cl.getOptionValue("output"), cl.hasOption("force")) : null;
    Path chartPath = null;
    if (cl.hasOption("chart")) {
      chartPath = OutputPaths.resolve(cl.getOptionValue("chart"), cl.hasOption("force"));
      if (!chartPath.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
        throw new UsageException("--chart writes a PNG: give a file name ending in .png (got '" + cl.getOptionValue("chart") + "')");
      }
    }
    List<ForecastPoint> previous = cl.hasOption("previous-forecast") ? ForecastFlags.previousForecast(Path.of(cl.getOptionValue("previous-forecast"))) : null;

    List<String> notes = new ArrayList<>();
    TraceSummary trace = null;
    if (cl.hasOption("trace")) {
      Duration iv = cl.hasOption("trace-interval")
          ? Duration.ofMillis(Math.round(1000 * ForecastFlags.positive(cl.getOptionValue("trace-interval"), "--trace-interval")))
          : RequestTraceReader.DEFAULT_INTERVAL;
      trace = new RequestTraceReader(iv, RequestTraceReader.DEFAULT_MAX_TOKENS, RequestTraceReader.DEFAULT_MAX_TOKENS)
          .read(Path.of(cl.getOptionValue("trace")));
      if (trace.rps().isEmpty()) {
        throw new ForecastException(cl.getOptionValue("trace") + ": the trace spans less than one " + iv.toSeconds()
            + " s interval: no request rate can be measured");
      }
    }

    ForecastInputs.Loaded loaded = null;
    if (hasHistory) {
      List<Path> files = new ArrayList<>();
      for (String f : cl.getOptionValues("history")) {
        files.add(Path.of(f));
      }
      loaded = ForecastInputs.history(files, metricFlag, cl.getOptionValue("service-id"));
    } else if (hasSeries) {
      loaded = ForecastInputs.series(Path.of(cl.getOptionValue("series")), metricFlag == null ? "rps" : metricFlag);
      if (metricFlag == null) {
        notes.add("--metric not given: the series is taken as rps (requests per second)");
      }
    }

    LLMForecastEngine engine = new LLMForecastEngine(CommonFlags.workspace(cl), CommonFlags.assumptionOverrides(cl));
    CleanedSeries cleaned = null;
    ForecastResult result = null;
    ForecastScenarios.Result scenarios = null;
    if (loaded != null) {
      String src = String.join(", ", loaded.sources());
      if (loaded.series().isEmpty()) {
        throw new ForecastException(src + ": the history holds no rows to forecast");
      }
      CleaningOptions co = CleaningOptions.defaults().withNonNegative(loaded.rate());
      if (config.seasonalPeriod() != null) {
        co = co.withSeasonalPeriod(config.seasonalPeriod());
      }
      cleaned = new SeriesCleaner(co).clean(loaded.series());
      if (cleaned.size() < Forecaster.MINIMUM_POINTS) {
        String why = cleaned.report().messages().isEmpty() ? "" : " (" + String.join("; ", cleaned.report().messages()) + ")";
        throw new ForecastException(src + ": cannot forecast from " + cleaned.size() + " point"
            + (cleaned.size() == 1 ? "" : "s") + why + ": at least " + Forecaster.MINIMUM_POINTS
            + " regularly spaced observations are needed");
      }
      result = new Forecaster().forecast(cleaned, config.withNonNegative(loaded.rate()));
      scenarios = scenarios(engine, cl, result, loaded.unit(), scenario);
    }

    String metric = loaded != null ? loaded.metric() : "rps";
    String unit = loaded != null ? loaded.unit() : "requests/sec";
    String scenarioName = scenario.name().toLowerCase(Locale.ROOT);

    // capacity at the peak and per month
    ForecastReport.PlanAt planAt = null;
    ForecastCapacity capacity = null;
    List<ForecastReport.MonthRow> monthly = new ArrayList<>();
    boolean plannable = "rps".equals(metric);
    if (!plannable && ForecastCapacity.canPlan(cl)) {
      notes.add("no capacity plan: the plan sizes a request rate, and this forecast is of " + metric);
    } else if (plannable && !ForecastCapacity.canPlan(cl)) {
      notes.add("no capacity plan: name a model (--model, --model-size or --config) to size capacity at the peak");
    } else if (plannable) {
      capacity = new ForecastCapacity(engine, cl, trace, cl.hasOption("explain"));
      if (scenarios != null && !(scenarios.peaks().get(scenarioName) > 0)) {
        notes.add("no capacity plan: the " + scenarioName + " forecast peak is " + scenarios.peaks().get(scenarioName)
            + " req/s, there is nothing to serve");
        for (ForecastScenarios.Month m : scenarios.months()) {
          monthly.add(new ForecastReport.MonthRow(m.month(), m.periods(), m.peak().get(scenarioName),
              m.total().get(scenarioName), null, null, null, null, null, null, null));
        }
      } else if (scenarios != null) {
        Double peak = scenarios.peaks().get(scenarioName);
        Integer at = scenarios.peakIndex().get(scenarioName);
        String ts = at == null ? null : result.points().get(at).timestamp().toString();
        planAt = new ForecastReport.PlanAt(peak, "forecast peak (" + scenarioName + " scenario)", ts,
            capacity.plan(peak, "forecast peak (" + scenarioName + " scenario" + (ts == null ? "" : " at " + ts) + ")"));
        for (ForecastScenarios.Month m : scenarios.months()) {
          Double p = m.peak().get(scenarioName);
          if (!(p > 0)) {
            monthly.add(new ForecastReport.MonthRow(m.month(), m.periods(), p, m.total().get(scenarioName), null, null,
                null, 0.0, null, "nothing to serve", null));
            continue;
          }
          LLMCapacityPlan mp = capacity.plan(p, "forecast peak of " + m.month() + " (" + scenarioName + " scenario)");
          monthly.add(monthRow(m, scenarioName, mp));
        }
      } else {
        planAt = new ForecastReport.PlanAt(trace.meanRps(), "trace mean rate", null,
            capacity.plan(trace.meanRps(), "trace " + cl.getOptionValue("trace") + ": mean rate"));
      }
      notes.addAll(capacity.notes());
    } else if (scenarios != null) {
      for (ForecastScenarios.Month m : scenarios.months()) {
        monthly.add(new ForecastReport.MonthRow(m.month(), m.periods(), m.peak().get(scenarioName),
            m.total().get(scenarioName), null, null, null, null, null, null, null));
      }
    }

    ForecastReport.Budget budget = null;
    if (cl.hasOption("budget")) {
      double amount = ForecastFlags.positive(cl.getOptionValue("budget"), "--budget");
      budget = budget(amount, metric, unit, planAt, monthly, notes);
      if (budget != null) {
        List<ForecastReport.MonthRow> marked = new ArrayList<>();
        for (ForecastReport.MonthRow r : monthly) {
          Double v = "cost".equals(metric) ? r.total() : r.monthlyCost();
          marked.add(new ForecastReport.MonthRow(r.month(), r.periods(), r.peak(), r.total(), r.gpu(), r.replicas(),
              r.gpus(), r.monthlyCost(), r.currency(), r.verdict(), v == null ? null : v > amount));
        }
        monthly = marked;
      }
    }

    ReplanDecision replan = null;
    if (previous != null) {
      if (cleaned == null) {
        throw new UsageException("--previous-forecast needs the latest actuals: give --history or --series");
      }
      replan = ReplanTrigger.evaluate(cleaned.series(), previous, config.varianceThresholdPct());
    }

    ForecastReport report = new ForecastReport(metric, unit, loaded == null ? null : loaded.serviceId(),
        loaded == null ? List.of() : loaded.sources(), scenarioName, cleaned, result, scenarios,
        cl.getOptionValue("trace"), trace, planAt, capacity == null ? null : capacity.inputs(), monthly, budget, replan,
        notes);

    if (chartPath != null) {
      chart(report, chartPath);
      err.println("llmcap forecast: chart written to " + chartPath);
    }
    boolean explain = cl.hasOption("explain");
    if (outputPath != null) {
      String fmt = format != null ? format.toLowerCase(Locale.ROOT) : (outputPath.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? "json" : "text");
      AtomicFiles.write(outputPath, render(fmt, report, explain));
      err.println("llmcap forecast: written to " + outputPath);
      if ("json".equals(fmt)) {
        out.print(ForecastReportText.render(report, explain));
      }
      return Main.OK;
    }
    out.print(render(format == null ? "text" : format.toLowerCase(Locale.ROOT), report, explain));
    return Main.OK;
  }

  private static String render(String format, ForecastReport report, boolean explain) {
    return "json".equals(format) ? ForecastReportJson.write(report, explain) : ForecastReportText.render(report, explain);
  }

  private ForecastScenarios.Result scenarios(LLMForecastEngine engine, CommandLine cl, ForecastResult result, String unit,
      Scenario scenario) throws UsageException, RuleSetException {
    List<ForecastScenarios.Period> periods = new ArrayList<>();
    for (ForecastPoint p : result.points()) {
      periods.add(new ForecastScenarios.Period(p.timestamp(), p.baseline(), p.lower80(), p.upper80(), p.lower95(), p.upper95()));
    }
    Double mult = null;
    if (cl.hasOption("spike-multiplier")) {
      mult = ForecastCapacity.number(cl.getOptionValue("spike-multiplier"), "--spike-multiplier");
      if (mult < 1) {
        throw new UsageException("--spike-multiplier must be >= 1 (got " + cl.getOptionValue("spike-multiplier") + ")");
      }
    }
    Integer spikePeriods = null;
    Double spikeSeconds = null;
    if (cl.hasOption("spike-duration")) {
      String d = cl.getOptionValue("spike-duration").trim();
      if (d.matches("\\d+")) {
        spikePeriods = Integer.parseInt(d);
        if (spikePeriods < 1) {
          throw new UsageException("--spike-duration must be at least 1 period");
        }
      } else {
        spikeSeconds = ForecastFlags.durationSeconds(d);
      }
    }
    Integer start = null;
    if (cl.hasOption("spike-start")) {
      Instant t;
      try {
        t = Timestamps.parse(cl.getOptionValue("spike-start"));
      } catch (DateTimeParseException e) {
        throw new UsageException("--spike-start expects a time such as 2024-05-01T18:00:00Z (got '"
            + cl.getOptionValue("spike-start") + "')");
      }
      for (int i = 0; i < periods.size() && start == null; i++) {
        if (!periods.get(i).timestamp().isBefore(t)) {
          start = i;
        }
      }
      if (start == null || t.isBefore(periods.get(0).timestamp().minus(result.interval()))) {
        throw new UsageException("--spike-start " + cl.getOptionValue("spike-start") + " is outside the forecast horizon ("
            + periods.get(0).timestamp() + " to " + periods.get(periods.size() - 1).timestamp() + ")");
      }
    }
    ScenarioRequest req = new ScenarioRequest(scenario.name().toLowerCase(Locale.ROOT), unit,
        result.interval().toSeconds(), mult, start, spikePeriods, spikeSeconds);
    ForecastScenarios.Result r = new ForecastScenarios(engine.rules(), engine.assumptions()).run(periods, req);
    if (!r.errors().isEmpty()) {
      throw new RuleSetException(r.errors());
    }
    return r;
  }

  private static ForecastReport.MonthRow monthRow(ForecastScenarios.Month m, String scenario, LLMCapacityPlan p) {
    LLMCapacityPlan.GpuResources g = p.gpuResources();
    LLMCapacityPlan.Cost c = p.cost();
    return new ForecastReport.MonthRow(m.month(), m.periods(), m.peak().get(scenario), m.total().get(scenario),
        g == null ? null : g.recommendedGpuType(), g == null ? null : g.maxReplicas(), g == null ? null : g.totalGpus(),
        c == null ? null : c.monthlyTotalCost(), c == null ? null : c.currency(), p.verdict(), null);
  }

  private static ForecastReport.Budget budget(double amount, String metric, String unit, ForecastReport.PlanAt planAt,
      List<ForecastReport.MonthRow> monthly, List<String> notes) {
    if ("cost".equals(metric)) {
      String first = monthly.stream().filter(r -> r.total() != null && r.total() > amount).map(ForecastReport.MonthRow::month)
          .findFirst().orElse(null);
      return new ForecastReport.Budget(amount, unit, "forecast spend per calendar month (sum of the periods in the horizon)",
          first, verdict(first, amount, unit));
    }
    if (planAt == null || planAt.plan().cost() == null || planAt.plan().cost().monthlyTotalCost() == null) {
      notes.add("--budget ignored: there is no plan cost to compare it with");
      return null;
    }
    String currency = planAt.plan().cost().currency();
    if (monthly.isEmpty()) {
      double cost = planAt.plan().cost().monthlyTotalCost();
      return new ForecastReport.Budget(amount, currency, "monthly cost of the plan at the trace load",
          cost > amount ? "now" : null, cost > amount
              ? String.format(Locale.ROOT, "over budget: the plan costs %,.0f %s/month, budget %,.0f", cost, currency, amount)
              : String.format(Locale.ROOT, "within budget: the plan costs %,.0f %s/month, budget %,.0f", cost, currency, amount));
    }
    String first = monthly.stream().filter(r -> r.monthlyCost() != null && r.monthlyCost() > amount)
        .map(ForecastReport.MonthRow::month).findFirst().orElse(null);
    return new ForecastReport.Budget(amount, currency, "monthly cost of the plan at each month's peak", first,
        verdict(first, amount, currency));
  }

  private static String verdict(String first, double amount, String currency) {
    return first == null
        ? String.format(Locale.ROOT, "within the budget of %,.0f %s/month in every month of the horizon", amount, currency)
        : String.format(Locale.ROOT, "budget of %,.0f %s/month first exceeded in %s", amount, currency, first);
  }

  private static void chart(ForecastReport r, Path png) throws UsageException, ForecastException, IOException {
    if (r.forecast() == null) {
      throw new UsageException("--chart needs a forecast: give --history or --series");
    }
    Double capacity = null;
    String label = null;
    if (r.plan() != null && r.plan().plan().throughput() != null && r.plan().plan().throughput().maxRpsCapacity() != null) {
      capacity = r.plan().plan().throughput().maxRpsCapacity();
      label = "planned capacity " + ForecastReportText.num(capacity) + " req/s";
    }
    int period = Math.max(1, r.forecast().seasonalPeriod());
    int show = Math.max(4 * period, r.forecast().points().size());
    Path tmp = Files.createTempFile(png.toAbsolutePath().getParent(), "." + png.getFileName(), ".tmp.png");
    try {
      new ForecastChart().render(r.history().series().tail(show), r.forecast(),
          "Forecast of " + r.metric() + (r.serviceId() == null ? "" : " for " + r.serviceId()) + " (" + r.scenario()
              + " scenario planned)", r.metric() + " (" + r.unit() + ")", capacity, label, tmp);
      AtomicFiles.write(png, Files.readAllBytes(tmp));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void printHelp(Options options) {
    Help.print(out, "llmcap forecast [flags]",
        "Forecasts load or cost from history, a series or a request trace; derives the scenarios with the rules in "
            + "rules/forecast and sizes capacity at the chosen scenario's peak with the inference rules.",
        options, "Examples:\n"
            + "  llmcap forecast --series requests.csv --metric rps --horizon-days 14 --scenario pessimistic "
            + "--model llama-3.1-8b --budget 20000\n"
            + "  llmcap forecast --trace AzureLLMInferenceTrace_conv.csv --model llama-3.1-70b --precision FP8\n"
            + "Exit codes: 0 ok, 1 failed, 2 usage or input error.");
  }

}
