package dev.llmcap.batch;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.impl.exec.ExecTerminalProvider;
import org.jline.terminal.spi.SystemStream;

/**
 * A progress bar (the progressbar library, drawn on stderr) with rate and ETA. It draws only when enabled (stderr is a
 * terminal) and only once the work has run for more than a second; otherwise it prints nothing, so pipes, files and
 * tests see no trace of it. It clears its line when closed.
 */
public final class Progress implements AutoCloseable {
  private static final long DELAY_MS = 1000;
  private static final int UPDATE_MS = 200;
  private static final int MAX_WIDTH = 100;

  private final PrintStream err;
  private final int total;
  private final String unit;
  private final AtomicInteger done = new AtomicInteger();
  private final Thread starter;
  private ProgressBar bar;
  private boolean closed;

  private Progress(PrintStream err, int total, String unit, boolean enabled) {
    this.err = err;
    this.total = total;
    this.unit = unit;
    if (enabled && total > 0) {
      starter = new Thread(this::startAfterDelay, "llmcap-progress");
      starter.setDaemon(true);
      starter.start();
    } else {
      starter = null;
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

  /** Whether the process's stderr is a terminal (asked through JLine's terminal provider). */
  public static boolean stderrIsTerminal() {
    try {
      return new ExecTerminalProvider().isSystemStream(SystemStream.Error);
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Items done so far, drawn or not. */
  public int done() {
    return done.get();
  }

  /** One more item done (thread-safe). */
  public void step() {
    int n = done.incrementAndGet();
    ProgressBar b;
    synchronized (this) {
      b = bar;
    }
    if (b != null) {
      b.stepTo(Math.min(n, total));
    }
  }

  /** n more items done at once, e.g. work skipped because it was not needed (thread-safe; n <= 0 does nothing). */
  public void advance(int n) {
    if (n <= 0) {
      return;
    }
    int now = done.addAndGet(n);
    ProgressBar b;
    synchronized (this) {
      b = bar;
    }
    if (b != null) {
      b.stepTo(Math.min(now, total));
    }
  }

  private void startAfterDelay() {
    try {
      Thread.sleep(DELAY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      bar = new ProgressBarBuilder().setTaskName("llmcap").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(UPDATE_MS).continuousUpdate().showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
          .setUnit(" " + unit, 1).clearDisplayOnFinish().setConsumer(new ConsoleProgressBarConsumer(err, MAX_WIDTH))
          .build();
      bar.stepTo(Math.min(done.get(), total));
    }
  }

  /** Stops drawing and clears the bar's line. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (starter != null) {
      starter.interrupt();
    }
    if (bar != null) {
      bar.close();
    }
  }
}
