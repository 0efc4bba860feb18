package dev.llmcap.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The GPU and model catalogs read from their folders, with lookup by id or alias (case and punctuation insensitive). */
public final class Catalog {
  private final List<GpuSpec> gpus;
  private final List<ModelSpec> models;
  private final Map<String, GpuSpec> gpuIndex = new LinkedHashMap<>();
  private final Map<String, ModelSpec> modelIndex = new LinkedHashMap<>();
  /** Clouds whose regions {@link #regions} remembers at most (the catalog does not change once loaded). */
  private static final int REMEMBERED_CLOUDS = 16;
  private final Map<String, java.util.SortedSet<String>> regionsByCloud = new java.util.concurrent.ConcurrentHashMap<>();

  private Catalog(List<GpuSpec> gpus, List<ModelSpec> models) {
    this.gpus = Collections.unmodifiableList(gpus);
    this.models = Collections.unmodifiableList(models);
    for (GpuSpec g : gpus) {
      gpuIndex.put(key(g.getId()), g);
      g.getAliases().forEach(a -> gpuIndex.putIfAbsent(key(a), g));
    }
    for (ModelSpec m : models) {
      modelIndex.put(key(m.getId()), m);
      m.getAliases().forEach(a -> modelIndex.putIfAbsent(key(a), m));
      if (m.getDisplayName() != null) {
        modelIndex.putIfAbsent(key(m.getDisplayName()), m);
      }
    }
  }

  /** Reads every *.json file of both folders, sorted by file name so the order never depends on the file system. */
  public static Catalog load(Path gpuDir, Path modelDir) throws CatalogException {
    ObjectMapper mapper = mapper();
    List<GpuSpec> gpus = new ArrayList<>();
    for (Path p : jsonFiles(gpuDir, "GPU catalog")) {
      GpuSpec g = read(mapper, p, GpuSpec.class);
      if (g.getId() == null || g.getMemoryGb() <= 0 || g.getMemBandwidthTbps() <= 0) {
        throw new CatalogException(p + ": a GPU entry needs id, memory_gb > 0 and mem_bandwidth_tbps > 0");
      }
      g.getPrices().forEach(pr -> pr.setGpu(g.getId()));
      gpus.add(g);
    }
    List<ModelSpec> models = new ArrayList<>();
    for (Path p : jsonFiles(modelDir, "model catalog")) {
      ModelSpec m = read(mapper, p, ModelSpec.class);
      if (m.getId() == null || m.getParamsB() <= 0 || m.getLayers() <= 0 || m.getHiddenSize() <= 0) {
        throw new CatalogException(p + ": a model entry needs id, params_b > 0, layers > 0 and hidden_size > 0");
      }
      models.add(m);
    }
    return new Catalog(gpus, models);
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  private static List<Path> jsonFiles(Path dir, String what) throws CatalogException {
    if (!Files.isDirectory(dir)) {
      throw new CatalogException(what + " folder not found: " + dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new CatalogException("cannot read " + what + " folder " + dir + ": " + e.getMessage());
    }
  }

  private static <T> T read(ObjectMapper mapper, Path p, Class<T> type) throws CatalogException {
    try {
      return mapper.readValue(p.toFile(), type);
    } catch (IOException e) {
      throw new CatalogException(p + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage() : e.getMessage()));
    }
  }

  /**
   * The lookup key of a name: lower case (root locale), only a-z, 0-9 and '.' kept. A plain loop rather than a regular
   * expression: ~200 keys are made for every catalog load, and a pattern compiled per call cost ~1.5% of a plan's start.
   */
  static String key(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') {
        out.append(c);
      }
    }
    return out.toString();
  }

  public List<GpuSpec> gpus() { return gpus; }
  public List<ModelSpec> models() { return models; }

  public Optional<GpuSpec> gpu(String nameOrAlias) {
    return nameOrAlias == null ? Optional.empty() : Optional.ofNullable(gpuIndex.get(key(nameOrAlias)));
  }

  public Optional<ModelSpec> model(String nameOrAlias) {
    return nameOrAlias == null ? Optional.empty() : Optional.ofNullable(modelIndex.get(key(nameOrAlias)));
  }

  /**
   * Regions that have at least one price row in the cloud, sorted (for "unknown region" messages and listings); read-only,
   * worked out once per cloud (a batch checks every config's region against it).
   */
  public java.util.SortedSet<String> regions(String cloud) {
    java.util.SortedSet<String> known = cloud == null ? null : regionsByCloud.get(cloud);
    if (known != null) {
      return known;
    }
    known = java.util.Collections.unmodifiableSortedSet(regionsOf(cloud));
    if (cloud != null && regionsByCloud.size() < REMEMBERED_CLOUDS) { // bounded: hostile input must not grow the map
      regionsByCloud.putIfAbsent(cloud, known);
    }
    return known;
  }

  /** How many clouds' regions are remembered (tests check the bound). */
  int rememberedClouds() { return regionsByCloud.size(); }

  private java.util.SortedSet<String> regionsOf(String cloud) {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    for (GpuSpec g : gpus) {
      for (GpuPrice p : g.getPrices()) {
        if (p.getCloud() != null && p.getCloud().equalsIgnoreCase(cloud)) {
          out.add(p.getRegion());
        }
      }
    }
    return out;
  }

  /** Price rows of an instance type (case-insensitive), over every GPU, cloud, region and pricing model. */
  public List<GpuPrice> offersOf(String instanceType) {
    List<GpuPrice> out = new java.util.ArrayList<>();
    for (GpuSpec g : gpus) {
      for (GpuPrice p : g.getPrices()) {
        if (p.getInstanceType() != null && p.getInstanceType().equalsIgnoreCase(instanceType)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** Every instance type with a price row, sorted (for "unknown instance type" messages). */
  public java.util.SortedSet<String> instanceTypes() {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    for (GpuSpec g : gpus) {
      for (GpuPrice p : g.getPrices()) {
        if (p.getInstanceType() != null) {
          out.add(p.getInstanceType());
        }
      }
    }
    return out;
  }

  /** Ids of all GPUs, for "unknown GPU" messages. */
  public String gpuIds() {
    return gpus.stream().map(GpuSpec::getId).collect(Collectors.joining(", "));
  }

  /** Ids of all models, for "unknown model" messages. */
  public String modelIds() {
    return models.stream().map(ModelSpec::getId).collect(Collectors.joining(", "));
  }
}
