package dev.llmcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The nearest known flag to a mistyped one. */
class DidYouMeanTest {
  private static final List<String> CALIBRATE = List.of("measurements", "rules", "out", "force", "max-evaluations", "threads");

  @Test
  void aFlagThatExtendsAKnownOneIsPointedToIt() {
    assertEquals(Optional.of("out"), DidYouMean.closest("output", CALIBRATE));
  }

  @Test
  void theSameWordsInAnotherOrderArePointedToTheKnownFlag() {
    List<String> plan = List.of("num-gpus", "gpu-type", "rps", "input-tokens");
    assertEquals(Optional.of("num-gpus"), DidYouMean.closest("gpu-count", plan));
    assertEquals(Optional.of("num-gpus"), DidYouMean.closest("gpus-number", plan));
    assertEquals(Optional.of("input-tokens"), DidYouMean.closest("tokens-input", plan));
    assertEquals(Optional.empty(), DidYouMean.closest("gpu-memory", plan));
  }

  @Test
  void typosAndPrefixesStillMatchAndStrangersDoNot() {
    assertEquals(Optional.of("measurements"), DidYouMean.closest("measurments", CALIBRATE));
    assertEquals(Optional.of("max-evaluations"), DidYouMean.closest("max-eval", CALIBRATE));
    assertEquals(Optional.empty(), DidYouMean.closest("gpu-count", CALIBRATE));
    assertEquals(Optional.empty(), DidYouMean.closest("ou", List.of("out-of-range")));
  }
}
