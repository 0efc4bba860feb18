package dev.llmcap.cli;

import dev.llmcap.catalog.CatalogException;
import dev.llmcap.config.InputException;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.validate.CaseMapper;
import dev.llmcap.validate.MeasurementReader;
import dev.llmcap.validate.ValidationReport;
import dev.llmcap.validate.ValidationRun;
import dev.llmcap.validate.Validator;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The validate command: scores the rules' predictions against measured serving results (per row and summarised). */
final class ValidateCommand {
  /** The command that regenerates docs/accuracy.md. */
  static final String REPORT_COMMAND = "./llmcap validate --measurements docs/accuracy-data/inference.csv"
      + " --training docs/accuracy-data/training.csv --format markdown > docs/accuracy.md";

  private final PrintStream out;
  private final PrintStream err;

  ValidateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("measurements").hasArg().argName("FILE.csv")
        .desc("measured serving results in the layout of the calibration data (inference.csv)").build());
    o.addOption(Option.builder().longOpt("training").hasArg().argName("FILE.csv")
        .desc("measured training runs (columns of docs/accuracy-data/training.csv): scores tokens/s per GPU").build());
    o.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT").desc("text (default), csv, json or markdown").build());
    CommonFlags.addTo(o);
    return o;
  }

  int run(String[] args) {
    CommandLine cl;
    try {
      cl = CommonFlags.parse(options(), args);
      CommonFlags.requireNoArguments(cl);
      if (cl.hasOption("help")) {
        help(out, "llmcap validate --measurements FILE.csv [--format text|csv|json|markdown] [--rules DIR]",
            "Plans every measured row as a closed-loop benchmark and prints predicted vs measured, % error and the\n"
                + "limiting bound, then median and p90 absolute % error per metric, engine, regime, GPU and model.\n"
                + "Rows that cannot be mapped are listed with the reason.",
            options(), "Regenerate the shipped accuracy report:\n  " + REPORT_COMMAND + "\nExit codes: 0 scored, 1 failed, 2 usage or input error.");
        return Main.OK;
      }
      if (!cl.hasOption("measurements") && !cl.hasOption("training")) {
        throw new UsageException("give --measurements FILE.csv (serving) or --training FILE.csv (training runs)");
      }
    } catch (ParseException | UsageException e) {
      return CommonFlags.usageError(err, "validate", e);
    }
    String format = cl.getOptionValue("format", "text").toLowerCase(Locale.ROOT);
    if (!java.util.List.of("text", "csv", "json", "markdown", "md").contains(format)) {
      err.println("llmcap validate: --format must be one of text|csv|json|markdown (got '" + format + "')");
      return Main.USAGE;
    }
    try {
      LLMForecastEngine engine = new LLMForecastEngine(CommonFlags.workspace(cl), CommonFlags.assumptionOverrides(cl));
      if (!cl.hasOption("measurements")) {
        writeTraining(cl, engine, format);
        return Main.OK;
      }
      Validator validator = new Validator(new CaseMapper(engine.catalog()));
      Validator.Prepared prepared = validator.prepare(MeasurementReader.read(Path.of(cl.getOptionValue("measurements"))));
      ValidationRun run;
      try (dev.llmcap.batch.Progress progress = dev.llmcap.batch.Progress.start(err, prepared.cases().size(), "rows",
          dev.llmcap.batch.Progress.stderrIsTerminal())) {
        run = validator.score(engine, prepared, progress);
      }
      ValidationReport report = new ValidationReport(run);
      switch (format) {
        case "csv": report.csv(out); break;
        case "json": report.json(out); break;
        case "markdown":
        case "md": report.markdown(out, REPORT_COMMAND); break;
        default: report.text(out);
      }
      err.println("llmcap validate: " + run.scores().size() + " metric(s) scored, " + run.skips().size() + " row(s) skipped");
      if (cl.hasOption("training")) {
        out.println();
        writeTraining(cl, engine, format);
      }
      return Main.OK;
    } catch (UsageException e) {
      err.println("llmcap validate: " + e.getMessage());
      return Main.USAGE;
    } catch (InputException e) {
      e.problems().forEach(p -> err.println("llmcap validate: " + p));
      return Main.USAGE;
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap validate: rules: " + p));
      return Main.USAGE;
    } catch (CatalogException e) {
      err.println("llmcap validate: catalog: " + e.getMessage());
      return Main.USAGE;
    } catch (java.io.IOException e) {
      err.println("llmcap validate: " + e.getMessage());
      return Main.FAILED;
    }
  }

  /** --training FILE.csv: tokens/s per GPU of measured training runs against the training rules. */
  private void writeTraining(CommandLine cl, LLMForecastEngine engine, String format) throws UsageException, java.io.IOException {
    Path csv = Path.of(cl.getOptionValue("training"));
    if (!java.nio.file.Files.isRegularFile(csv)) {
      throw new UsageException(csv + ": file not found");
    }
    dev.llmcap.engine.TrainingValidation.Report report = dev.llmcap.engine.TrainingValidation.score(engine, csv);
    TrainingReportWriter.write(report, format, out);
    err.println("llmcap validate: " + report.scored() + " training row(s) scored, median absolute error "
        + String.format(Locale.ROOT, "%.1f", report.medianAbsErrorPct()) + "%");
  }

  /** Prints help for validate or calibrate with the options the command really has. */
  static void help(PrintStream to, String usage, String header, Options options, String footer) {
    Help.print(to, usage, header, options, footer);
  }

}
