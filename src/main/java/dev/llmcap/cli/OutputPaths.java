package dev.llmcap.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks output paths before anything is written (NFR-6.2): no escaping the working folder, no missing folder, no silent overwrite. */
final class OutputPaths {
  private OutputPaths() {}

  static Path resolve(String name, boolean force) throws UsageException {
    if (name == null || name.isBlank()) {
      throw new UsageException("--output needs a file name");
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path raw = Path.of(name);
    Path target = cwd.resolve(raw).normalize();
    if (!raw.isAbsolute() && !target.startsWith(cwd)) {
      throw new UsageException("refusing to write " + name + ": it leaves the working directory (" + cwd + ")");
    }
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UsageException("refusing to write " + name + ": folder " + dir + " does not exist");
    }
    if (Files.isDirectory(target)) {
      throw new UsageException("refusing to write " + name + ": it is a folder");
    }
    if (Files.exists(target) && !force) {
      throw new UsageException("refusing to overwrite " + name + ": it exists (add --force to replace it)");
    }
    return target;
  }
}
