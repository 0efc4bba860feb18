package dev.llmcap.cli;

import dev.llmcap.testsupport.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, items 6 and 9: only regular files are replaced; devices, FIFOs, symbolic links, folders and the input config
 * are refused with a clear message; '-' is standard output; stale temporary files go; PDFs are byte-identical.
 */
class SafeOutputsTest {
  private static final Path DIR = Path.of("target/safe-outputs");
  private static final String[] PLAN = {"--rps", "1", "--input-tokens", "100", "--output-tokens", "100", "--model", "llama-3.1-8b",
      "--gpu-type", "L4", "--no-compare", "--no-trace"};


  private static CliRun run(String... extra) {
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(PLAN), java.util.Arrays.stream(extra)).toArray(String[]::new);
    return CliRun.of(args);
  }

  @Test
  void devicesFifosSymlinksAndFoldersAreRefusedAndLeftAlone() throws Exception {
    Files.createDirectories(DIR);
    if (Files.exists(Path.of("/dev/full"))) {
      CliRun r = run("--output", "/dev/full", "--force");
      assertThat(r.code()).isEqualTo(Main.USAGE);
      assertThat(r.err()).contains("refusing to write /dev/full: it is not a regular file");
      assertThat(Files.isRegularFile(Path.of("/dev/full"))).isFalse();
    }
    Path fifo = DIR.resolve("pipe");
    Files.deleteIfExists(fifo);
    if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
      CliRun r = run("--output", fifo.toString(), "--force");
      assertThat(r.err()).contains("not a regular file");
      assertThat(Files.isRegularFile(fifo)).isFalse();
    }
    Path target = Files.writeString(DIR.resolve("real.json"), "keep");
    Path link = DIR.resolve("link.json");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, target.getFileName());
    CliRun r = run("--output", link.toString(), "--force");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("it is a symbolic link");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("keep");
    assertThat(run("--output", ".").err()).contains("refusing to write .: it is a folder");
    assertThat(run("--output", "/").err()).contains("refusing to write /: it is a folder").doesNotContain("null");
  }

  @Test
  void theInputConfigIsNeverOverwrittenByItsOwnOutputFile() throws Exception {
    Files.createDirectories(DIR);
    Path config = DIR.resolve("self.json").toAbsolutePath();
    String text = "{\"workload\":{\"requests_per_second\":1,\"avg_input_tokens\":100,\"avg_output_tokens\":100},"
        + "\"model\":{\"model_name\":\"llama-3.1-8b\"},\"options\":{\"output_file\":\"" + config + "\"}}";
    Files.writeString(config, text);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--config", config.toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("it is the input config itself");
    assertThat(Files.readString(config)).isEqualTo(text);
  }

  @Test
  void dashIsStandardOutput() {
    CliRun r = run("--output", "-", "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
    assertThat(r.out()).startsWith("{");
    assertThat(Path.of("-")).doesNotExist();
  }

  @Test
  void staleTemporaryFilesOfATargetAreRemovedAtTheNextWrite() throws Exception {
    Files.createDirectories(DIR);
    Path stale = Files.writeString(DIR.resolve(".plan-out.json.12345.tmp"), "half a plan");
    Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    CliRun r = run("--output", DIR.resolve("plan-out.json").toString(), "--force");
    assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
    assertThat(stale).doesNotExist();
  }

  @Test
  void pdfOutputIsByteIdenticalAcrossRuns() throws Exception {
    Files.createDirectories(DIR);
    assertThat(run("--output", DIR.resolve("a.pdf").toString(), "--force").code()).isEqualTo(Main.OK);
    assertThat(run("--output", DIR.resolve("b.pdf").toString(), "--force").code()).isEqualTo(Main.OK);
    assertThat(Files.readAllBytes(DIR.resolve("a.pdf"))).isEqualTo(Files.readAllBytes(DIR.resolve("b.pdf")));
    assertThat(new String(Files.readAllBytes(DIR.resolve("a.pdf")), StandardCharsets.ISO_8859_1)).doesNotContain("llmcap-pdf-id");
  }

  @Test
  void aSweepOfABillionCombinationsIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"batch", "examples", "--sweep", "rps=1,2,3,4,5,6,7,8,9,10", "--sweep", "input-tokens=1,2,3,4,5,6,7,8,9,10",
        "--sweep", "output-tokens=1,2,3,4,5,6,7,8,9,10", "--sweep", "p99-ms=1,2,3,4,5,6,7,8,9,10", "--sweep", "p50-ms=1,2,3,4,5,6,7,8,9,10",
        "--sweep", "itl-ms=1,2,3,4,5,6,7,8,9,10", "--sweep", "context-window=1,2,3,4,5,6,7,8,9,10", "--sweep", "batch-size=1,2,3,4,5,6,7,8,9,10",
        "--sweep", "concurrency=1,2,3,4,5,6,7,8,9,10"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false);
    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("1000000000 combinations per config; at most 1000000");
  }

  @Test
  void aFailedWriteToStandardOutputExitsOneWithAMessage() throws Exception {
    if (!Files.exists(Path.of("/dev/full"))) {
      return;
    }
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(java.util.List.of(PLAN));
    cmd.addAll(java.util.List.of("--format", "json"));
    Process p = new ProcessBuilder(cmd).redirectOutput(new java.io.File("/dev/full")).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(Main.FAILED);
    assertThat(err).contains("cannot write the result to standard output").doesNotContain("\tat ");
  }
}
