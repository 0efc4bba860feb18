package dev.llmcap.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar draws only when enabled and only after the first second; it clears its line when done (progressbar library). */
class ProgressTest {
  @Test
  void silentWhenDisabledOrShort() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Progress p = Progress.start(err, 10, "plans", false)) {
      p.step();
      Thread.sleep(1300);
    }
    try (Progress p = Progress.start(err, 10, "plans", true)) {
      p.step();
    }
    assertThat(bytes.size()).isZero();
  }

  @Test
  void drawsRateAndEtaAfterASecondWhenEnabled() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Progress p = Progress.start(err, 10, "plans", true)) {
      for (int i = 0; i < 5; i++) {
        p.step();
      }
      Thread.sleep(1500);
    }
    String s = bytes.toString(StandardCharsets.UTF_8);
    assertThat(s).contains("llmcap  50% [").contains("5/10 plans").contains("plans/s");
  }
}
