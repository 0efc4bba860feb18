package dev.llmcap.engine;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that exercise the on-disk rule cache: each test gets an empty cache folder of its own and a
 * process with no compiled rules; afterwards the cache setting is restored and the executable model turned back on.
 */
abstract class TempRuleCacheTest {
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
    System.clearProperty("llmcap.execModel");
    RuleBase.clearProcessCache();
  }
}
