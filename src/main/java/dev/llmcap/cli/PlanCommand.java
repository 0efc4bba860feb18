package dev.llmcap.cli;

import dev.llmcap.catalog.CatalogException;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.FlagBinding;
import dev.llmcap.config.InputException;
import dev.llmcap.config.InputSources;
import dev.llmcap.engine.ExplainedPlan;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import dev.llmcap.export.AtomicFiles;
import dev.llmcap.export.ExportContext;
import dev.llmcap.export.Exporters;
import dev.llmcap.export.PlanExporter;
import dev.llmcap.export.TextReport;
import dev.llmcap.export.TrainingTextReport;
import dev.llmcap.config.ModeFields;
import dev.llmcap.model.TrainingCapacityPlan;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The plan command: flags and/or a config file in, a capacity plan out (text report, JSON or a file). */
final class PlanCommand {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean tty;

  PlanCommand(PrintStream out, PrintStream err, boolean tty) {
    this.out = out;
    this.err = err;
    this.tty = tty;
  }

  int run(String[] args) {
    Options options = PlanOptionsSpec.build(helpDefaults(args));
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(options, args);
      CommonFlags.requireNoArguments(cl);
    } catch (ParseException | UsageException e) {
      return CommonFlags.usageError(err, "", e);
    }
    if (cl.hasOption("help")) {
      printHelp(options);
      return Main.OK;
    }
    if (cl.hasOption("version")) {
      out.println("llmcap " + Version.get());
      return Main.OK;
    }
    if (cl.hasOption("generate-config")) {
      return new GenerateConfigCommand(err).run(cl.getOptionValue("generate-config"), cl.getOptionValue("output"), cl.hasOption("force"));
    }
    try {
      ConfigLoader loader = new ConfigLoader();
      if (cl.hasOption("config")) {
        loader.load(Path.of(cl.getOptionValue("config")));
      }
      if (cl.hasOption("mode")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) loader.document()).put("mode", cl.getOptionValue("mode"));
      }
      boolean training = "training".equals(loader.mode());
      ModeFields.check(loader.mode(), loader.document(), java.util.Arrays.stream(cl.getOptions())
          .map(org.apache.commons.cli.Option::getLongOpt).collect(java.util.stream.Collectors.toList()));
      for (Map.Entry<String, FlagBinding.Target> b : (training ? FlagBinding.training() : FlagBinding.inference()).entrySet()) {
        if (cl.hasOption(b.getKey())) {
          String v = cl.getOptionValue(b.getKey());
          loader.override(b.getKey(), b.getValue(), v == null ? "true" : v);
        }
      }
      if (cl.hasOption("no-cost")) {
        loader.option("include_cost", false, "no-cost");
      } else if (cl.hasOption("cost")) {
        loader.option("include_cost", true, "cost");
      }
      if (cl.hasOption("no-compare")) {
        loader.option("compare_gpus", false, "no-compare");
      }
      if (training) {
        PlanRequest request = loader.toRequest();
        LLMForecastEngine engine = new LLMForecastEngine(CommonFlags.workspace(cl), CommonFlags.assumptionOverrides(cl));
        TrainingCapacityPlan plan = engine.planTraining(request, loader.provenance(), !cl.hasOption("no-trace"));
        return emit(cl, request, plan, loader.provenance());
      }
      if (!cl.hasOption("config") && !cl.hasOption("rps") && !cl.hasOption("model") && !cl.hasOption("model-size")) {
        throw new UsageException("give a workload: --config FILE, or --rps, --input-tokens, --output-tokens and --model or --model-size");
      }
      PlanRequest request = loader.toRequest();
      checkOutputs(cl, request); // refuse a bad output path before spending time on the plan
      Map<String, String> overrides = CommonFlags.assumptionOverrides(cl);
      LLMForecastEngine engine = new LLMForecastEngine(CommonFlags.workspace(cl), overrides);
      ExplainedPlan explained;
      try {
        explained = engine.planExplained(request, loader.provenance(), !cl.hasOption("no-trace"));
      } catch (InputException e) {
        throw new InputException(loader.locate(e.problems()));
      }
      return emit(cl, request, explained.plan(), InputSources.complete(loader.mode(), explained.inputs()));
    } catch (UsageException e) {
      err.println("llmcap: " + e.getMessage());
      return Main.USAGE;
    } catch (InputException e) {
      e.problems().forEach(p -> err.println("llmcap: " + p));
      return Main.USAGE;
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap: rules: " + p));
      Main.debugTrace(err, e.getCause());
      return Main.USAGE;
    } catch (CatalogException e) {
      err.println("llmcap: catalog: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private int emit(CommandLine cl, PlanRequest request, Object plan, Map<String, String> provenance)
      throws UsageException, IOException {
    Exporters exporters = Exporters.defaults();
    boolean explain = cl.hasOption("explain");
    String formatFlag = cl.getOptionValue("format");
    if (formatFlag != null) {
      exporter(exporters, formatFlag, plan); // a wrong --format is a usage error before anything is written
    }
    String outFile = cl.getOptionValue("output", request.getOptions().getOutputFile());
    if (OutputPaths.isStdout(outFile)) {
      outFile = null; // '-' (or /dev/stdout) is written through to standard output, never replaced
    }
    boolean configFile = !cl.hasOption("output") && outFile != null && cl.hasOption("config");
    if (configFile && formatFlag != null) {
      // --format without --output asks for that format on stdout: the config's output_file is left alone
      err.println("llmcap: --format " + formatFlag + " without --output prints to stdout; the config's output_file "
          + outFile + " is not written");
      configFile = false;
    }
    if ((cl.hasOption("output") && outFile != null) || configFile) {
      // a file named by --output is never overwritten without --force; the config's own output_file is its declared target
      boolean fromConfig = !cl.hasOption("output");
      Path target = OutputPaths.resolve(outFile, cl.hasOption("force") || fromConfig);
      OutputPaths.refuseInput(target, cl.hasOption("config") ? Path.of(cl.getOptionValue("config")) : null);
      String format = formatFlag != null ? formatFlag : exporters.formatOfFile(target.getFileName().toString()).orElse("text");
      PlanExporter<?> exporter = exporter(exporters, format, plan);
      AtomicFiles.write(target, Exporters.export(exporter, plan, new ExportContext(false, explain, provenance)));
      err.println("llmcap: plan written to " + target);
      if (!"text".equals(exporter.format())) {
        // the file holds a machine or print format: the terminal still gets the report
        out.write(Exporters.export(exporter(exporters, "text", plan), plan, new ExportContext(tty, explain, provenance)));
        out.flush();
      }
      exportAutoscaling(cl, exporters, plan);
      return Main.OK; // a plan was produced: 0 even when infeasible (the verdict says so)
    }
    PlanExporter<?> exporter = exporter(exporters, formatFlag == null ? "text" : formatFlag, plan);
    if (exporter.binary() && tty) {
      throw new UsageException("--format " + exporter.format() + " is binary: give --output FILE." + exporter.extensions().get(0));
    }
    out.write(Exporters.export(exporter, plan, new ExportContext(tty, explain, provenance)));
    out.flush();
    exportAutoscaling(cl, exporters, plan);
    return Main.OK; // a plan was produced: 0 even when infeasible (the verdict says so)
  }

  /** --export-autoscaling FILE: the Kubernetes manifests besides the main output (fails when the plan has no replica range). */
  private void exportAutoscaling(CommandLine cl, Exporters exporters, Object plan) throws UsageException, IOException {
    if (cl.hasOption("export-autoscaling")) {
      Path k8s = OutputPaths.resolve(cl.getOptionValue("export-autoscaling"), cl.hasOption("force"));
      AtomicFiles.write(k8s, Exporters.export(exporter(exporters, "k8s", plan), plan, ExportContext.plain()));
      err.println("llmcap: autoscaling manifests written to " + k8s);
    }
  }

  private static void checkOutputs(CommandLine cl, PlanRequest request) throws UsageException {
    Exporters exporters = Exporters.defaults();
    if (cl.hasOption("format") && !exporters.knows(cl.getOptionValue("format"))) {
      throw new UsageException("--format must be one of " + String.join("|", exporters.formats()) + " (got '" + cl.getOptionValue("format") + "')");
    }
    if (cl.hasOption("export-autoscaling")) {
      OutputPaths.resolve(cl.getOptionValue("export-autoscaling"), cl.hasOption("force"));
    }
    Path input = cl.hasOption("config") ? Path.of(cl.getOptionValue("config")) : null;
    if (cl.hasOption("output")) {
      if (!OutputPaths.isStdout(cl.getOptionValue("output"))) {
        OutputPaths.refuseInput(OutputPaths.resolve(cl.getOptionValue("output"), cl.hasOption("force")), input);
      }
    } else if (cl.hasOption("config") && request.getOptions().getOutputFile() != null
        && !OutputPaths.isStdout(request.getOptions().getOutputFile())) {
      OutputPaths.refuseInput(OutputPaths.resolve(request.getOptions().getOutputFile(), true), input);
    }
  }

  private static PlanExporter<?> exporter(Exporters exporters, String format, Object plan) throws UsageException {
    return exporters.byFormat(format, plan.getClass()).orElseThrow(() -> new UsageException("--format " + format
        + " is not available for a " + (plan instanceof TrainingCapacityPlan ? "training" : "inference") + " plan (formats: "
        + String.join("|", exporters.formats()) + ")"));
  }


  /** Assumptions for the help text's defaults (from --rules DIR when given); none when they cannot be read. */
  private static dev.llmcap.engine.Assumptions helpDefaults(String[] args) {
    if (!java.util.Arrays.asList(args).contains("--help") && !java.util.Arrays.asList(args).contains("-h")) {
      return null;
    }
    Path rules = Workspace.fromEnvironment().rules();
    for (int i = 0; i + 1 < args.length; i++) {
      if ("--rules".equals(args[i])) {
        rules = Path.of(args[i + 1]);
      }
    }
    try {
      return dev.llmcap.engine.Assumptions.load(rules);
    } catch (RuleSetException e) {
      return null;
    }
  }

  private void printHelp(Options options) {
    HelpFormatter f = new HelpFormatter();
    f.setWidth(110);
    f.setOptionComparator(null);
    PrintWriter pw = new PrintWriter(out, true);
    f.printHelp(pw, 110, "llmcap [plan] [flags]",
        "Plans GPU capacity for serving an LLM (default) or for training/fine-tuning one (--mode training). Capacity figures come from the DRL rules in rules/ (edit and rerun, no rebuild). Other commands: forecast, interactive (see the README).\n\n",
        options, 2, 2, "\nExamples:\n  llmcap                (no arguments, on a terminal: answer a few questions instead)\n"
            + "  llmcap --config examples/inference_config.json\n"
            + "  llmcap --mode inference --rps 10 --input-tokens 500 --output-tokens 200 --model-size 70 --precision FP16 --gpu-type A100-80GB\n"
            + "  llmcap --mode training --dataset-size 1000000000 --sequence-length 4096 --epochs 3 --global-batch-size 64 --model-size 70 --precision BF16 --gpu-type H100-80GB\n"
            + "Exit codes: 0 ok, 1 failed, 2 usage or input error.", false);
    pw.flush();
  }

}
