package dev.llmcap.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kie.api.runtime.KieSession;

/**
 * The wall-clock limit of one plan: at the deadline it halts the session (which stops between rules) and, if a
 * consequence still does not return a moment later, stops the planning thread, whose session is then dropped.
 */
final class Watchdog {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "llmcap-plan-watchdog");
    t.setDaemon(true);
    return t;
  });
  private static final long GRACE_MILLIS = 1000;

  private final AtomicBoolean fired = new AtomicBoolean();
  private final AtomicBoolean done = new AtomicBoolean();
  private volatile ScheduledFuture<?> halt;
  private volatile ScheduledFuture<?> stop;

  private Watchdog() {}

  static Watchdog start(KieSession session, Thread worker, long seconds) {
    Watchdog w = new Watchdog();
    w.halt = TIMER.schedule(() -> {
      if (w.done.get()) {
        return;
      }
      w.fired.set(true);
      session.halt();
      w.stop = TIMER.schedule(() -> w.stopThread(worker), GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }, seconds, TimeUnit.SECONDS);
    return w;
  }

  @SuppressWarnings({"deprecation", "removal"})
  private synchronized void stopThread(Thread worker) {
    if (done.get()) {
      return;
    }
    try {
      worker.stop(); // the only way to end a consequence that loops without returning (Java 17-19)
    } catch (UnsupportedOperationException | SecurityException e) {
      worker.interrupt(); // newer Java: the thread is left to finish; its plan is reported as timed out
    }
  }

  /** Whether the deadline passed. */
  boolean fired() {
    return fired.get();
  }

  synchronized void cancel() {
    if (done.compareAndSet(false, true)) {
      halt.cancel(false);
      if (stop != null) {
        stop.cancel(false);
      }
    }
  }
}
