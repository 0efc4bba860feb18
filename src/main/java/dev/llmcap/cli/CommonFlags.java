package dev.llmcap.cli;

import dev.llmcap.engine.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/** The flags every command shares: --rules, --gpu-catalog, --model-catalog and --set NAME=VALUE. */
final class CommonFlags {
  private CommonFlags() {}

  /** The rules and catalog folders: -Dllmcap.home (or the working directory), overridden by the flags. */
  static Workspace workspace(CommandLine cl) {
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

  /** --set NAME=VALUE overrides of assumptions, in the order given. */
  static Map<String, String> assumptionOverrides(CommandLine cl) throws UsageException {
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
}
