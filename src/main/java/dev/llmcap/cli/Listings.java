package dev.llmcap.cli;

import dev.llmcap.catalog.Catalog;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.catalog.GpuPrice;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.engine.ArchitectureFacts;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.fact.ArchitectureSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The catalog listings: llmcap gpus, models and clouds, as a text table or JSON. Each is a plain reader of the
 * catalogs; its columns are declared in one place ({@link #gpuTable}, {@link #modelTable}, {@link #cloudTable}).
 */
final class Listings {
  /** One listing: its command name, what it lists, its rows from the catalog and its columns. */
  record Listing<T>(String name, String what, Function<Catalog, List<T>> rows, Table<T> table) {
    int run(String[] args, Io io) {
      return Listings.run(this, args, io);
    }
  }

  private Listings() {}

  static Options options() {
    Options o = new Options();
    o.addOption(CommonFlags.value("format", "FMT", "text (default) or json"));
    o.addOption(CommonFlags.value("gpu-catalog", "DIR", "GPU catalog folder (default gpu-catalog/)"));
    o.addOption(CommonFlags.value("model-catalog", "DIR", "model catalog folder (default model-catalog/)"));
    o.addOption(CommonFlags.flag("no-color", "no colour (also when NO_COLOR is set or TERM=dumb)"));
    o.addOption(org.apache.commons.cli.Option.builder("h").longOpt("help").desc("show this help").build());
    return o;
  }

  static Listing<GpuSpec> gpus() {
    return new Listing<>("gpus", "the GPUs of the GPU catalog, with what plans are chosen by", Catalog::gpus, gpuTable());
  }

  static Listing<ModelRow> models() {
    return new Listing<>("models", "the models of the model catalog (ids and aliases are what --model accepts), with the "
        + "total and active parameters, KV-cache bytes per token at 16 bits and attention kind the rules derive",
        Listings::modelRows, modelTable());
  }

  /** A catalog model with the rules' summary of its architecture. */
  record ModelRow(ModelSpec spec, ArchitectureSummary arch) {}

  private static List<ModelRow> modelRows(Catalog catalog) {
    try {
      ArchitectureFacts facts = new ArchitectureFacts(new LLMForecastEngine(Workspace.fromEnvironment(), Map.of()));
      List<ModelRow> rows = new ArrayList<>();
      for (ModelSpec m : catalog.models()) {
        rows.add(new ModelRow(m, facts.summarize(m)));
      }
      return rows;
    } catch (RuleSetException | CatalogException e) {
      throw new IllegalStateException("the rules cannot summarise the catalog models: " + e.getMessage(), e);
    }
  }

  static Listing<CloudRegion> clouds() {
    return new Listing<>("clouds", "each cloud and region with GPU prices in the catalog, and its pricing models",
        Listings::cloudRegions, cloudTable());
  }

  /** The GPU listing's columns. */
  static Table<GpuSpec> gpuTable() {
    return new Table<GpuSpec>()
        .text("id", "GPU", GpuSpec::getId)
        .text("vendor", "VENDOR", GpuSpec::getVendor)
        .text("architecture", "ARCH", GpuSpec::getArchitecture)
        .number("memory_gb", "MEM GB", GpuSpec::getMemoryGb)
        .number("mem_bandwidth_tbps", "TB/s", GpuSpec::getMemBandwidthTbps)
        .number("bf16_tflops", "BF16 TFLOPS", g -> tflops(g, "bf16"))
        .number("fp8_tflops", "FP8 TFLOPS", g -> tflops(g, "fp8"))
        .text("interconnect", "LINK", g -> g.getInterconnect().getType())
        .number("max_gpus_per_node", "PER NODE", GpuSpec::getMaxGpusPerNode)
        .number("fast_link_domain_gpus", "FAST-LINK", GpuSpec::getFastLinkDomainGpus)
        .text("instance_types", "INSTANCES", g -> List.copyOf(new TreeSet<>(g.getPrices().stream().map(GpuPrice::getInstanceType)
            .filter(java.util.Objects::nonNull).toList())))
        .number("cheapest_usd_per_gpu_hour", "FROM $/GPU-h", Listings::cheapestOnDemand)
        .text("clouds", "CLOUDS", g -> List.copyOf(new TreeSet<>(g.getPrices().stream().map(GpuPrice::getCloud).toList())))
        .text("aliases", "ALIASES", GpuSpec::getAliases);
  }

  /** The model listing's columns. */
  static Table<ModelRow> modelTable() {
    return new Table<ModelRow>()
        .text("id", "MODEL", r -> r.spec().getId())
        .text("family", "FAMILY", r -> r.spec().getFamily())
        .number("params_b", "PARAMS B", r -> r.spec().getParamsB())
        .number("active_params_b", "ACTIVE B", r -> r.spec().getActiveParamsB())
        .number("kv_kib_per_token_16bit", "KV KiB/TOK", r -> Math.round(r.arch().getKvBytesPerToken16() / 1024.0 * 10) / 10.0)
        .text("attention", "ATTENTION", r -> r.arch().getAttentionKind())
        .text("window", "WINDOW", r -> r.arch().getSlidingWindow() == null ? "" : r.arch().getSlidingWindow() + " x "
            + r.arch().getWindowedLayers() + "/" + r.spec().getLayers())
        .number("layers", "LAYERS", r -> r.spec().getLayers())
        .number("max_context", "CONTEXT", r -> r.spec().getMaxContext())
        .text("aliases", "ALIASES", r -> r.spec().getAliases());
  }

  /** The cloud listing's columns. */
  static Table<CloudRegion> cloudTable() {
    return new Table<CloudRegion>()
        .text("cloud", "CLOUD", CloudRegion::cloud)
        .text("region", "REGION", CloudRegion::region)
        .text("pricing", "PRICING", CloudRegion::pricing)
        .number("gpu_count", "GPUS", r -> r.gpus().size())
        .text("gpus", "GPU TYPES PRICED", CloudRegion::gpus);
  }

  /** One cloud region with the pricing models and GPUs it has prices for. */
  record CloudRegion(String cloud, String region, List<String> pricing, List<String> gpus) {}

  static List<CloudRegion> cloudRegions(Catalog catalog) {
    Map<String, TreeSet<String>> pricing = new TreeMap<>();
    Map<String, TreeSet<String>> gpus = new TreeMap<>();
    for (GpuSpec g : catalog.gpus()) {
      for (GpuPrice p : g.getPrices()) {
        String key = p.getCloud() + "\u0000" + p.getRegion();
        pricing.computeIfAbsent(key, k -> new TreeSet<>()).add(p.getPricing());
        gpus.computeIfAbsent(key, k -> new TreeSet<>()).add(g.getId());
      }
    }
    List<CloudRegion> rows = new ArrayList<>();
    pricing.forEach((key, models) -> {
      String[] parts = key.split("\u0000", 2);
      rows.add(new CloudRegion(parts[0], parts[1], List.copyOf(models), List.copyOf(gpus.get(key))));
    });
    return rows;
  }

  private static Double tflops(GpuSpec g, String key) {
    Double v = g.getDenseTflops().get(key);
    return v == null || v <= 0 ? null : v;
  }

  private static Double cheapestOnDemand(GpuSpec g) {
    return g.getPrices().stream().filter(GpuPrice::isOnDemand).map(GpuPrice::getUsdPerGpuHour)
        .filter(v -> !v.isNaN()).min(Double::compare).orElse(null);
  }

  private static <T> int run(Listing<T> listing, String[] args, Io io) {
    Options options = options();
    CommandLine cl;
    String format;
    try {
      cl = CommonFlags.parse(options, args);
      CommonFlags.requireNoArguments(cl);
      format = cl.getOptionValue("format", "text");
      if (!List.of("text", "json").contains(format)) {
        throw new UsageException("--format must be text or json (got '" + format + "')");
      }
    } catch (ParseException | UsageException e) {
      return CommonFlags.usageError(io.err(), listing.name(), e);
    }
    if (cl.hasOption("help")) {
      Help.print(io.out(), "llmcap " + listing.name() + " [--format text|json]", "Lists " + listing.what() + ".",
          options, "Columns (JSON keys): " + String.join(", ", listing.table().columns().stream().map(Table.Column::key).toList())
              + "\nExit codes: 0 ok, 1 the catalog cannot be read, 2 usage error.");
      return Main.OK;
    }
    Workspace ws = Workspace.fromEnvironment();
    if (cl.hasOption("gpu-catalog")) {
      ws = ws.withGpuCatalog(Path.of(cl.getOptionValue("gpu-catalog")));
    }
    if (cl.hasOption("model-catalog")) {
      ws = ws.withModelCatalog(Path.of(cl.getOptionValue("model-catalog")));
    }
    Catalog catalog;
    try {
      catalog = Catalog.load(ws.gpuCatalog(), ws.modelCatalog());
    } catch (CatalogException e) {
      io.err().println("llmcap " + listing.name() + ": catalog: " + e.getMessage());
      return Main.FAILED;
    }
    List<T> rows = listing.rows().apply(catalog);
    io.out().print("json".equals(format) ? listing.table().toJson(rows) : listing.table().toText(rows));
    io.out().flush();
    return Main.OK;
  }
}
