package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JVM runs of the CLI in a scratch working directory: the seed config unchanged, a template, a malformed file. */
class CliSubprocessTest {
  @TempDir
  Path cwd;

  private static final Path HOME = Path.of("").toAbsolutePath();

  private record Proc(int exit, String out, String err) {}

  private Proc java(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dllmcap.home=" + HOME,
        "-cp", System.getProperty("java.class.path"), "dev.llmcap.cli.Main"));
    cmd.addAll(List.of(args));
    Path out = cwd.resolve(".stdout");
    Path err = cwd.resolve(".stderr");
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(170, TimeUnit.SECONDS)).as("finished in time").isTrue();
    Proc r = new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  @Test
  void seedConfigRunsUnchangedAndWritesItsDeclaredOutputFile() throws Exception {
    Proc r = java("--config", HOME.resolve("examples/inference_config.json").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("plan written to").contains("capacity_plan.json");
    assertThat(cwd.resolve("capacity_plan.json")).exists();
    assertThat(Files.readString(cwd.resolve("capacity_plan.json"))).contains("\"gpu_resources\"");
  }

  @Test
  void generateConfigWritesTheSeedTemplateAndAMalformedFileIsOneLineExit2() throws Exception {
    Proc gen = java("--generate-config", "inference");
    assertThat(gen.exit()).as(gen.err()).isZero();
    assertThat(cwd.resolve("inference_config.json")).hasSameBinaryContentAs(HOME.resolve("src/test/resources/seed/inference_config.json"));
    Proc again = java("--generate-config", "inference");
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("refusing to overwrite inference_config.json");

    Files.writeString(cwd.resolve("broken.json"), "{\n  \"workload\": {\n    \"requests_per_second\": 3\n  \n");
    Proc bad = java("--config", "broken.json");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err().strip().lines().toList()).singleElement().asString().matches("llmcap: broken\\.json:\\d+:\\d+: .+")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }
}
