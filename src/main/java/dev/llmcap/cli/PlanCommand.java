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
import dev.llmcap.export.PlanJson;
import dev.llmcap.export.TextReport;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
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
    Options options = PlanOptionsSpec.build();
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(options, args);
      if (!cl.getArgList().isEmpty()) {
        throw new UsageException("unexpected argument '" + cl.getArgList().get(0) + "'");
      }
    } catch (ParseException | UsageException e) {
      err.println("llmcap: " + e.getMessage());
      err.println("run 'llmcap --help' for the list of flags");
      return Main.USAGE;
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
      for (Map.Entry<String, FlagBinding.Target> b : FlagBinding.inference().entrySet()) {
        if (cl.hasOption(b.getKey())) {
          loader.override(b.getKey(), b.getValue(), cl.getOptionValue(b.getKey()));
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
      if (!cl.hasOption("config") && !cl.hasOption("rps") && !cl.hasOption("model") && !cl.hasOption("model-size")) {
        throw new UsageException("give a workload: --config FILE, or --rps, --input-tokens, --output-tokens and --model or --model-size");
      }
      PlanRequest request = loader.toRequest();
      Map<String, String> overrides = assumptionOverrides(cl);
      LLMForecastEngine engine = new LLMForecastEngine(workspace(cl), overrides);
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
      return Main.USAGE;
    } catch (CatalogException e) {
      err.println("llmcap: catalog: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private int emit(CommandLine cl, PlanRequest request, LLMCapacityPlan plan, Map<String, String> provenance)
      throws UsageException, IOException {
    String outFile = cl.getOptionValue("output", request.getOptions().getOutputFile());
    if (cl.hasOption("output") || (outFile != null && cl.hasOption("config"))) {
      // a file named by --output is never overwritten without --force; the config's own output_file is its declared target
      boolean fromConfig = !cl.hasOption("output");
      Path target = OutputPaths.resolve(outFile, cl.hasOption("force") || fromConfig);
      String format = cl.getOptionValue("format", OutputPaths.formatOf(target));
      AtomicFiles.write(target, render(format, plan, provenance, false, cl.hasOption("explain")));
      err.println("llmcap: plan written to " + target);
      if (!"json".equals(format)) {
        return exitFor(plan);
      }
      out.print(TextReport.render(plan, tty, cl.hasOption("explain"), provenance));
      return exitFor(plan);
    }
    String format = cl.getOptionValue("format", "text");
    out.print(render(format, plan, provenance, tty, cl.hasOption("explain")));
    return exitFor(plan);
  }

  private static String render(String format, LLMCapacityPlan plan, Map<String, String> provenance, boolean colour, boolean explain)
      throws UsageException {
    switch (format.toLowerCase(Locale.ROOT)) {
      case "json": return PlanJson.write(plan);
      case "text":
      case "txt": return TextReport.render(plan, colour, explain, provenance);
      default: throw new UsageException("--format must be one of text|json (got '" + format + "')");
    }
  }

  /** A plan was produced: exit 0 even when it is infeasible (the verdict says so); failures to plan exit 1. */
  private static int exitFor(LLMCapacityPlan plan) {
    return Main.OK;
  }

  private static Workspace workspace(CommandLine cl) {
    Workspace w = Workspace.fromEnvironment();
    if (cl.hasOption("rules")) {
      w = w.withRules(Path.of(cl.getOptionValue("rules")));
    }
    if (cl.hasOption("gpu-catalog")) {
      w = w.withGpuCatalog(Path.of(cl.getOptionValue("gpu-catalog")));
    }
    if (cl.hasOption("model-catalog")) {
      w = w.withModelCatalog(Path.of(cl.getOptionValue("model-catalog")));
    }
    return w;
  }

  private static Map<String, String> assumptionOverrides(CommandLine cl) throws UsageException {
    Map<String, String> map = new LinkedHashMap<>();
    String[] values = cl.getOptionValues("set");
    if (values == null) {
      return map;
    }
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--set expects NAME=VALUE (got '" + v + "')");
      }
      map.put(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
    }
    return map;
  }

  private void printHelp(Options options) {
    HelpFormatter f = new HelpFormatter();
    f.setWidth(110);
    f.setOptionComparator(null);
    PrintWriter pw = new PrintWriter(out, true);
    f.printHelp(pw, 110, "llmcap [plan] [flags]",
        "Plans GPU capacity for serving an LLM. Capacity figures come from the DRL rules in rules/ (edit and rerun, no rebuild).\n\n",
        options, 2, 2, "\nExamples:\n  llmcap                (no arguments, on a terminal: answer a few questions instead)\n"
            + "  llmcap --config examples/inference_config.json\n"
            + "  llmcap --mode inference --rps 10 --input-tokens 500 --output-tokens 200 --model-size 70 --precision FP16 --gpu-type A100-80GB\n"
            + "Exit codes: 0 ok, 1 failed, 2 usage or input error.", false);
    pw.flush();
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
