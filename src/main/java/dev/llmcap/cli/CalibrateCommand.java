package dev.llmcap.cli;

import dev.llmcap.batch.Progress;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.config.InputException;
import dev.llmcap.config.Json;
import dev.llmcap.engine.Assumptions;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import dev.llmcap.export.AtomicFiles;
import dev.llmcap.model.fact.Assumption;
import dev.llmcap.validate.Calibrator;
import dev.llmcap.validate.CaseMapper;
import dev.llmcap.validate.ErrorSummary;
import dev.llmcap.validate.MeasurementReader;
import dev.llmcap.validate.Score;
import dev.llmcap.validate.ValidationRun;
import dev.llmcap.validate.Validator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The calibrate command: fits efficiency assumptions per GPU family and precision to measurements and writes an override file. */
final class CalibrateCommand {
  private final PrintStream out;
  private final PrintStream err;

  CalibrateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    // validate's flags less --format (calibrate writes JSON to --out) and --training (it fits serving rows only)
    Options o = new Options();
    ValidateCommand.options().getOptions().stream()
        .filter(opt -> !"format".equals(opt.getLongOpt()) && !"training".equals(opt.getLongOpt()))
        .forEach(o::addOption);
    o.addOption(Option.builder().longOpt("out").hasArg().argName("FILE.json")
        .desc("override file to write (required); rules/calibration.json is the one the planner reads").build());
    o.addOption(Option.builder().longOpt("force").desc("overwrite the output file if it exists").build());
    o.addOption(Option.builder().longOpt("max-evaluations").hasArg().argName("N")
        .desc("most candidate evaluations per GPU family and precision; a fit ends sooner once it stops improving (default 200)").build());
    o.addOption(Option.builder().longOpt("threads").hasArg().argName("N")
        .desc("worker threads (default: the number of processors); the result does not depend on it").build());
    return o;
  }

  int run(String[] args) {
    CommandLine cl;
    int maxEval;
    int threads;
    try {
      cl = CommonFlags.parse(options(), args);
      CommonFlags.requireNoArguments(cl);
      if (cl.hasOption("help")) {
        ValidateCommand.help(out, "llmcap calibrate --measurements FILE.csv --out FILE.json [--force]",
            "Fits mbu_decode, mfu_decode, mfu_prefill, step_overhead_ms (and, with multi-GPU rows, "
                + "allreduce_latency_us and link_efficiency) per GPU family and precision to the measured rows, "
                + "minimising mean squared log error within physical bounds, and writes them as "
                + "name@FAMILY:PRECISION overrides to --out. Reports the error before and after. It writes only where "
                + "--out says: give --out rules/calibration.json to have the planner use the result.",
            options(),
            "Example:\n  llmcap calibrate --measurements my-bench.csv --out rules/calibration.json\n"
                + "Exit codes: 0 written, 1 failed, 2 usage or input error (including an existing --out without --force).");
        return Main.OK;
      }
      if (!cl.hasOption("measurements") || !cl.hasOption("out")) {
        throw new UsageException("missing " + (cl.hasOption("measurements") ? "" : "--measurements FILE.csv ")
            + (cl.hasOption("out") ? "" : "--out FILE.json ") + "(calibrate writes only to the file --out names; "
            + "--out rules/calibration.json makes the planner use it)");
      }
      String given = cl.getOptionValue("max-evaluations", "200");
      try {
        maxEval = Integer.parseInt(given.trim());
      } catch (NumberFormatException e) {
        maxEval = 0;
      }
      if (maxEval < 10) {
        throw new UsageException("--max-evaluations must be a whole number of at least 10 (got '" + given + "')");
      }
      threads = threads(cl);
    } catch (ParseException | UsageException e) {
      return CommonFlags.usageError(err, "calibrate", e);
    }
    try {
      Workspace ws = CommonFlags.workspace(cl);
      Path target = Path.of(cl.getOptionValue("out"));
      if (Files.exists(target) && !cl.hasOption("force")) {
        throw new UsageException(target + " exists; pass --force to overwrite it");
      }
      if (Files.isDirectory(target)) {
        throw new UsageException(target + " is a directory");
      }
      Path measurements = Path.of(cl.getOptionValue("measurements"));
      LLMForecastEngine engine = new LLMForecastEngine(ws, CommonFlags.assumptionOverrides(cl));
      Validator validator = new Validator(new CaseMapper(engine.catalog()), threads);
      Validator.Prepared prepared = validator.prepare(MeasurementReader.read(measurements));
      if (prepared.cases().isEmpty()) {
        throw new InputException(measurements + ": no row could be mapped to a plan (run llmcap validate to see why)");
      }
      ValidationRun before = validator.score(engine, prepared);
      List<Calibrator.GroupFit> fits;
      int budget = new Calibrator(validator, maxEval).evaluationBudget(prepared);
      try (Progress progress = Progress.start(err, budget, "evaluations", Progress.stderrIsTerminal())) {
        fits = new Calibrator(validator, maxEval, progress).fit(engine, prepared, measurements.getFileName().toString());
      }
      List<Assumption> entries = new ArrayList<>();
      fits.forEach(f -> entries.addAll(f.entries()));
      ValidationRun after = validator.score(engine.withAssumptions(engine.assumptions().withEntries(entries, target.toString())), prepared);
      report(fits, before, after);
      String json = Json.shared().writerWithDefaultPrettyPrinter().writeValueAsString(Calibrator.overrideFile(fits)) + "\n";
      AtomicFiles.write(target, json);
      err.println("llmcap calibrate: " + entries.size() + " assumption(s) written to " + target
          + (target.toAbsolutePath().normalize().equals(ws.rules().resolve(Assumptions.CALIBRATION_FILE).toAbsolutePath().normalize())
              ? " (the rules use them from now on)"
              : " (copy to " + ws.rules().resolve(Assumptions.CALIBRATION_FILE) + " to use them)"));
      return Main.OK;
    } catch (UsageException e) {
      err.println("llmcap calibrate: " + e.getMessage());
      return Main.USAGE;
    } catch (InputException e) {
      e.problems().forEach(p -> err.println("llmcap calibrate: " + p));
      return Main.USAGE;
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap calibrate: rules: " + p));
      return Main.USAGE;
    } catch (CatalogException e) {
      err.println("llmcap calibrate: catalog: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap calibrate: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private static int threads(CommandLine cl) throws UsageException {
    if (!cl.hasOption("threads")) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(cl.getOptionValue("threads").trim());
      if (n >= 1 && n <= 1024) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--threads must be a whole number from 1 to 1024 (got '" + cl.getOptionValue("threads") + "')");
  }

  private void report(List<Calibrator.GroupFit> fits, ValidationRun before, ValidationRun after) {
    out.printf(Locale.ROOT, "%-22s %5s %8s %12s %12s%n", "group", "rows", "metrics", "msle before", "msle after");
    for (Calibrator.GroupFit f : fits) {
      out.printf(Locale.ROOT, "%-22s %5d %8d %12.4f %12.4f%n", f.group(), f.rows(), f.metrics(), f.msleBefore(), f.msleAfter());
      for (Assumption a : f.entries()) {
        out.printf(Locale.ROOT, "    %-40s = %s%n", a.getName(), dev.llmcap.engine.Fmt.n(a.getValue()));
      }
    }
    out.println();
    out.printf(Locale.ROOT, "%-12s %6s %16s %16s %14s %14s%n", "metric", "count", "median% before", "median% after", "p90% before", "p90% after");
    List<ErrorSummary.Line> b = ErrorSummary.of(before.scores());
    List<ErrorSummary.Line> a = ErrorSummary.of(after.scores());
    for (String metric : List.of(Score.OUTPUT_TOK_S, Score.TTFT_MS, Score.ITL_MS)) {
      var lb = ErrorSummary.find(b, "all", "all", metric);
      var la = ErrorSummary.find(a, "all", "all", metric);
      if (lb.isPresent() && la.isPresent()) {
        out.printf(Locale.ROOT, "%-12s %6d %16.1f %16.1f %14.1f %14.1f%n", metric, lb.get().count(), lb.get().medianAbsPct(),
            la.get().medianAbsPct(), lb.get().p90AbsPct(), la.get().p90AbsPct());
      }
    }
    out.printf(Locale.ROOT, "mean squared log error: %.4f -> %.4f%n", before.meanSquaredLogError(), after.meanSquaredLogError());
  }
}
