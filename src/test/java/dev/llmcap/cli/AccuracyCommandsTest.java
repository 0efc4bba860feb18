package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate and calibrate through Main.run: formats, skipped rows, exit codes and the overwrite guard. */
class AccuracyCommandsTest {
  @TempDir
  Path tmp;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    outBytes.reset();
    errBytes.reset();
    return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8), false);
  }

  private String out() { return outBytes.toString(StandardCharsets.UTF_8); }
  private String err() { return errBytes.toString(StandardCharsets.UTF_8); }

  /** A few rows of the calibration data plus one row that cannot be mapped. */
  private Path sample() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/calibration/inference.csv"));
    List<String> keep = lines.stream().skip(1)
        .filter(l -> l.startsWith("INF0003,") || l.startsWith("INF0803,") || l.startsWith("INF0807,") || l.startsWith("INF0772,"))
        .collect(Collectors.toList());
    keep.add(0, lines.get(0));
    keep.add("X1,Some-Model,,FP16,,TPU-v9,1,1,1,x,,offline,128,128,max,inf,system,100,,,,,,made up,,,");
    Path f = tmp.resolve("sample.csv");
    Files.write(f, keep);
    return f;
  }

  @Test
  void validateWritesOneCsvRowPerMetricAndListsSkippedRows() throws Exception {
    int code = run("validate", "--measurements", sample().toString(), "--format", "csv");
    assertThat(code).isEqualTo(0);
    String[] lines = out().split("\n");
    assertThat(lines[0]).startsWith("id,").contains("metric", "predicted", "measured", "error_pct", "bound", "skipped");
    assertThat(out()).contains("INF0003,TensorRT-LLM,offline,H100-80GB,llama-3.1-8b,Hopper:FP8,output_tok_s,");
    assertThat(out()).contains("INF0803,").contains(",ttft_ms,").contains(",itl_ms,");
    assertThat(out()).contains("INF0772,").containsPattern("X1,+.*GPU 'TPU-v9' is not in the GPU catalog");
  }

  @Test
  void validateTextHasSummaryAndJsonParses() throws Exception {
    Path f = sample();
    assertThat(run("validate", "--measurements", f.toString())).isEqualTo(0);
    assertThat(out()).contains("summary: absolute % error").contains("skipped rows: 1");
    assertThat(run("validate", "--measurements", f.toString(), "--format", "json")).isEqualTo(0);
    var root = dev.llmcap.config.Json.mapper().readTree(out());
    assertThat(root.path("scores").size()).isEqualTo(8);
    assertThat(root.path("skipped").get(0).path("id").asText()).isEqualTo("X1");
  }

  @Test
  void badInputExitsTwo() throws Exception {
    assertThat(run("validate", "--measurements", tmp.resolve("missing.csv").toString())).isEqualTo(2);
    assertThat(err()).contains("not found");
    Path noCols = tmp.resolve("bad.csv");
    Files.writeString(noCols, "id,model\nA,llama-3.1-8b\n");
    assertThat(run("validate", "--measurements", noCols.toString())).isEqualTo(2);
    assertThat(err()).contains("missing required column");
    assertThat(run("validate")).isEqualTo(2);
    assertThat(run("validate", "--measurements", sample().toString(), "--format", "xml")).isEqualTo(2);
  }

  @Test
  void calibrateWritesOverridesAndRefusesToOverwrite() throws Exception {
    Path target = tmp.resolve("cal.json");
    Files.writeString(target, "[]");
    assertThat(run("calibrate", "--measurements", sample().toString(), "--out", target.toString())).isEqualTo(2);
    assertThat(err()).contains("--force");
    assertThat(Files.readString(target)).isEqualTo("[]");

    Path one = tmp.resolve("one.csv");
    List<String> lines = Files.readAllLines(sample());
    Files.write(one, List.of(lines.get(0), lines.get(1)));
    assertThat(run("calibrate", "--measurements", one.toString(), "--out", target.toString(), "--force", "--max-evaluations", "12")).isEqualTo(0);
    assertThat(out()).contains("msle before").contains("mean squared log error");
    var written = dev.llmcap.config.Json.mapper().readTree(target.toFile());
    assertThat(written.isArray()).isTrue();
    assertThat(written.get(0).path("name").asText()).isEqualTo("mbu_decode@Hopper:FP8");
    assertThat(written.get(0).path("source").asText()).contains("one.csv");
  }

  /** calibrate on one thread and on several writes the same file; off a terminal stderr carries no progress bar, stdout only the report. */
  @Test
  void calibrateIsTheSameOnAnyThreadCountAndQuietOffATerminal() throws Exception {
    Path one = tmp.resolve("one.csv");
    List<String> lines = Files.readAllLines(sample());
    Files.write(one, List.of(lines.get(0), lines.get(1)));
    Path single = tmp.resolve("single.json");
    Path several = tmp.resolve("several.json");
    assertThat(run("calibrate", "--measurements", one.toString(), "--out", single.toString(), "--max-evaluations", "12", "--threads", "1"))
        .isEqualTo(0);
    String reportSingle = out();
    assertThat(run("calibrate", "--measurements", one.toString(), "--out", several.toString(), "--max-evaluations", "12", "--threads", "3"))
        .isEqualTo(0);
    assertThat(Files.readString(several)).isEqualTo(Files.readString(single));
    assertThat(out()).isEqualTo(reportSingle).startsWith("group ");
    assertThat(err().strip().split("\n")).singleElement().asString().startsWith("llmcap calibrate: ").contains("written to");
    assertThat(run("calibrate", "--measurements", one.toString(), "--out", several.toString(), "--force", "--threads", "0")).isEqualTo(2);
    assertThat(err()).contains("--threads must be a whole number from 1 to 1024 (got '0')");
    assertThat(run("calibrate", "--measurements", one.toString(), "--out", several.toString(), "--force", "--max-evaluations", "5")).isEqualTo(2);
    assertThat(err()).contains("--max-evaluations must be a whole number of at least 10 (got '5')");
    assertThat(run("calibrate", "--measurements", one.toString(), "--out", several.toString(), "--force", "--max-evaluations", "lots")).isEqualTo(2);
    assertThat(err()).contains("--max-evaluations must be a whole number of at least 10 (got 'lots')");
  }
}
