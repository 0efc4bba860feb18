package dev.llmcap.cli;

import dev.llmcap.config.ConfigTemplate;
import dev.llmcap.config.InputException;
import dev.llmcap.export.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** --generate-config inference|training: writes a template config that validates against its schema (FR-4.3.4). */
final class GenerateConfigCommand {
  private final PrintStream err;

  GenerateConfigCommand(PrintStream err) {
    this.err = err;
  }

  /** Writes the template to output (default MODE_config.json in the working directory); never overwrites without force. */
  int run(String mode, String output, boolean force) {
    try {
      ConfigTemplate template = ConfigTemplate.of(mode == null ? "" : mode.toLowerCase(Locale.ROOT));
      String name = output != null ? output : mode.toLowerCase(Locale.ROOT) + "_config.json";
      Path target = OutputPaths.resolve(name, force);
      String file = target.getFileName().toString().toLowerCase(Locale.ROOT);
      boolean yaml = file.endsWith(".yaml") || file.endsWith(".yml");
      AtomicFiles.write(target, yaml ? template.yaml() : template.json());
      err.println("llmcap: wrote the " + mode + " template to " + name + "; edit it, then run: llmcap --config " + name);
      return Main.OK;
    } catch (InputException e) {
      e.problems().forEach(p -> err.println("llmcap: " + p));
      return Main.USAGE;
    } catch (UsageException e) {
      err.println("llmcap: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap: cannot write " + output + ": " + e.getMessage());
      return Main.FAILED;
    }
  }
}
