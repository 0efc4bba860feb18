package dev.llmcap.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcap.batch.BatchInputs;
import dev.llmcap.batch.BatchJob;
import dev.llmcap.batch.BatchRow;
import dev.llmcap.batch.BatchRunner;
import dev.llmcap.batch.Progress;
import dev.llmcap.batch.Sweep;
import dev.llmcap.cli.Main;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.Workspace;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing (issue 16): generated configs (valid, out of range, wrong types, hostile numbers and strings, broken
 * documents, invalid UTF-8) go through a real batch, and generated command lines and training plans (as flags or config
 * files) through the CLI. Nothing may be lost (rows out = configs in), no message may carry a stack trace, a Java class
 * name or "internal error", and no ok or sla_miss plan may hold a figure that is not finite, saturated, or above the
 * sanity limits. The default suite runs a few hundred; {@code mvn -Pfuzz verify} runs 100,000 configs, 1,000 command
 * lines and 2,000 training plans (-Dllmcap.fuzz.configs=N, -Dllmcap.fuzz.cli=N, -Dllmcap.fuzz.training=N,
 * -Dllmcap.fuzz.seed=S to change them) and prints the summary.
 */
class ConfigFuzzTest {
  private static final int CONFIGS = Integer.getInteger("llmcap.fuzz.configs", 300);
  private static final int CLI_RUNS = Integer.getInteger("llmcap.fuzz.cli", 40);
  private static final int TRAINING_RUNS = Integer.getInteger("llmcap.fuzz.training", 40);
  private static final long SEED = Long.getLong("llmcap.fuzz.seed", 16L);
  private static final List<String> LEAKS = List.of("\tat ", "Exception", "java.", "internal error", "org.yaml", "com.fasterxml");

  @Test
  void generatedConfigsAreEachOneRowAndNoOkPlanIsAbsurd(@TempDir Path tmp) throws Exception {
    FuzzGenerator gen = new FuzzGenerator(SEED);
    Path jsonl = tmp.resolve("fuzz.jsonl");
    Map<String, Long> kinds = new TreeMap<>();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(jsonl), 1 << 16)) {
      for (int i = 0; i < CONFIGS; i++) {
        FuzzGenerator.Line line = gen.configLine();
        kinds.merge(line.kind(), 1L, Long::sum);
        out.write(line.bytes());
        out.write('\n');
      }
    }
    if (System.getProperty("llmcap.fuzz.keep") != null) {
      Files.copy(jsonl, Path.of(System.getProperty("llmcap.fuzz.keep")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    LLMForecastEngine engine = new LLMForecastEngine(Workspace.fromEnvironment(), Map.of());
    Tally tally = new Tally();
    long start = System.nanoTime();
    long rows = new BatchRunner(Math.max(1, Runtime.getRuntime().availableProcessors()))
        .stream(engine, BatchJob.stream(BatchInputs.stream(List.of(jsonl.toString())), Sweep.none()), tally::row, Progress.silent());
    double seconds = (System.nanoTime() - start) / 1e9;
    String summary = String.format(Locale.ROOT, "fuzz configs (seed %d): %d generated %s; %d rows out, %d lost; statuses %s; "
        + "%d messages with a stack trace or class name; %d ok/sla_miss plans with a non-finite, saturated or over-limit figure; %.1f s",
        SEED, CONFIGS, kinds, rows, CONFIGS - rows, tally.statuses, tally.leaks.size(), tally.absurd.size(), seconds);
    report(summary);
    assertThat(rows).isEqualTo(CONFIGS);
    assertThat(tally.leaks).as("messages leaking internals").isEmpty();
    assertThat(tally.absurd).as("absurd ok plans").isEmpty();
    assertThat(tally.statuses.getOrDefault("ok", 0L) + tally.statuses.getOrDefault("sla_miss", 0L)).as("some configs plan").isPositive();
    assertThat(tally.statuses.getOrDefault("error", 0L)).as("some configs are refused").isPositive();
  }

  @Test
  void generatedCommandLinesExitZeroOneOrTwoWithoutInternals() throws Exception {
    FuzzGenerator gen = new FuzzGenerator(SEED + 1);
    Map<Integer, Long> codes = new TreeMap<>();
    List<String> leaks = new ArrayList<>();
    List<String> absurd = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < CLI_RUNS; i++) {
      String[] args = gen.commandLine();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
      codes.merge(code, 1L, Long::sum);
      String e = err.toString(StandardCharsets.UTF_8);
      if (code < 0 || code > 2 || LEAKS.stream().anyMatch(e::contains)) {
        leaks.add(code + " " + String.join(" ", args) + " -> " + e.substring(0, Math.min(400, e.length())));
      }
      if (code == 0 && out.size() > 0 && out.toString(StandardCharsets.UTF_8).startsWith("{")) {
        JsonNode plan = json.readTree(out.toByteArray());
        String v = plan.path("verdict").asText();
        if (("ok".equals(v) || "sla_miss".equals(v)) && !Tally.saneInference(plan)) {
          absurd.add(String.join(" ", args));
        }
      }
    }
    report(String.format(Locale.ROOT, "fuzz command lines (seed %d): %d runs, exit codes %s; %d with a stack trace, class name or bad exit code; "
        + "%d absurd ok plans", SEED + 1, CLI_RUNS, codes, leaks.size(), absurd.size()));
    assertThat(leaks).isEmpty();
    assertThat(absurd).isEmpty();
  }

  /**
   * Batch plans inference configs only (a training config there is an error row), so training configs are fuzzed through
   * the plan command: as flags or as a --config file, each in-process through Main.run.
   */
  @Test
  void generatedTrainingPlansAreNeverAbsurdAndNeverLeakInternals(@TempDir Path tmp) throws Exception {
    FuzzGenerator gen = new FuzzGenerator(SEED + 2);
    Map<String, Long> kinds = new TreeMap<>();
    Map<String, Long> outcomes = new TreeMap<>();
    List<String> leaks = new ArrayList<>();
    List<String> absurd = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    long start = System.nanoTime();
    for (int i = 0; i < TRAINING_RUNS; i++) {
      FuzzGenerator.TrainingCase c = gen.trainingCase();
      kinds.merge(c.kind(), 1L, Long::sum);
      List<String> args = new ArrayList<>(List.of(c.args()));
      if (c.config() != null) {
        Path file = tmp.resolve("training-" + i + ".json");
        Files.writeString(file, c.config(), StandardCharsets.UTF_8);
        args.addAll(List.of("--config", file.toString()));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), false);
      String e = err.toString(StandardCharsets.UTF_8);
      String o = out.toString(StandardCharsets.UTF_8);
      String what = String.join(" ", args) + (c.config() == null ? "" : " <- " + c.config());
      if (code < 0 || code > 2 || LEAKS.stream().anyMatch(e::contains)) {
        leaks.add(code + " " + what + " -> " + e.substring(0, Math.min(400, e.length())));
      }
      String verdict = "exit " + code;
      if (code == 0 && o.startsWith("{")) {
        JsonNode plan;
        try {
          plan = json.readTree(o);
        } catch (java.io.IOException bad) {
          absurd.add("not JSON: " + what);
          continue;
        }
        verdict = plan.path("verdict").asText();
        List<String> figures = Figures.bad(plan);
        if (!figures.isEmpty() || (("ok".equals(verdict) || "sla_miss".equals(verdict)) && !Tally.saneTraining(plan))) {
          absurd.add(what + " -> " + verdict + " " + figures + " " + plan.path("headline"));
        }
      } else if (code == 0 && o.matches("(?s).*(\\bNaN\\b|\\bInfinity\\b(?! Fabric)|2147483647|2,147,483,647).*")) {
        absurd.add(what + " -> non-finite or saturated figure in the text output");
      }
      outcomes.merge(verdict, 1L, Long::sum);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    report(String.format(Locale.ROOT, "fuzz training plans (seed %d): %d generated %s; outcomes %s; %d with a stack trace, class name or "
        + "bad exit code; %d with a non-finite or saturated figure or an absurd ok plan; %.1f s", SEED + 2, TRAINING_RUNS, kinds, outcomes,
        leaks.size(), absurd.size(), seconds));
    assertThat(leaks).isEmpty();
    assertThat(absurd).isEmpty();
    assertThat(outcomes.getOrDefault("ok", 0L) + outcomes.getOrDefault("sla_miss", 0L)).as("some training plans plan").isPositive();
    assertThat(outcomes.getOrDefault("exit 2", 0L)).as("some training inputs are refused").isPositive();
  }

  private static void report(String line) throws Exception {
    System.out.println(line);
    Path file = Path.of("target/fuzz-summary.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** Counts and checks rows as they stream past (nothing is kept but the first few problems). */
  static final class Tally {
    final Map<String, Long> statuses = new TreeMap<>();
    final List<String> leaks = new ArrayList<>();
    final List<String> absurd = new ArrayList<>();

    synchronized void row(BatchRow r) {
      statuses.merge(r.status(), 1L, Long::sum);
      if (r.error() != null && LEAKS.stream().anyMatch(r.error()::contains) && leaks.size() < 50) {
        leaks.add(r.source() + ": " + r.error());
      }
      if (("ok".equals(r.status()) || "sla_miss".equals(r.status())) && !sane(r.fields()) && absurd.size() < 50) {
        absurd.add(r.source() + ": " + r.fields());
      }
    }

    static boolean sane(Map<String, Object> f) {
      for (String k : List.of("gpus_per_replica", "min_replicas", "max_replicas", "total_gpus")) {
        Object v = f.get(k);
        if (!(v instanceof Integer) || (Integer) v < 1 || (Integer) v >= 100_000) {
          return false;
        }
      }
      for (String k : List.of("ttft_p50_ms", "ttft_p99_ms", "itl_ms", "monthly_gpu_cost_usd", "monthly_total_cost_usd", "cost_per_million_tokens_usd")) {
        Object v = f.get(k);
        if (v != null && (!(v instanceof Number) || !Double.isFinite(((Number) v).doubleValue()) || ((Number) v).doubleValue() < 0)) {
          return false;
        }
      }
      Object cost = f.get("monthly_total_cost_usd");
      Object ttft = f.get("ttft_p99_ms");
      return (cost == null || ((Number) cost).doubleValue() <= 1e9) && (ttft == null || ((Number) ttft).doubleValue() <= 600_000);
    }

    /** An ok or sla_miss training plan within the default sanity limits of rules/training/sanity.drl. */
    static boolean saneTraining(JsonNode plan) {
      JsonNode g = plan.path("gpu_resources");
      if (!g.path("required_gpus").isInt() || g.path("required_gpus").asInt() < 1 || g.path("required_gpus").asInt() > 100_000) {
        return false;
      }
      double days = plan.path("goodput").path("expected_duration_days").asDouble(Double.NaN);
      if (!Double.isFinite(days) || days <= 0 || days > 365) {
        return false;
      }
      JsonNode gpuHours = plan.path("goodput").path("expected_gpu_hours");
      JsonNode cost = plan.path("cost").path("total_training_cost");
      return (gpuHours.isMissingNode() || gpuHours.asDouble() <= 1e9) && (cost.isMissingNode() || cost.asDouble() <= 1e10);
    }

    static boolean saneInference(JsonNode plan) {
      JsonNode g = plan.path("gpu_resources");
      for (String k : List.of("min_gpus_per_replica", "min_replicas", "max_replicas", "total_gpus")) {
        if (!g.path(k).isInt() || g.path(k).asInt() < 1 || g.path(k).asInt() >= 100_000) {
          return false;
        }
      }
      JsonNode c = plan.path("cost");
      for (String k : List.of("monthly_total_cost", "cost_per_million_tokens")) {
        if (!c.path(k).isMissingNode() && (!c.path(k).isNumber() || !Double.isFinite(c.path(k).asDouble()) || c.path(k).asDouble() > 1e9)) {
          return false;
        }
      }
      return true;
    }
  }
}
