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

  /** Whether an output name means standard output ("-" or /dev/stdout), written through rather than replaced. */
  static boolean isStdout(String name) {
    return name != null && (name.equals("-") || name.equals("/dev/stdout") || name.equals("/proc/self/fd/1"));
  }

  /** Refuses to write a result over the input it was planned from. */
  static void refuseInput(Path target, Path input) throws UsageException {
    try {
      if (input != null && Files.exists(target) && Files.isSameFile(target, input)) {
        throw new UsageException("refusing to write " + target + ": it is the input config itself");
      }
    } catch (java.io.IOException e) {
      // cannot compare: the atomic write still refuses what is not a regular file
    }
  }

  static Path resolve(String name, boolean force) throws UsageException {
    if (name == null || name.isBlank()) {
      throw new UsageException("--output needs a file name");
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path raw;
    try {
      raw = Path.of(name);
    } catch (java.nio.file.InvalidPathException e) {
      throw new UsageException("refusing to write " + dev.llmcap.config.InputLimits.echo(name) + ": not a valid file name");
    }
    Path target = cwd.resolve(raw).normalize();
    if (Files.isDirectory(target)) {
      throw new UsageException("refusing to write " + name + ": it is a folder (give a file name)");
    }
    if (Files.isSymbolicLink(target)) {
      throw new UsageException("refusing to write " + name + ": it is a symbolic link (name the file it points to, or '-' for standard output)");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      throw new UsageException("refusing to write " + name + ": it is not a regular file (a device, pipe or socket); "
          + "write to a regular file, or '-' for standard output");
    }
    if (!raw.isAbsolute() && !target.startsWith(cwd)) {
      throw new UsageException("refusing to write " + name + ": it leaves the working directory (" + cwd + ")");
    }
    Path dir = target.getParent();
    if (dir == null) {
      throw new UsageException("refusing to write " + name + ": it is a folder (give a file name)");
    }
    if (!Files.isDirectory(dir)) {
      throw new UsageException("refusing to write " + name + ": folder " + dir + " does not exist");
    }
    if (!raw.isAbsolute() && !realPath(dir).startsWith(realPath(cwd))) {
      throw new UsageException("refusing to write " + name + ": its folder leads out of the working directory through a symbolic link");
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
