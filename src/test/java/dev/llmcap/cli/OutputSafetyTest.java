package dev.llmcap.cli;

import dev.llmcap.testsupport.CliRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * File safety of --output and --export-autoscaling (NFR-6.2), through the real command line. Paths are relative to
 * the working directory (the project folder under Maven), inside target/.
 */
class OutputSafetyTest {
  static final String CONFIG = "src/test/resources/exports/plan-config.json";
  static final Path DIR = Path.of("target/output-safety");

  @BeforeAll
  static void clean() throws IOException {
    if (Files.exists(DIR)) {
      try (var s = Files.walk(DIR)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(DIR);
  }

  @Test
  void pathTraversalOutOfTheWorkingDirectoryIsRefused() {
    String unique = "llmcap-traversal-" + System.nanoTime();
    for (String name : List.of("../" + unique + ".json", "target/../../" + unique + ".json", "target/output-safety/../../../" + unique + ".csv")) {
      assertThatThrownBy(() -> OutputPaths.resolve(name, true)).as(name).isInstanceOf(UsageException.class)
          .hasMessageContaining("leaves the working directory");
    }
    assertThat(Path.of("..").resolve(unique + ".json")).doesNotExist();
  }

  @Test
  void symbolicLinkOutOfTheWorkingDirectoryIsRefused() throws IOException {
    Path link = DIR.resolve("outside");
    try {
      Files.createSymbolicLink(link, Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
    } catch (UnsupportedOperationException | IOException e) {
      return; // no symbolic links on this file system
    }
    assertThatThrownBy(() -> OutputPaths.resolve(DIR.resolve("outside/x.json").toString(), false))
        .hasMessageContaining("symbolic link");
  }

  @Test
  void absolutePathsAreAllowedAsAnExplicitChoice() throws Exception {
    Path abs = DIR.resolve("abs.json").toAbsolutePath();
    assertThat(OutputPaths.resolve(abs.toString(), false)).isEqualTo(abs);
  }

  @Test
  void missingFolderExistingFileAndFolderTargetAreRefused() throws Exception {
    assertThatThrownBy(() -> OutputPaths.resolve("target/output-safety/no-such-folder/x.json", true)).hasMessageContaining("does not exist");
    Path existing = Files.writeString(DIR.resolve("existing.json"), "{}");
    assertThatThrownBy(() -> OutputPaths.resolve(existing.toString(), false)).hasMessageContaining("add --force");
    assertThat(OutputPaths.resolve(existing.toString(), true)).isEqualTo(existing.toAbsolutePath());
    assertThatThrownBy(() -> OutputPaths.resolve(DIR.toString(), true)).hasMessageContaining("is a folder");
    assertThatThrownBy(() -> OutputPaths.resolve(" ", true)).hasMessageContaining("needs a file name");
  }

  @Test
  void cliRefusesUnsafeOutputsWithExitTwoAndWritesNothing() throws Exception {
    CliRun r = run("--config", CONFIG, "--output", "../escape.json");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("leaves the working directory");
    assertThat(Path.of("../escape.json")).doesNotExist();

    Files.writeString(DIR.resolve("keep.csv"), "old\n");
    r = run("--config", CONFIG, "--output", "target/output-safety/keep.csv");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("refusing to overwrite", "--force");
    assertThat(Files.readString(DIR.resolve("keep.csv"))).isEqualTo("old\n");

    r = run("--config", CONFIG, "--output", "target/output-safety/keep.csv", "--force");
    assertThat(r.code()).isEqualTo(Main.OK);
    assertThat(Files.readString(DIR.resolve("keep.csv"))).startsWith("service_id,");

    r = run("--config", CONFIG, "--export-autoscaling", "target/output-safety/missing/hpa.yaml");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("does not exist");
  }

  @Test
  void outputExtensionOrFormatPicksTheExporter() throws Exception {
    CliRun r = run("--config", CONFIG, "--output", "target/output-safety/plan.md", "--export-autoscaling", "target/output-safety/hpa.yaml");
    assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
    assertThat(Files.readString(DIR.resolve("plan.md"))).startsWith("# llmcap inference plan");
    assertThat(Files.readString(DIR.resolve("hpa.yaml"))).contains("kind: HorizontalPodAutoscaler", "kind: ScaledObject");
    assertThat(r.out()).as("the terminal still gets the report").contains("llmcap inference plan");

    r = run("--config", CONFIG, "--output", "target/output-safety/report.out()", "--format", "pdf");
    assertThat(r.code()).isEqualTo(Main.OK);
    assertThat(Files.readAllBytes(DIR.resolve("report.out()"))).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
    assertThat(listing()).noneMatch(n -> n.endsWith(".tmp"));

    r = run("--config", CONFIG, "--format", "pdf");
    assertThat(r.code()).as("no PDF bytes on a terminal").isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("--output FILE.pdf");

    r = run("--config", CONFIG, "--format", "docx");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("json|yaml|csv|md|pdf|text|k8s");
  }

  @Test
  void pipedOutputOfARealProcessHasNoAnsiCodes() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--config", CONFIG));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    assertThat(text).startsWith("llmcap inference plan for chat-api  [OK]").doesNotContain("\u001b");
  }

  private static List<String> listing() throws IOException {
    try (var s = Files.list(DIR)) {
      return s.map(x -> x.getFileName().toString()).toList();
    }
  }


  private static CliRun run(String... args) {
    return CliRun.of(true, args);
  }
}
