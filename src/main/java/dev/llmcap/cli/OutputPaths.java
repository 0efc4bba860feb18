package dev.llmcap.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks output paths before anything is written (NFR-6.2): a relative path may not leave the working folder (by
 * {@code ..} or through a symbolic link); an absolute path is the user's explicit choice and is allowed; the folder
 * must exist; an existing file is replaced only with --force.
 */
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
    if (!raw.isAbsolute() && !realPath(dir).startsWith(realPath(cwd))) {
      throw new UsageException("refusing to write " + name + ": its folder leads out of the working directory through a symbolic link");
    }
    if (Files.isDirectory(target)) {
      throw new UsageException("refusing to write " + name + ": it is a folder");
    }
    if (Files.exists(target) && !force) {
      throw new UsageException("refusing to overwrite " + name + ": it exists (add --force to replace it)");
    }
    return target;
  }

  private static Path realPath(Path p) throws UsageException {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      throw new UsageException("cannot resolve folder " + p + ": " + e.getMessage());
    }
  }
}
