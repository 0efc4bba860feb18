package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.config.ConfigLoader;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.PlanRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive flow on JLine's test terminal with scripted keystrokes. */
class InteractiveSessionTest {
  @TempDir
  Path dir;

  private record Session(int exit, String screen) {}

  /** A test terminal with the signal characters a real tty has (isig; intr ^C, quit, susp, dsusp, status). */
  private static Terminal terminal(java.io.InputStream in, ByteArrayOutputStream screen) throws IOException {
    Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB, in, screen, StandardCharsets.UTF_8);
    Attributes a = t.getAttributes();
    a.setControlChar(Attributes.ControlChar.VINTR, 3);
    // the other signal characters a tty defines (unset they are -1, which would match end of input)
    a.setControlChar(Attributes.ControlChar.VQUIT, 28);
    a.setControlChar(Attributes.ControlChar.VSUSP, 26);
    a.setControlChar(Attributes.ControlChar.VDSUSP, 25);
    a.setControlChar(Attributes.ControlChar.VSTATUS, 20);
    a.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    t.setAttributes(a);
    return t;
  }

  private static Session type(String keys) throws IOException {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal t = terminal(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen)) {
      int exit = new InteractiveSession(t, Workspace.fromEnvironment()).run();
      t.flush();
      return new Session(exit, screen.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void commonWorkloadWithAnInvalidAnswerAndHelpPlansAndSavesPlanAndConfig() throws Exception {
    Path plan = dir.resolve("plan.json");
    Path config = dir.resolve("svc.json");
    Session s = type(String.join("\n",
        "",                 // mode: inference
        "llama-3.1-8c",     // typo: not in the catalog
        "llama-3.1-8b",
        "fp8",
        "-3",               // invalid rps
        "?",                // explain the question
        "4",
        "",                 // input tokens: default 500
        "300",
        "L4",
        "800",
        "",                 // cloud: default
        plan.toString(),
        config.toString(),
        ""));
    assertThat(s.exit()).as(s.screen()).isZero();
    assertThat(s.screen())
        .contains("[1/9] Plan for inference (serving) or training, e.g. inference [inference]: ")
        .contains("  model.model_name 'llama-3.1-8c' is not in the model catalog; did you mean 'llama-3.1-8b'?")
        .contains("  workload.requests_per_second must be > 0 (got -3)")
        .contains("  Mean request rate over the busy period")
        .contains("llmcap inference plan")
        .contains("wrote " + plan)
        .contains("next time: llmcap --config " + config);
    assertThat(s.screen()).doesNotContain("Exception");
    assertThat(Files.readString(plan)).contains("\"gpu_resources\"");
    assertThat(Files.readString(config)).startsWith("{\n  \"mode\": \"inference\",\n  \"workload\": {\n    \"requests_per_second\": 4,");
    PlanRequest again = new ConfigLoader().load(config).toRequest();
    assertThat(again.getModel().getModelName()).isEqualTo("llama-3.1-8b");
    assertThat(again.getModel().getPrecision()).isEqualTo("FP8");
    assertThat(again.getWorkload().getRequestsPerSecond()).isEqualTo(4.0);
    assertThat(again.getWorkload().getAvgInputTokens()).isEqualTo(500);
    assertThat(again.getGpu().getGpuType()).isEqualTo("L4");
    assertThat(again.getModel().getTargetLatencyP99Ms()).isEqualTo(800.0);
  }

  @Test
  void trainingIsPlannedWithTheSeedsQuestionsTheSameValidationAndSaving() throws Exception {
    Path plan = dir.resolve("training_plan.json");
    Path config = dir.resolve("lora.json");
    Session s = type(String.join("\n",
        "training",
        "lora",            // method
        "llama-3.1-8b",    // model
        "",                // weight precision: BF16
        "-5",              // invalid dataset size
        "200000000",
        "4096",            // sequence length
        "2",               // epochs
        "32",              // global batch
        "Adamw",           // optimizer (case-insensitive, canonicalised by the schema)
        "maybe",           // not yes/no
        "yes",
        "",                // training precision: BF16
        "H100",            // GPU by alias
        "",                // cloud: default
        plan.toString(),
        config.toString(),
        ""));
    assertThat(s.exit()).as(s.screen()).isZero();
    assertThat(s.screen())
        .contains("Training or fine-tuning: 12 more questions.")
        .contains("[2/13] Method: full fine-tuning, lora or qlora")
        .contains("training.dataset_size_tokens")
        .contains("training.gradient_checkpointing must be yes or no (got \"maybe\")")
        .contains("[13/13] Cloud for the price list")
        .contains("llmcap training plan")
        .contains("wrote " + plan)
        .contains("next time: llmcap --config " + config)
        .doesNotContain("Exception");
    assertThat(Files.readString(plan)).contains("\"mode\" : \"training\"");
    PlanRequest again = new ConfigLoader().load(config).toRequest();
    assertThat(again.getMode()).isEqualTo("training");
    assertThat(again.getTraining().getMethod()).isEqualTo("lora");
    assertThat(again.getTraining().getDatasetSizeTokens()).isEqualTo(200_000_000L);
    assertThat(again.getTraining().getNumEpochs()).isEqualTo(2);
    assertThat(again.getTraining().getGradientCheckpointing()).isTrue();
    assertThat(again.getGpu().getGpuType()).isEqualTo("H100-80GB");
    assertThat(again.getModel().getModelName()).isEqualTo("llama-3.1-8b");
  }

  @Test
  void theMostCommonWorkloadIsNineEntersAndFinishesWellUnderTwoMinutes() throws IOException {
    long start = System.nanoTime();
    Session s = type("\n".repeat(9) + "\n\n");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(s.exit()).as(s.screen()).isZero();
    assertThat(s.screen()).contains("[9/9] Cloud for the price list").contains("llmcap inference plan").doesNotContain("wrote ");
    assertThat(seconds).isLessThan(120);
  }

  @Test
  void ctrlDQuitsWithAGoodbyeAndExitZero() throws IOException {
    Session s = type("\nllama-3.1-8b\n");
    assertThat(s.exit()).isZero();
    assertThat(s.screen()).contains("[3/9] Weight precision").endsWith("Goodbye.\n").doesNotContain("Exception");
  }

  @Test
  void ctrlCInterruptsWithExit130() throws IOException {
    Session s = type("\nllama-3.1-8b\n\u0003");
    assertThat(s.exit()).isEqualTo(130);
    assertThat(s.screen()).contains("Interrupted; nothing was planned or saved. Goodbye.").doesNotContain("Exception");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void ctrlCOnAnOpenTerminalInterruptsTheBlockedRead() throws Exception {
    PipedOutputStream keys = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keys);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal t = terminal(in, screen)) {
      ExecutorService ex = Executors.newSingleThreadExecutor();
      try {
        Future<Integer> exit = ex.submit(() -> new InteractiveSession(t, Workspace.fromEnvironment()).run());
        keys.write("inference\n\u0003".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(130);
      } finally {
        keys.close();
        ex.shutdownNow();
      }
    }
    assertThat(screen.toString(StandardCharsets.UTF_8)).contains("[2/9] Model").contains("Goodbye.").doesNotContain("Exception");
  }

  @Test
  void noTerminalPrintsTheUsageHintAndExits2() {
    CliRun r = CliRun.of();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("no terminal").contains("llmcap --help");
  }
}
