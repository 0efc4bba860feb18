package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Unix conventions of the command line, as real subprocess runs (stdin, environment and exit codes as a shell
 * sees them): --config - and merged configs, unknown output extensions, --fail-on, NO_COLOR, help for every
 * command, did-you-mean, missing inputs named, completion script loading in bash, listings, --version.
 */
class ConventionsCliTest {
  @TempDir
  Path cwd;

  private static final Path HOME = Path.of("").toAbsolutePath();
  private static final String EXAMPLE = HOME.resolve("examples/chat-service.json").toString();

  private record Proc(int exit, String out, String err) {}

  /** Runs llmcap in a JVM with the given stdin (null: /dev/null) and extra environment. */
  private Proc llmcap(byte[] stdin, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dllmcap.home=" + HOME,
        "-cp", System.getProperty("java.class.path"), "dev.llmcap.cli.Main"));
    cmd.addAll(List.of(args));
    return exec(cmd, stdin, env);
  }

  private Proc exec(List<String> cmd, byte[] stdin, Map<String, String> env) throws IOException, InterruptedException {
    Path in = cwd.resolve(".stdin");
    Files.write(in, stdin == null ? new byte[0] : stdin);
    Path out = cwd.resolve(".stdout");
    Path err = cwd.resolve(".stderr");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectInput(in.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("NO_COLOR");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(170, TimeUnit.SECONDS)).as("finished in time").isTrue();
    Proc r = new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(in);
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  private Proc llmcap(String... args) throws IOException, InterruptedException {
    return llmcap(null, Map.of(), args);
  }

  @Test
  void configDashReadsStandardInputAsJsonOrYaml() throws Exception {
    Proc json = llmcap(Files.readAllBytes(Path.of(EXAMPLE)), Map.of(), "--config", "-", "--no-compare");
    assertThat(json.exit()).as(json.err()).isZero();
    assertThat(json.out()).startsWith("llmcap inference plan for chat-assistant").contains("per replica");

    byte[] yaml = ("$schema: ../src/main/resources/schemas/inference-config.schema.json\n"
        + "workload: {requests_per_second: 3, avg_input_tokens: 400, avg_output_tokens: 150}\n"
        + "model: {model_name: llama-3.1-8b}\ngpu: {gpu_type: L4}\n").getBytes(StandardCharsets.UTF_8);
    Proc fromYaml = llmcap(yaml, Map.of(), "--config", "-", "--format", "json", "--no-trace", "--no-compare");
    assertThat(fromYaml.exit()).as(fromYaml.err()).isZero();
    JsonNode plan = Json.shared().readTree(fromYaml.out());
    assertThat(plan.path("workload_input").path("requests_per_second").asDouble()).isEqualTo(3.0);

    // - as the output is standard output too: the plan read from stdin, written to stdout, no file named "-"
    Proc through = llmcap(yaml, Map.of(), "--config", "-", "--output", "-", "--format", "yaml", "--no-trace", "--no-compare");
    assertThat(through.exit()).as(through.err()).isZero();
    assertThat(through.out()).startsWith("mode: inference\n").contains("requests_per_second: 3");
    assertThat(cwd.resolve("-")).doesNotExist();

    Proc twice = llmcap(yaml, Map.of(), "--config", "-", "--config", "-");
    assertThat(twice.exit()).isEqualTo(2);
    assertThat(twice.err()).contains("only once");
  }

  @Test
  void repeatedConfigsMergeInOrderAndExplainSaysWhichFileEachValueCameFrom() throws Exception {
    Files.writeString(cwd.resolve("more-traffic.yaml"), "workload:\n  requests_per_second: 40\n");
    Proc merged = llmcap("--config", EXAMPLE, "--config", "more-traffic.yaml", "--explain", "--no-compare");
    assertThat(merged.exit()).as(merged.err()).isZero();
    assertThat(merged.out()).containsPattern("workload\\.requests_per_second: config more-traffic\\.yaml")
        .containsPattern("workload\\.avg_input_tokens: config chat-service\\.json");
    Proc base = llmcap("--config", EXAMPLE, "--format", "json", "--no-trace", "--no-compare");
    Proc over = llmcap("--config", EXAMPLE, "--config", "more-traffic.yaml", "--format", "json", "--no-trace", "--no-compare");
    JsonNode a = Json.shared().readTree(base.out());
    JsonNode b = Json.shared().readTree(over.out());
    assertThat(b.path("workload_input").path("requests_per_second").asDouble()).isEqualTo(40.0);
    assertThat(b.path("workload_input").path("avg_input_tokens")).isEqualTo(a.path("workload_input").path("avg_input_tokens"));
    // the later file wins, so reversing the order restores the base's rate
    Proc reversed = llmcap("--config", "more-traffic.yaml", "--config", EXAMPLE, "--format", "json", "--no-trace", "--no-compare");
    assertThat(Json.shared().readTree(reversed.out()).path("workload_input").path("requests_per_second"))
        .isEqualTo(a.path("workload_input").path("requests_per_second"));
  }

  @Test
  void anUnknownOutputExtensionOrFormatIsAUsageErrorAndWritesNothing() throws Exception {
    Proc xlsx = llmcap("--config", EXAMPLE, "--output", "plan.xlsx");
    assertThat(xlsx.exit()).isEqualTo(2);
    assertThat(xlsx.err()).contains("plan.xlsx").contains("unknown extension .xlsx");
    assertThat(cwd.resolve("plan.xlsx")).doesNotExist();
    Proc format = llmcap("--config", EXAMPLE, "--format", "xlsx");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err()).contains("--format");
    assertThat(format.out()).isEmpty();
  }

  @Test
  void failOnTurnsAVerdictIntoExitOneAfterPrintingThePlan() throws Exception {
    String[] miss = {"--config", EXAMPLE, "--gpu-type", "L4", "--p99-ms", "1", "--no-compare"};
    Proc plain = llmcap(miss);
    assertThat(plain.exit()).as(plain.err()).isZero();
    String verdict = plain.out().lines().findFirst().orElse("");
    assertThat(verdict).doesNotContain("[OK]");

    List<String> gated = new ArrayList<>(List.of(miss));
    gated.addAll(List.of("--fail-on", "sla_miss"));
    Proc strict = llmcap(gated.toArray(new String[0]));
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.out()).isEqualTo(plain.out());
    assertThat(strict.err()).contains("--fail-on sla_miss");

    Proc ok = llmcap("--config", EXAMPLE, "--fail-on", "sla_miss", "--no-compare");
    assertThat(ok.exit()).as(ok.err()).isZero();
    Proc bad = llmcap("--config", EXAMPLE, "--fail-on", "warning");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("sla_miss or infeasible");
  }

  @Test
  void noColorTermDumbAndTheFlagTurnColourOffOnATerminal() throws Exception {
    String[] args = {"--config", EXAMPLE, "--no-compare"};
    assertThat(inProcess(args, true, Map.of("TERM", "xterm-256color"))).contains("\u001b[");
    assertThat(inProcess(args, true, Map.of("TERM", "xterm-256color", "NO_COLOR", "1"))).doesNotContain("\u001b[");
    assertThat(inProcess(args, true, Map.of("TERM", "dumb"))).doesNotContain("\u001b[");
    String[] flagged = {"--config", EXAMPLE, "--no-compare", "--no-color"};
    assertThat(inProcess(flagged, true, Map.of("TERM", "xterm-256color"))).doesNotContain("\u001b[");
    assertThat(inProcess(args, false, Map.of("TERM", "xterm-256color"))).doesNotContain("\u001b[");
  }

  @Test
  void noColorIsHonouredOnARealPseudoTerminal() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd = java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dllmcap.home=" + HOME + " -cp "
        + System.getProperty("java.class.path") + " dev.llmcap.cli.Main --config " + EXAMPLE + " --no-compare";
    Proc coloured = exec(List.of("/usr/bin/script", "-qec", cmd, "/dev/null"), null, Map.of("TERM", "xterm"));
    assertThat(coloured.exit()).as(coloured.err()).isZero();
    assertThat(coloured.out()).contains("\u001b[");
    Proc plain = exec(List.of("/usr/bin/script", "-qec", cmd, "/dev/null"), null, Map.of("TERM", "xterm", "NO_COLOR", "1"));
    assertThat(plain.exit()).isZero();
    assertThat(plain.out()).contains("per replica").doesNotContain("\u001b[");
  }

  private static String inProcess(String[] args, boolean tty, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), tty, new HashMap<>(env));
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsEveryCommandAndEachCommandsHelpShowsItsOwnFlags() throws Exception {
    Proc top = llmcap("--help");
    assertThat(top.exit()).isZero();
    Proc help = llmcap("help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).isEqualTo(top.out());
    for (CommandSpec c : Commands.all()) {
      assertThat(top.out()).as(c.name()).containsPattern("(?m)^  " + c.name() + " ");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code = Main.run(new String[] {"help", c.name()}, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, Map.of());
      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(code).as(c.name()).isZero();
      assertThat(text).as(c.name()).contains("usage: llmcap");
      for (Option o : c.options().get().getOptions()) {
        assertThat(text).as(c.name() + " lists --" + o.getLongOpt()).contains("--" + o.getLongOpt());
      }
    }
    Proc calibrate = llmcap("calibrate", "--help");
    assertThat(calibrate.out()).contains("--out").contains("--max-evaluations").doesNotContain("--training");
    Proc interactive = llmcap("interactive", "--help");
    assertThat(interactive.exit()).isZero();
    assertThat(interactive.out()).contains("training");
    // examples keep their indentation
    assertThat(llmcap("help", "batch").out()).containsPattern("(?m)^  llmcap batch configs/ --output fleet\\.csv$");
  }

  @Test
  void unknownFlagsAndCommandsGetTheNearestNameAndMissingInputsNameTheirFlags() throws Exception {
    Proc flag = llmcap("--rsp", "3");
    assertThat(flag.exit()).isEqualTo(2);
    assertThat(flag.err()).contains("unknown flag --rsp (did you mean --rps?)");
    Proc batchFlag = llmcap("batch", "x.json", "--thread", "2", "--sweeep", "gpu=L4");
    assertThat(batchFlag.exit()).isEqualTo(2);
    assertThat(batchFlag.err()).contains("did you mean --sweep?");
    Proc command = llmcap("plna");
    assertThat(command.exit()).isEqualTo(2);
    assertThat(command.err()).contains("did you mean 'plan'?");
    Proc missing = llmcap("--model", "llama-3.1-8b");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--rps").contains("--input-tokens").contains("--output-tokens").doesNotContain("--model");
  }

  @Test
  void theBashCompletionScriptLoadsAndCompletesCommandsAndFlags() throws Exception {
    Proc script = llmcap("completion", "bash");
    assertThat(script.exit()).isZero();
    Path file = cwd.resolve("llmcap.bash");
    Files.writeString(file, script.out());
    String probe = "source " + file + " && complete -p llmcap"
        + " && COMP_WORDS=(llmcap --rp) COMP_CWORD=1 && _llmcap && echo \"flags:${COMPREPLY[*]}\""
        + " && COMP_WORDS=(llmcap cal) COMP_CWORD=1 && _llmcap && echo \"commands:${COMPREPLY[*]}\""
        + " && COMP_WORDS=(llmcap calibrate --max) COMP_CWORD=2 && _llmcap && echo \"calibrate:${COMPREPLY[*]}\"";
    Proc bash = exec(List.of("bash", "--norc", "-c", probe), null, Map.of());
    assertThat(bash.exit()).as(bash.err()).isZero();
    assertThat(bash.err()).isEmpty();
    assertThat(bash.out()).contains("complete -o filenames -F _llmcap llmcap")
        .contains("flags:--rps").contains("commands:calibrate").contains("calibrate:--max-evaluations");
    Proc zsh = llmcap("completion", "zsh");
    assertThat(zsh.out()).startsWith("#compdef llmcap");
    assertThat(llmcap("completion", "fish").exit()).isEqualTo(2);
  }

  @Test
  void theManPageHasEveryCommandAndFlag() throws Exception {
    Proc man = llmcap("man");
    assertThat(man.exit()).isZero();
    assertThat(man.out()).startsWith(".TH LLMCAP 1");
    for (CommandSpec c : Commands.all()) {
      assertThat(man.out()).contains(".B " + c.name() + "\n");
    }
    assertThat(man.out()).contains("\\fB\\-\\-fail\\-on\\fR \\fIVERDICT\\fR");
  }

  @Test
  void listingsReadTheCatalogsAsTextAndJson() throws Exception {
    Proc gpus = llmcap("gpus");
    assertThat(gpus.exit()).as(gpus.err()).isZero();
    assertThat(gpus.out().lines().findFirst().orElse("")).startsWith("GPU ").contains("MEM GB");
    assertThat(gpus.out()).containsPattern("(?m)^H100-80GB +NVIDIA +Hopper +80 ");
    JsonNode json = Json.shared().readTree(llmcap("gpus", "--format", "json").out());
    long files;
    try (var s = Files.list(HOME.resolve("gpu-catalog"))) {
      files = s.filter(p -> p.toString().endsWith(".json")).count();
    }
    assertThat(json.size()).isEqualTo((int) files);
    JsonNode models = Json.shared().readTree(llmcap("models", "--format", "json").out());
    assertThat(models.findValuesAsText("id")).contains("llama-3.1-70b", "deepseek-v3");
    Proc clouds = llmcap("clouds");
    assertThat(clouds.out()).containsPattern("(?m)^aws +us-east-1 +\\S*on-demand");
    assertThat(llmcap("gpus", "--format", "yaml").exit()).isEqualTo(2);
  }

  @Test
  void kubernetesAlternativesCanBeWrittenOneAtATimeAndMinEqualsMaxIsWarned() throws Exception {
    String[] base = {"--model", "llama-3.1-70b", "--precision", "FP8", "--rps", "4.757", "--input-tokens", "1147",
        "--output-tokens", "260", "--peak-multiplier", "1.23", "--no-compare"};
    List<String> json = new ArrayList<>(List.of(base));
    json.addAll(List.of("--format", "json", "--no-trace"));
    JsonNode plan = Json.shared().readTree(llmcap(json.toArray(new String[0])).out());
    boolean fixed = plan.path("gpu_resources").path("min_replicas").asInt() == plan.path("gpu_resources").path("max_replicas").asInt();

    List<String> hpa = new ArrayList<>(List.of(base));
    hpa.addAll(List.of("--export-autoscaling", "hpa.yaml", "--k8s", "hpa"));
    Proc h = llmcap(hpa.toArray(new String[0]));
    assertThat(h.exit()).as(h.err()).isZero();
    assertThat(Files.readString(cwd.resolve("hpa.yaml"))).contains("kind: HorizontalPodAutoscaler").doesNotContain("kind: ScaledObject");
    assertThat(h.err()).contains("autoscaling manifests written to " + cwd.resolve("hpa.yaml"));
    assertThat(h.err().contains("min replicas = max replicas")).isEqualTo(fixed);

    List<String> keda = new ArrayList<>(List.of(base));
    keda.addAll(List.of("--format", "k8s", "--k8s", "keda"));
    Proc k = llmcap(keda.toArray(new String[0]));
    assertThat(k.exit()).as(k.err()).isZero();
    assertThat(k.out()).contains("kind: ScaledObject").doesNotContain("kind: HorizontalPodAutoscaler");

    List<String> both = new ArrayList<>(List.of(base));
    both.addAll(List.of("--format", "k8s"));
    Proc b = llmcap(both.toArray(new String[0]));
    assertThat(b.out()).contains("kind: ScaledObject").contains("kind: HorizontalPodAutoscaler");
    assertThat(b.err()).contains("two alternatives");
    assertThat(llmcap("--config", EXAMPLE, "--format", "k8s", "--k8s", "vpa").exit()).isEqualTo(2);
  }

  @Test
  void theReadmeForecastExamplesRunOnTheShippedSampleData() throws Exception {
    String readme = Files.readString(HOME.resolve("README.md"));
    List<String> commands = new ArrayList<>();
    StringBuilder current = null;
    for (String line : readme.split("\n")) {
      if (current == null && line.startsWith("./llmcap forecast ") && line.contains("examples/forecast/")) {
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line.replaceAll("\\\\$", "")).append(' ');
        if (!line.endsWith("\\")) {
          commands.add(current.toString().trim());
          current = null;
        }
      }
    }
    assertThat(commands).hasSizeGreaterThanOrEqualTo(2);
    for (String c : commands) {
      String[] words = c.substring("./llmcap ".length()).split("\\s+");
      for (int i = 0; i < words.length; i++) {
        if (words[i].startsWith("examples/")) {
          words[i] = HOME.resolve(words[i]).toString();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(words, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
          false, Map.of());
      assertThat(code).as(c + "\n" + err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).as(c).contains("per replica");
    }
  }

  @Test
  void versionComesFromTheBuildAndCalibrateNeverWritesIntoTheInstallation() throws Exception {
    Proc v = llmcap("--version");
    assertThat(v.out().trim()).matches("llmcap \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    Path measurements = HOME.resolve("src/test/resources/calibration/inference.csv");
    Proc cal = llmcap("calibrate", "--measurements", measurements.toString());
    assertThat(cal.exit()).isEqualTo(2);
    assertThat(cal.err()).contains("--out FILE.json");
    assertThat(HOME.resolve("rules/calibration.json")).doesNotExist();
  }
}
