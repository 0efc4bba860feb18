package dev.llmcap.batch;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A progress bar with rate and ETA on stderr. It draws only when enabled (stderr is a terminal) and only once the
 * batch has run for more than a second; otherwise it prints nothing, so pipes, files and tests see no trace of it.
 */
public final class Progress implements AutoCloseable {
  private static final long DELAY_NS = 1_000_000_000L;
  private static final long REDRAW_MS = 200;
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final int total;
  private final String unit;
  private final AtomicInteger done = new AtomicInteger();
  private final long start = System.nanoTime();
  private final Thread ticker;
  private volatile boolean drawn;
  private volatile boolean closed;

  private Progress(PrintStream err, int total, String unit, boolean enabled) {
    this.err = err;
    this.total = total;
    this.unit = unit;
    if (enabled && total > 0) {
      ticker = new Thread(this::tick, "llmcap-progress");
      ticker.setDaemon(true);
      ticker.start();
    } else {
      ticker = null;
    }
  }

  /** A progress bar over total items that draws only when enabled. */
  public static Progress start(PrintStream err, int total, String unit, boolean enabled) {
    return new Progress(err, total, unit, enabled);
  }

  /** A progress bar that never draws. */
  public static Progress silent() {
    return new Progress(null, 0, "", false);
  }

  /** Whether the process's stderr is a terminal (Linux: /proc/self/fd/2 points at a tty device). */
  public static boolean stderrIsTerminal() {
    try {
      Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
      String t = target.toString();
      return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** One more item done (thread-safe). */
  public void step() {
    done.incrementAndGet();
  }

  /** n more items done at once, e.g. work skipped because it was not needed (thread-safe; n <= 0 does nothing). */
  public void advance(int n) {
    if (n > 0) {
      done.addAndGet(n);
    }
  }

  private void tick() {
    try {
      while (!closed) {
        Thread.sleep(REDRAW_MS);
        if (!closed && System.nanoTime() - start > DELAY_NS) {
          draw();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void draw() {
    if (closed) {
      return;
    }
    int n = Math.min(done.get(), total);
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = n / Math.max(seconds, 1e-9);
    int filled = (int) ((long) WIDTH * n / total);
    String eta = rate > 0 ? clock((total - n) / rate) : "--:--";
    err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d %3d%% %.0f %s/s ETA %s ", "#".repeat(filled),
        "-".repeat(WIDTH - filled), n, total, (int) (100L * n / total), rate, unit, eta));
    err.flush();
    drawn = true;
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Stops drawing and clears the bar's line. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticker != null) {
      ticker.interrupt();
    }
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      err.flush();
    }
  }
}
