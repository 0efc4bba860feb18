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

  /**
   * The folders under -Dllmcap.home; without it the working directory when it has a rules/ folder, else the
   * installation the running jar belongs to (lib/llmcap.jar or target/llmcap.jar beside rules/), so that
   * {@code java -jar /opt/llmcap/lib/llmcap.jar} works from any folder.
   */
  public static Workspace fromEnvironment() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      return under(Path.of(home));
    }
    if (java.nio.file.Files.isDirectory(Path.of("rules"))) {
      return under(Path.of("."));
    }
    return installation().map(Workspace::under).orElse(under(Path.of(".")));
  }

  /** The folder above the running jar's folder when it holds rules/ (an unpacked distribution or a source checkout). */
  private static java.util.Optional<Path> installation() {
    try {
      java.security.CodeSource src = Workspace.class.getProtectionDomain().getCodeSource();
      if (src == null) {
        return java.util.Optional.empty();
      }
      Path jar = Path.of(src.getLocation().toURI());
      Path parent = jar.getParent() == null ? null : jar.getParent().getParent();
      return parent != null && java.nio.file.Files.isDirectory(parent.resolve("rules"))
          ? java.util.Optional.of(parent) : java.util.Optional.empty();
    } catch (java.net.URISyntaxException | SecurityException | java.nio.file.FileSystemNotFoundException
        | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  public Workspace withRules(Path dir) { return new Workspace(dir, gpuCatalog, modelCatalog); }
  public Workspace withGpuCatalog(Path dir) { return new Workspace(rules, dir, modelCatalog); }
  public Workspace withModelCatalog(Path dir) { return new Workspace(rules, gpuCatalog, dir); }

  public Path rules() { return rules; }
  public Path gpuCatalog() { return gpuCatalog; }
  public Path modelCatalog() { return modelCatalog; }
}
