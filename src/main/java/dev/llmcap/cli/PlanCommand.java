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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The plan command: flags and/or a config file in, a capacity plan out (text report, JSON or a file). */
final class PlanCommand {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean tty;
  private final boolean colour;
  private final java.io.InputStream stdin;

  PlanCommand(Io io) {
    this(io, System.in);
  }

  PlanCommand(Io io, java.io.InputStream stdin) {
    this.out = io.out();
    this.err = io.err();
    this.tty = io.tty();
    this.colour = io.colour();
    this.stdin = stdin;
  }

  int run(String[] args) {
    Options options = PlanOptionsSpec.build(helpDefaults(args));
    CommandLine cl;
    try {
      cl = CommonFlags.parse(options, args);
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
      String failOn = failOn(cl);
      FigureCommand.checkFlags(cl);
      ConfigLoader loader = new ConfigLoader();
      loadConfigs(cl, loader);
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
        return gate(failOn, plan.verdict(), emit(cl, request, plan, loader.provenance()));
      }
      if (!cl.hasOption("config")) {
        List<String> missing = new java.util.ArrayList<>();
        if (!cl.hasOption("rps") && !cl.hasOption("concurrency")) {
          missing.add("--rps (or --concurrency N for closed-loop users)");
        }
        for (String flag : List.of("input-tokens", "output-tokens")) {
          if (!cl.hasOption(flag)) {
            missing.add("--" + flag);
          }
        }
        if (!cl.hasOption("model") && !cl.hasOption("model-size") && !cl.hasOption("model-config")) {
          missing.add("--model, --model-size or --model-config");
        }
        if (!missing.isEmpty()) {
          throw new UsageException("missing " + String.join(", ", missing)
              + " (the workload and the model to plan for; or give --config FILE)");
        }
      }
      PlanRequest request = loader.toRequest();
      checkOutputs(cl, request); // refuse a bad output path before spending time on the plan
      Map<String, String> overrides = CommonFlags.assumptionOverrides(cl);
      LLMForecastEngine engine = new LLMForecastEngine(CommonFlags.workspace(cl), overrides);
      ExplainedPlan explained;
      try {
        explained = engine.planExplained(request, loader.provenance(), !cl.hasOption("no-trace") && traceShown(cl, request));
      } catch (InputException e) {
        throw new InputException(loader.locate(e.problems()));
      }
      return gate(failOn, explained.plan().verdict(),
          emit(cl, request, explained.plan(), InputSources.complete(loader.mode(), explained.inputs())));
    } catch (UsageException e) {
      return CommonFlags.usageError(err, "", e);
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

  /**
   * Whether an output of this plan shows its audit trace: every output but the terminal's text report without --explain
   * (a file, another format, --explain, Kubernetes manifests) keeps it. The text report shows none of it, so a plan made
   * for it alone is made without the trace: the same conclusions and report, without a description of each firing.
   */
  private static boolean traceShown(CommandLine cl, PlanRequest request) {
    String format = cl.getOptionValue("format");
    String file = cl.getOptionValue("output", request.getOptions() == null ? null : request.getOptions().getOutputFile());
    return cl.hasOption("explain") || (format != null && !"text".equals(format)) || cl.hasOption("export-autoscaling")
        || (file != null && !OutputPaths.isStdout(file));
  }

  private int emit(CommandLine cl, PlanRequest request, Object plan, Map<String, String> provenance)
      throws UsageException, IOException {
    if (cl.getOptionValue("explain") != null) {
      return FigureCommand.print(out, err, cl, plan);
    }
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
      AtomicFiles.write(target, k8sChoice(cl, exporter, plan, Exporters.export(exporter, plan, new ExportContext(false, explain, provenance))));
      err.println("llmcap: plan written to " + target);
      if (!"text".equals(exporter.format())) {
        // the file holds a machine or print format: the terminal still gets the report
        out.write(Exporters.export(exporter(exporters, "text", plan), plan, new ExportContext(colour, explain, provenance)));
        out.flush();
      }
      exportAutoscaling(cl, exporters, plan);
      return Main.OK; // a plan was produced: 0 even when infeasible (the verdict says so)
    }
    PlanExporter<?> exporter = exporter(exporters, formatFlag == null ? "text" : formatFlag, plan);
    if (exporter.binary() && tty) {
      throw new UsageException("--format " + exporter.format() + " is binary: give --output FILE." + exporter.extensions().get(0));
    }
    out.write(k8sChoice(cl, exporter, plan, Exporters.export(exporter, plan, new ExportContext(colour, explain, provenance))));
    out.flush();
    exportAutoscaling(cl, exporters, plan);
    return Main.OK; // a plan was produced: 0 even when infeasible (the verdict says so)
  }

  /** --export-autoscaling FILE: the Kubernetes manifests besides the main output (fails when the plan has no replica range). */
  private void exportAutoscaling(CommandLine cl, Exporters exporters, Object plan) throws UsageException, IOException {
    if (cl.hasOption("export-autoscaling")) {
      Path k8s = OutputPaths.resolve(cl.getOptionValue("export-autoscaling"), cl.hasOption("force"));
      PlanExporter<?> k8sExporter = exporter(exporters, "k8s", plan);
      AtomicFiles.write(k8s, k8sChoice(cl, k8sExporter, plan, Exporters.export(k8sExporter, plan, ExportContext.plain())));
      err.println("llmcap: autoscaling manifests written to " + k8s);
    }
  }

  /**
   * The Kubernetes manifests as asked: --k8s hpa or keda keeps that one document (the two are alternatives: kubectl
   * apply -f of both would run two autoscalers); without it both, with a note. Warns when min = max replicas. Other
   * formats pass through unchanged.
   */
  private byte[] k8sChoice(CommandLine cl, PlanExporter<?> exporter, Object plan, byte[] bytes) {
    if (!"k8s".equals(exporter.format())) {
      return bytes;
    }
    if (plan instanceof LLMCapacityPlan p && p.gpuResources() != null && p.gpuResources().minReplicas() != null
        && p.gpuResources().minReplicas().equals(p.gpuResources().maxReplicas())) {
      err.println("llmcap: warning: min replicas = max replicas = " + p.gpuResources().minReplicas()
          + ": the autoscaler can never scale; the peak needs all of them (lower --peak-multiplier or raise"
          + " --target-utilization to widen the range)");
    }
    String choice = cl.getOptionValue("k8s");
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    if (choice == null) {
      err.println("llmcap: the manifests hold two alternatives, a HorizontalPodAutoscaler and a KEDA ScaledObject: apply"
          + " one (--k8s hpa or --k8s keda writes only that one)");
      return bytes;
    }
    String kind = "hpa".equals(choice) ? "kind: HorizontalPodAutoscaler" : "kind: ScaledObject";
    String[] parts = text.split("(?m)^---\n");
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].contains("\n" + kind + "\n") || parts[i].startsWith(kind + "\n")) {
        sb.append("---\n").append(parts[i]);
      }
    }
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void checkOutputs(CommandLine cl, PlanRequest request) throws UsageException {
    Exporters exporters = Exporters.defaults();
    if (cl.hasOption("k8s") && !List.of("hpa", "keda").contains(cl.getOptionValue("k8s"))) {
      throw new UsageException("--k8s must be hpa or keda (got '" + cl.getOptionValue("k8s") + "')");
    }
    if (cl.hasOption("format") && !exporters.knows(cl.getOptionValue("format"))) {
      throw new UsageException("--format must be one of " + String.join("|", exporters.formats()) + " (got '" + cl.getOptionValue("format") + "')");
    }
    if (cl.hasOption("export-autoscaling")) {
      OutputPaths.resolve(cl.getOptionValue("export-autoscaling"), cl.hasOption("force"));
    }
    Path input = cl.hasOption("config") ? Path.of(cl.getOptionValue("config")) : null;
    if (cl.hasOption("output")) {
      String output = cl.getOptionValue("output");
      if (!OutputPaths.isStdout(output)) {
        OutputPaths.refuseInput(OutputPaths.resolve(output, cl.hasOption("force")), input);
        knownExtension(exporters, cl, output, "--output");
      }
    } else if (cl.hasOption("config") && request.getOptions().getOutputFile() != null
        && !OutputPaths.isStdout(request.getOptions().getOutputFile())) {
      OutputPaths.refuseInput(OutputPaths.resolve(request.getOptions().getOutputFile(), true), input);
      knownExtension(exporters, cl, request.getOptions().getOutputFile(), "options.output_file");
    }
  }

  /** An output file's extension must select a format (or --format must say which): plan.xlsx is a usage error. */
  private static void knownExtension(Exporters exporters, CommandLine cl, String name, String what) throws UsageException {
    Path fileName = Path.of(name).getFileName();
    if (fileName == null) {
      return; // a root or empty path: refused as a folder by OutputPaths
    }
    String file = fileName.toString();
    int dot = file.lastIndexOf('.');
    if (cl.hasOption("format") || dot <= 0 || exporters.formatOfFile(file).isPresent()) {
      return;
    }
    throw new UsageException(what + " " + name + ": unknown extension " + file.substring(dot)
        + " (known: .json .yaml .yml .csv .md .pdf .txt; or choose the format with --format "
        + String.join("|", exporters.formats()) + ")");
  }

  private static PlanExporter<?> exporter(Exporters exporters, String format, Object plan) throws UsageException {
    return exporters.byFormat(format, plan.getClass()).orElseThrow(() -> new UsageException("--format " + format
        + " is not available for a " + (plan instanceof TrainingCapacityPlan ? "training" : "inference") + " plan (formats: "
        + String.join("|", exporters.formats(plan.getClass())) + ")"));
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
    Help.print(out, "llmcap [plan] [flags]",
        "Plans GPU capacity for serving an LLM (default) or for training/fine-tuning one (--mode training). Capacity "
            + "figures come from the DRL rules in rules/ (edit and rerun, no rebuild). Other commands: llmcap help.",
        options, "Examples:\n"
            + "  llmcap                (no arguments, on a terminal: answer a few questions instead)\n"
            + "  llmcap --config examples/chat-service.json\n"
            + "  llmcap --config base.json --config prod.yaml --explain     (later files win field by field)\n"
            + "  generate-configs | llmcap --config - --format json          (- reads the config from stdin)\n"
            + "  llmcap --mode inference --rps 10 --input-tokens 500 --output-tokens 200 --model-size 70 \\\n"
            + "      --precision FP16 --gpu-type A100-80GB\n"
            + "  llmcap --mode training --dataset-size 1000000000 --sequence-length 4096 --epochs 3 \\\n"
            + "      --global-batch-size 64 --model-size 70 --precision BF16 --gpu-type H100-80GB\n"
            + "  llmcap --config examples/chat-service.json --fail-on sla_miss   (CI gate: exit 1 unless ok)\n"
            + "Environment: NO_COLOR (any value) or TERM=dumb turn colour off, as --no-color does.\n"
            + "Exit codes: 0 ok, 1 failed (or --fail-on matched), 2 usage or input error.");
  }

  /** The --config files in order, later ones merged over earlier ones; "-" reads standard input (once). */
  private void loadConfigs(CommandLine cl, ConfigLoader loader) throws UsageException, InputException, IOException {
    String[] files = cl.getOptionValues("config");
    if (files == null) {
      return;
    }
    boolean stdinUsed = false;
    for (String f : files) {
      if ("-".equals(f)) {
        if (stdinUsed) {
          throw new UsageException("--config - (standard input) can be given only once");
        }
        stdinUsed = true;
        loader.load("<stdin>", stdin.readAllBytes());
      } else {
        loader.load(Path.of(f));
      }
    }
  }

  /** --fail-on sla_miss|infeasible: which verdicts fail the run (sla_miss also fails on infeasible); null when absent. */
  private static String failOn(CommandLine cl) throws UsageException {
    String v = cl.getOptionValue("fail-on");
    if (v == null) {
      return null;
    }
    if (!List.of("sla_miss", "infeasible").contains(v)) {
      throw new UsageException("--fail-on must be sla_miss or infeasible (got '" + v + "')");
    }
    return v;
  }

  /** Exit 1 when --fail-on matches the plan's verdict (after the plan was printed), else the emit's own code. */
  private int gate(String failOn, String verdict, int code) {
    if (code != Main.OK || failOn == null || "ok".equals(verdict)) {
      return code;
    }
    if ("infeasible".equals(verdict) || "sla_miss".equals(failOn)) {
      err.println("llmcap: the plan's verdict is " + verdict + " (--fail-on " + failOn + "): exit 1");
      return Main.FAILED;
    }
    return code;
  }


}
