package dev.llmcap.batch;

import static dev.llmcap.batch.BatchTestSupport.config;
import static dev.llmcap.batch.BatchTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real process: results on stdout only, summary on stderr, no progress bar in a pipe, exit code 1 for a failed row. */
class BatchSubprocessTest {
  @TempDir
  Path dir;

  @Test
  void pipedBatchKeepsStdoutCleanAndExitsOneOnAnErrorRow() throws Exception {
    Path in = write(dir.resolve("in.jsonl"), config("llama-3.1-8b", "FP16", 2, "L4") + "\n{oops\n");
    Path out = dir.resolve("stdout.csv");
    Path err = dir.resolve("stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        "-Dllmcap.home=" + Path.of("").toAbsolutePath(), "dev.llmcap.cli.Main", "batch", in.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    List<String> rows = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).startsWith("source,status,error,");
    assertThat(rows.get(1)).startsWith(in + ":1,");
    assertThat(rows.get(2)).startsWith(in + ":2,error,");
    String log = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(log).contains("2 configs in, 2 rows out").doesNotContain("\r").doesNotContain("Exception");
  }
}
