package dev.llmcap.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files atomically: a temporary file in the same folder, renamed into place, so no half-written file is ever seen. */
public final class AtomicFiles {
  /** Temporary files being written now: deleted by a shutdown hook if the process is interrupted (Ctrl-C, SIGTERM). */
  private static final java.util.Set<Path> PENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** A temporary file of a target older than this is left over from an interrupted run and is removed. */
  private static final long STALE_MILLIS = 10 * 60 * 1000L;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Path p : PENDING) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
          // the process is ending: the next run removes what is left
        }
      }
    }, "llmcap-temp-cleanup"));
  }

  private AtomicFiles() {}

  /** Writes content to a stream; may fail half-way. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(Path target, byte[] content) throws IOException {
    write(target, out -> out.write(content));
  }

  public static void write(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Streams into a temporary file next to the target and renames it into place only when the writer finished; if the
   * writer throws, the temporary file is deleted and the target is left as it was (absent or with its old content).
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException(dir == null ? "cannot write " + target + ": it is a folder" : "folder does not exist: " + dir);
    }
    if (Files.isSymbolicLink(abs) || (Files.exists(abs) && !Files.isRegularFile(abs))) {
      throw new IOException("refusing to replace " + target + ": it is not a regular file (a device, pipe, socket or symbolic link)");
    }
    removeStale(dir, abs.getFileName().toString());
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    PENDING.add(tmp);
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.writeTo(out);
      }
      keepPermissions(abs, tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
      PENDING.remove(tmp);
    }
  }

  /** Deletes temporary files of this target left by an earlier run that was killed before it could clean up. */
  private static void removeStale(Path dir, String name) {
    String prefix = "." + name + ".";
    long now = System.currentTimeMillis();
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
      String n = p.getFileName().toString();
      return n.startsWith(prefix) && n.endsWith(".tmp") && n.length() > prefix.length() + 4;
    })) {
      for (Path p : ds) {
        if (!PENDING.contains(p) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            && now - Files.getLastModifiedTime(p).toMillis() > STALE_MILLIS) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a stale file we cannot see or delete is harmless to this write
    }
  }

  /** A temporary file is private (rw-------): give the result the old file's permissions, or rw-r--r-- for a new file. */
  private static void keepPermissions(Path target, Path tmp) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    if (Files.exists(target)) {
      view.setPermissions(Files.getPosixFilePermissions(target));
    } else {
      view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
    }
  }
}
