package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * `llmcap validate --training` scores the training rules against published runs (MosaicML llm-foundry tables, NVIDIA NeMo
 * FP8 tables, Llama 2 model-card GPU-hours; src/test/resources/calibration/training.csv): median |error| of tokens/s per
 * GPU must stay within 15%.
 */
class ValidateTrainingTest {

  @Test
  void trainingAccuracyIsReportedAndWithinFifteenPercent() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"validate", "--training", "src/test/resources/calibration/training.csv"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    Matcher m = Pattern.compile("median absolute error of tokens/s per GPU: ([0-9.]+)% over (\\d+) rows").matcher(text);
    assertThat(m.find()).as(text).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(15.0);
    assertThat(Integer.parseInt(m.group(2))).isGreaterThanOrEqualTo(30);
  }

  @Test
  void csvHasOneRowPerTrainingRunWithTheScoredMetric() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"validate", "--training", "src/test/resources/calibration/training.csv", "--format", "csv"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(exit).isZero();
    assertThat(lines[0]).isEqualTo("id,metric,predicted,measured,error_pct,bound,skipped");
    assertThat(lines).anyMatch(l -> l.startsWith("TRN031,tokens_per_s_per_gpu,"));
    // a model card's GPU-hour total is scored as GPU-hours, a paper's MFU at its layout as MFU
    assertThat(lines).anyMatch(l -> l.startsWith("TRN001,gpu_hours,") && !l.endsWith(",\"\""));
    assertThat(lines).anyMatch(l -> l.startsWith("TRN101,mfu,"));
  }

  @Test
  void missingFileIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"validate", "--training", "no-such.csv"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-such.csv: file not found");
  }
}
