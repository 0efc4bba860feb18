package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcap.export.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the compiled rules ahead of need (RuleBase.warmUp, what a plan command starts while it parses its input): it
 * reads a warm cache without compiling, compiles nothing on a cold one (the plan compiles as before), leaves a bad folder
 * for the plan to report, and the plan after it is the same as without it.
 */
class RuleReadAheadTest {
  private static final Path RULES = Path.of("rules");
  @TempDir Path cache;
  private String before;

  @BeforeEach
  void useTempCache() {
    before = System.getProperty("llmcap.cache");
    System.setProperty("llmcap.cache", cache.toString());
    RuleBase.clearProcessCache();
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty("llmcap.cache");
    } else {
      System.setProperty("llmcap.cache", before);
    }
    RuleBase.clearProcessCache();
  }

  private static String plan() throws Exception {
    LLMForecastEngine engine = new LLMForecastEngine(Workspace.under(Path.of(".")).withRules(RULES), Map.of());
    return PlanJson.write(engine.plan(Engines.request("llama-3.1-70b", "FP8", "H100-80GB", 12, 1200, 250)));
  }

  private long cacheFiles() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(p -> p.toString().endsWith(".kpkg")).count();
    }
  }

  @Test
  void aWarmCacheIsReadAheadAndThePlanIsTheSame() throws Exception {
    String plain = plan(); // compiles and fills the on-disk cache
    RuleBase.clearProcessCache();
    RuleBase.ReadAhead ahead = RuleBase.warmUp(RULES);
    ahead.accept(LLMForecastEngine.INFERENCE_RULES);
    ahead.await();
    assertThat(RuleBase.LAST_COMPILE).as("read from the cache, nothing compiled").isEmpty();
    assertThat(plan()).isEqualTo(plain);
    assertThat(RuleBase.LAST_COMPILE).isEmpty();
  }

  @Test
  void aColdCacheIsNotCompiledAheadThePlanCompilesIt() throws Exception {
    RuleBase.ReadAhead ahead = RuleBase.warmUp(RULES);
    ahead.accept(LLMForecastEngine.INFERENCE_RULES);
    ahead.await();
    assertThat(RuleBase.LAST_COMPILE).isEmpty();
    assertThat(cacheFiles()).isZero();
    String planned = plan();
    assertThat(RuleBase.LAST_COMPILE).containsEntry(LLMForecastEngine.INFERENCE_RULES, "whole");
    RuleBase.clearProcessCache();
    assertThat(plan()).isEqualTo(planned);
  }

  @Test
  void aReaderToldNoPackageStopsAndLoadStillWorks() throws Exception {
    String plain = plan();
    RuleBase.clearProcessCache();
    RuleBase.ReadAhead ahead = RuleBase.warmUp(RULES);
    ahead.accept(null);
    ahead.await();
    assertThat(plan()).isEqualTo(plain);
  }

  @Test
  void aMissingFolderIsLeftForTheLoadToReport() {
    Path missing = cache.resolve("no-such-rules");
    RuleBase.ReadAhead ahead = RuleBase.warmUp(missing);
    ahead.accept(LLMForecastEngine.INFERENCE_RULES);
    ahead.await();
    assertThatThrownBy(() -> RuleBase.load(missing)).isInstanceOf(RuleSetException.class)
        .hasMessageContaining("rules folder not found");
  }
}
