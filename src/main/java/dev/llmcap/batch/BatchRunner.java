package dev.llmcap.batch;

import dev.llmcap.config.InputException;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs batch jobs on a pool of threads (each plan in its own fresh rule session over one shared compiled rule base) and
 * returns one result per job in job order, whatever the thread timing. A job never fails the batch: every failure
 * becomes an error result.
 */
public final class BatchRunner {
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private final int threads;
  private final java.util.concurrent.atomic.LongAdder cpuNanos = new java.util.concurrent.atomic.LongAdder();

  public BatchRunner(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    this.threads = threads;
  }

  /** Plans every job with the engine: one row per job. */
  public List<BatchRow> plan(LLMForecastEngine engine, List<BatchJob> jobs, Progress progress) {
    return run(jobs, job -> planOne(engine, job), progress);
  }

  /** Plans one job; failures become an error row with the reason. */
  public static BatchRow planOne(LLMForecastEngine engine, BatchJob job) {
    try {
      PlanRequest request = job.request();
      LLMCapacityPlan plan = engine.planKeyFigures(request);
      return BatchRow.of(job, plan);
    } catch (InputException | RuleSetException e) {
      return BatchRow.failed(job, withoutSource(errorMessage(e), job.source()));
    } catch (Throwable t) { // per-config isolation: whatever one config does (even an Error) is its own error row
      return BatchRow.failed(job, "internal error: " + dev.llmcap.config.InputLimits.describe(t));
    }
  }

  /**
   * Plans jobs as they are read and hands each row to the sink in job order, keeping at most a few rows per thread in
   * flight, so memory stays flat however many configs there are. Returns the number of rows written.
   */
  public long stream(LLMForecastEngine engine, java.util.Iterator<BatchJob> jobs, java.util.function.Consumer<BatchRow> sink,
      Progress progress) {
    long n = 0;
    if (threads == 1) {
      while (jobs.hasNext()) {
        BatchJob j = jobs.next();
        sink.accept(timed(job -> planOne(engine, job), j));
        progress.step();
        n++;
      }
      return n;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "llmcap-batch");
      t.setDaemon(true);
      return t;
    });
    int window = threads * 16;
    java.util.ArrayDeque<BatchJob> pendingJobs = new java.util.ArrayDeque<>();
    java.util.ArrayDeque<Future<BatchRow>> pending = new java.util.ArrayDeque<>();
    try {
      while (jobs.hasNext() || !pending.isEmpty()) {
        while (pending.size() < window && jobs.hasNext()) {
          BatchJob j = jobs.next();
          pendingJobs.add(j);
          pending.add(pool.submit(() -> {
            try {
              return timed(job -> planOne(engine, job), j);
            } finally {
              progress.step();
            }
          }));
        }
        BatchJob j = pendingJobs.poll();
        Future<BatchRow> f = pending.poll();
        BatchRow row;
        try {
          row = f.get();
        } catch (ExecutionException e) {
          row = BatchRow.failed(j, "internal error: " + dev.llmcap.config.InputLimits.describe(e.getCause()));
        }
        sink.accept(row);
        n++;
      }
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("batch interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One line describing why a config could not be planned. */
  public static String errorMessage(Throwable e) {
    if (e instanceof InputException) {
      return String.join("; ", ((InputException) e).problems());
    }
    if (e instanceof RuleSetException) {
      return "rules: " + String.join("; ", ((RuleSetException) e).problems());
    }
    return "internal error: " + dev.llmcap.config.InputLimits.describe(e);
  }

  /** The message without its leading "SOURCE: " (the row names its source already); "SOURCE:LINE:COL: x" becomes "at LINE:COL: x". */
  public static String withoutSource(String message, String source) {
    StringBuilder sb = new StringBuilder();
    for (String part : message.split("; (?=" + java.util.regex.Pattern.quote(source) + ")", -1)) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      if (part.startsWith(source + ": ")) {
        sb.append(part.substring(source.length() + 2));
      } else if (part.startsWith(source + ":")) {
        sb.append("at ").append(part.substring(source.length() + 1));
      } else {
        sb.append(part);
      }
    }
    return sb.toString();
  }

  /**
   * CPU seconds the jobs took on their threads so far (a figure that, unlike wall-clock time, does not depend on how
   * busy the machine is); NaN when the JVM cannot measure thread CPU time.
   */
  public double cpuSeconds() {
    return CPU.isCurrentThreadCpuTimeSupported() ? cpuNanos.sum() / 1e9 : Double.NaN;
  }

  private <T> T timed(Function<BatchJob, T> work, BatchJob job) {
    if (!CPU.isCurrentThreadCpuTimeSupported()) {
      return work.apply(job);
    }
    long start = CPU.getCurrentThreadCpuTime();
    try {
      return work.apply(job);
    } finally {
      cpuNanos.add(CPU.getCurrentThreadCpuTime() - start);
    }
  }

  /** Applies work to every job, in parallel, results in job order. */
  public <T> List<T> run(List<BatchJob> jobs, Function<BatchJob, T> work, Progress progress) {
    List<T> out = new ArrayList<>(jobs.size());
    if (threads == 1 || jobs.size() < 2) {
      for (BatchJob j : jobs) {
        out.add(timed(work, j));
        progress.step();
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.size()), r -> {
      Thread t = new Thread(r, "llmcap-batch");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(jobs.size());
      for (BatchJob j : jobs) {
        futures.add(pool.submit(() -> {
          try {
            return timed(work, j);
          } finally {
            progress.step();
          }
        }));
      }
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("batch interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("batch job failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
