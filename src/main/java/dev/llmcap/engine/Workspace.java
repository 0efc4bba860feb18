package dev.llmcap.engine;

import java.nio.file.Path;

/** Where the planner reads its editable inputs: the rules folder and the two catalogs. */
public final class Workspace {
  /** System property the launcher sets to the installation folder. */
  public static final String HOME_PROPERTY = "llmcap.home";

  private final Path rules;
  private final Path gpuCatalog;
  private final Path modelCatalog;

  public Workspace(Path rules, Path gpuCatalog, Path modelCatalog) {
    this.rules = rules;
    this.gpuCatalog = gpuCatalog;
    this.modelCatalog = modelCatalog;
  }

  /** rules/, gpu-catalog/ and model-catalog/ under a home folder. */
  public static Workspace under(Path home) {
    return new Workspace(home.resolve("rules"), home.resolve("gpu-catalog"), home.resolve("model-catalog"));
  }

  /** The folders under -Dllmcap.home, or the working directory. */
  public static Workspace fromEnvironment() {
    String home = System.getProperty(HOME_PROPERTY);
    return under(Path.of(home == null || home.isBlank() ? "." : home));
  }

  public Workspace withRules(Path dir) { return new Workspace(dir, gpuCatalog, modelCatalog); }
  public Workspace withGpuCatalog(Path dir) { return new Workspace(rules, dir, modelCatalog); }
  public Workspace withModelCatalog(Path dir) { return new Workspace(rules, gpuCatalog, dir); }

  public Path rules() { return rules; }
  public Path gpuCatalog() { return gpuCatalog; }
  public Path modelCatalog() { return modelCatalog; }
}
