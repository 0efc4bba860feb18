package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** --format without --output prints that format to stdout even when the config names an output_file. */
class FormatWithoutOutputTest {

  @Test
  void formatFlagPrintsToStdoutAndLeavesTheConfigsOutputFileAlone() throws Exception {
    Path dir = Files.createDirectories(Path.of("target/format-without-output"));
    String outName = "target/format-without-output/plan-" + System.nanoTime() + ".json";
    Path config = dir.resolve("svc.json");
    Files.writeString(config, "{\"workload\":{\"requests_per_second\":2,\"avg_input_tokens\":300,\"avg_output_tokens\":100},"
        + "\"model\":{\"model_name\":\"llama-3.1-8b\",\"precision\":\"FP16\"},\"gpu\":{\"gpu_type\":\"L4\"},"
        + "\"options\":{\"output_file\":\"" + outName + "\",\"compare_gpus\":false}}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"--config", config.toString(), "--format", "csv"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("service_id,environment,mode,verdict");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not written");
    assertThat(Path.of(outName)).doesNotExist();

    int exit2 = Main.run(new String[] {"--config", config.toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), false);
    assertThat(exit2).isZero();
    assertThat(Path.of(outName)).exists(); // without --format the config's output_file is its declared target
  }
}
