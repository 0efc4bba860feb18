package dev.llmcap.batch;

import dev.llmcap.testsupport.CliRun;

import dev.llmcap.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared helpers of the batch tests: small configs and a Main.run wrapper that captures stdout and stderr. */
final class BatchTestSupport {
  private BatchTestSupport() {}

  /** Result of one command line: exit code, stdout, stderr. */

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /** A small valid config pinned to one GPU (fast: one candidate). */
  static String config(String model, String precision, double rps, String gpu) {
    return "{\"workload\": {\"requests_per_second\": " + rps + ", \"avg_input_tokens\": 500, \"avg_output_tokens\": 150},"
        + " \"model\": {\"model_name\": \"" + model + "\", \"precision\": \"" + precision + "\", \"target_latency_p99_ms\": 2000},"
        + " \"gpu\": {\"gpu_type\": \"" + gpu + "\"}, \"service\": {\"cloud_provider\": \"aws\"}}";
  }

  static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
