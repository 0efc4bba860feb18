package dev.llmcap.cli;

import dev.llmcap.batch.BatchTable;
import dev.llmcap.batch.OptionRanking;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.config.InputException;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.export.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import static dev.llmcap.cli.CommonFlags.flag;
import static dev.llmcap.cli.CommonFlags.value;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The compare command: one workload planned on every candidate GPU and cloud, options ranked by monthly cost. */
final class CompareCommand {
  private static final List<String> CLOUDS = List.of("aws", "gcp", "azure");

  private final PrintStream out;
  private final PrintStream err;

  CompareCommand(PrintStream out, PrintStream err, boolean tty) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(value("gpus", "all|A,B,C", "GPUs to compare: all catalog GPUs (default) or a list of ids/aliases"));
    o.addOption(value("clouds", "all|C1,C2", "clouds to price in: aws, gcp, azure or all (default: the config's cloud)"));
    o.addOption(value("region", "REGION", "price in this region (default: the config's region, else the cheapest of each cloud)"));
    o.addOption(value("pricing", "all|M1,M2", "pricing models: on-demand, reserved-1y, reserved-3y, spot, capacity-block or all (default: the config's)"));
    o.addOption(value("output", "FILE", "write the ranking to FILE; format from the extension: .txt, .csv, .jsonl, .json"));
    o.addOption(value("format", "FMT", "text (default), csv, jsonl or json"));
    o.addOption(flag("force", "overwrite an existing output file"));
    CommonFlags.addTo(o);
    return o;
  }

  int run(String[] args) {
    Options options = options();
    CommandLine cl;
    try {
      cl = CommonFlags.parse(options, args);
      if (cl.hasOption("help")) {
        printHelp(options);
        return Main.OK;
      }
      if (cl.getArgList().size() != 1) {
        throw new UsageException("compare needs exactly one CONFIG file (got " + cl.getArgList().size() + ")");
      }
    } catch (ParseException | UsageException e) {
      return CommonFlags.usageError(err, "compare", e);
    }
    try {
      Path target = cl.hasOption("output") ? OutputPaths.resolve(cl.getOptionValue("output"), cl.hasOption("force")) : null;
      String format = format(cl, target);
      LLMForecastEngine engine = new LLMForecastEngine(CommonFlags.workspace(cl), CommonFlags.assumptionOverrides(cl));
      List<String> gpus = gpus(cl.getOptionValue("gpus", "all"), engine);
      List<String> clouds = clouds(cl.getOptionValue("clouds"));
      OptionRanking.Result result = new OptionRanking(engine).rank(Path.of(cl.getArgList().get(0)), gpus, clouds,
          cl.getOptionValue("region"), pricings(cl.getOptionValue("pricing")));
      String rendered = "text".equals(format) ? text(result)
          : BatchTable.render(format, OptionRanking.columns(), OptionRanking.rows(result));
      if (target != null) {
        AtomicFiles.write(target, rendered);
        err.println("llmcap compare: ranking written to " + target);
      } else {
        out.print(rendered);
      }
      return Main.OK;
    } catch (UsageException e) {
      err.println("llmcap compare: " + e.getMessage());
      return Main.USAGE;
    } catch (InputException e) {
      e.problems().forEach(p -> err.println("llmcap compare: " + p));
      return Main.USAGE;
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap compare: rules: " + p));
      return Main.USAGE;
    } catch (CatalogException e) {
      err.println("llmcap compare: catalog: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap compare: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private static List<String> gpus(String spec, LLMForecastEngine engine) throws UsageException {
    if (spec.trim().equalsIgnoreCase("all")) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (String name : spec.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      Optional<GpuSpec> g = engine.catalog().gpu(name.trim());
      if (g.isEmpty()) {
        throw new UsageException("--gpus: '" + name.trim() + "' is not in the GPU catalog; known GPUs: " + engine.catalog().gpuIds());
      }
      ids.add(g.get().getId());
    }
    if (ids.isEmpty()) {
      throw new UsageException("--gpus needs 'all' or a list of GPUs");
    }
    return ids;
  }

  private static List<String> clouds(String spec) throws UsageException {
    if (spec == null) {
      return List.of();
    }
    if (spec.trim().equalsIgnoreCase("all")) {
      return CLOUDS;
    }
    List<String> out = new ArrayList<>();
    for (String c : spec.split(",")) {
      String x = c.trim().toLowerCase(Locale.ROOT);
      if (x.isEmpty()) {
        continue;
      }
      if (!CLOUDS.contains(x)) {
        throw new UsageException("--clouds: unknown cloud '" + c.trim() + "' (known: " + String.join(", ", CLOUDS) + ", all)");
      }
      if (!out.contains(x)) {
        out.add(x);
      }
    }
    if (out.isEmpty()) {
      throw new UsageException("--clouds needs 'all' or a list of clouds");
    }
    return out;
  }

  private static String format(CommandLine cl, Path target) throws UsageException {
    List<String> allowed = List.of("text", "csv", "jsonl", "json");
    String f;
    if (cl.hasOption("format")) {
      f = cl.getOptionValue("format").toLowerCase(Locale.ROOT);
    } else if (target != null) {
      String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
      String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
      f = ext.equals("txt") ? "text" : ext;
    } else {
      f = "text";
    }
    if (!allowed.contains(f)) {
      throw new UsageException("--format must be one of " + String.join("|", allowed) + " (got '" + f + "')");
    }
    return f;
  }

  private static List<String> pricings(String v) {
    if (v == null) {
      return List.of();
    }
    List<String> all = List.of("on-demand", "reserved-1y", "reserved-3y", "spot", "capacity-block");
    return "all".equalsIgnoreCase(v.trim()) ? all : java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Ranked options as an aligned table, then the rejected GPUs with the rules' reasons (clouds without a price named). */
  static String text(OptionRanking.Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append("llmcap compare: ").append(r.workload()).append("; clouds ").append(String.join(", ", r.clouds())).append('\n');
    List<OptionRanking.Option> ranked = r.options().stream().filter(OptionRanking.Option::ranked).toList();
    if (ranked.isEmpty()) {
      sb.append("\nNo option meets the SLA with a list price.\n");
    } else {
      sb.append("\nOptions that meet the SLA, calibrated GPUs first, each cheapest first (whole instances):\n");
      List<String[]> table = new ArrayList<>();
      table.add(new String[] {"rank", "gpu", "cloud", "region", "pricing", "instance", "instances", "idle GPUs", "GPUs/replica",
          "replicas", "GPUs", "TTFT p99 ms", "ITL ms", "$/month", "$/1M tokens", "efficiencies"});
      for (OptionRanking.Option o : ranked) {
        table.add(new String[] {String.valueOf(o.rank()), o.gpu(), o.cloud(), nz(o.region()), nz(o.pricing()), nz(o.instanceType()),
            nz(o.instances()), nz(o.idleGpus()), nz(o.gpusPerReplica()), o.minReplicas() + "-" + o.maxReplicas(), nz(o.totalGpus()),
            ms(o.ttftP99Ms()), ms(o.itlMs()),
            String.format(Locale.ROOT, "%,.0f", o.monthlyTotalCostUsd()),
            o.costPerMillionTokensUsd() == null ? "-" : String.format(Locale.ROOT, "%.4f", o.costPerMillionTokensUsd()), nz(o.calibration())});
      }
      sb.append(align(table));
    }
    // per GPU: the rules' verdict reason (from a cloud with a price, when there is one) and the clouds without a price
    Map<String, String> status = new LinkedHashMap<>();
    Map<String, String> reason = new LinkedHashMap<>();
    Map<String, List<String>> unpriced = new LinkedHashMap<>();
    for (OptionRanking.Option o : r.options()) {
      if (o.ranked()) {
        continue;
      }
      status.putIfAbsent(o.gpu(), o.status());
      if (o.monthlyTotalCostUsd() == null && !"infeasible".equals(o.status())) {
        unpriced.computeIfAbsent(o.gpu(), k -> new ArrayList<>()).add(o.cloud());
      } else {
        reason.putIfAbsent(o.gpu(), o.reason());
      }
    }
    if (!status.isEmpty()) {
      sb.append("\nRejected:\n");
      List<String> gpus = new ArrayList<>(status.keySet());
      gpus.sort(java.util.Comparator.<String>comparingInt(g -> order(status.get(g))).thenComparing(g -> g));
      for (String g : gpus) {
        List<String> parts = new ArrayList<>();
        if (reason.containsKey(g)) {
          parts.add(status.get(g) + ": " + reason.get(g));
        } else if (!"ok".equals(status.get(g))) {
          parts.add(status.get(g));
        } else {
          parts.add("meets the SLA");
        }
        if (unpriced.containsKey(g)) {
          parts.add("no list price in " + String.join(", ", unpriced.get(g)));
        }
        sb.append("  ").append(g).append(": ").append(String.join("; ", parts)).append('\n');
      }
    }
    return sb.toString();
  }

  private static int order(String status) {
    return "ok".equals(status) ? 0 : "sla_miss".equals(status) ? 1 : 2;
  }

  private static String align(List<String[]> rows) {
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        boolean right = i == 0 || i >= 5;
        String cell = right ? " ".repeat(w[i] - r[i].length()) + r[i] : r[i] + " ".repeat(w[i] - r[i].length());
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  private static String nz(Object o) {
    return o == null ? "-" : o.toString();
  }

  private static String ms(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private void printHelp(Options options) {
    Help.print(out, "llmcap compare CONFIG [--gpus all|A,B,C] [--clouds aws,gcp,azure]",
        "Plans the config's workload on every candidate GPU in each cloud and ranks the options that meet the SLA by "
            + "monthly cost; the others are listed with the reason the rules rejected them.",
        options, "Example:\n  llmcap compare examples/chat-service.json --gpus all --clouds aws,gcp,azure\n"
            + "Exit codes: 0 ok, 1 failed, 2 usage or input error.");
  }

}
