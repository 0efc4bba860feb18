package dev.llmcap.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.batch.BatchJob;
import dev.llmcap.batch.BatchRow;
import dev.llmcap.batch.BatchRunner;
import dev.llmcap.batch.ConfigGenerator;
import dev.llmcap.batch.ConfigSource;
import dev.llmcap.config.Json;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.PlanRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Plans per second of the batch path, measured with JMH: one generated config (seed 42, GPU named, as in
 * bench/plan-throughput.sh) per operation, planned without the audit trace in a pooled rule session. Two variants:
 * from the JSON line (parse, schema-validate, prepare, fire, flatten to a batch row, as `llmcap batch` does) and from an
 * already validated request (the rule work alone). Run: {@code bench/plan-jmh.sh [JMH options]}, e.g. {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-XX:+UseParallelGC", "-Xmx512m"})
public class PlanThroughputBenchmark {
  @Param({"1000"})
  public int configs;

  private LLMForecastEngine engine;
  private List<BatchJob> jobs;
  private List<PlanRequest> requests;
  private final AtomicInteger next = new AtomicInteger();

  @Setup
  public void setUp() throws Exception {
    engine = new LLMForecastEngine(Workspace.under(Path.of(System.getProperty("llmcap.home", "."))), Map.of());
    List<ConfigSource> sources = new ArrayList<>();
    int i = 0;
    for (ObjectNode n : new ConfigGenerator(42, true).next(configs)) {
      sources.add(ConfigSource.line(Path.of("bench.jsonl"), ++i, Json.shared().writeValueAsString(n)));
    }
    jobs = new ArrayList<>();
    requests = new ArrayList<>();
    for (BatchJob job : BatchJob.of(sources, dev.llmcap.batch.Sweep.none())) {
      jobs.add(job);
      requests.add(job.request());
    }
  }

  private int index() {
    return Math.floorMod(next.getAndIncrement(), jobs.size());
  }

  /** Parse, validate, plan and flatten one config line, as a batch worker does. */
  @Benchmark
  public BatchRow planFromJsonLine() {
    return BatchRunner.planOne(engine, jobs.get(index()));
  }

  /** Plan one already validated request (input preparation, rule session, plan assembly). */
  @Benchmark
  public Object planValidatedRequest() throws Exception {
    return engine.plan(requests.get(index()), Map.of(), false);
  }
}
