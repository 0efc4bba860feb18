package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.export.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk cache of compiled rules gives the same plans as a fresh compilation, and a corrupt cache is ignored. */
class CompiledRuleCacheTest {

  @Test
  void cachedRulesPlanExactlyLikeCompiledRules(@TempDir Path cache) throws Exception {
    String before = System.getProperty("llmcap.cache");
    System.setProperty("llmcap.cache", cache.toString());
    try {
      RuleBase.clearProcessCache();
      LLMForecastEngine compiled = new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of());
      String a = PlanJson.write(compiled.plan(Engines.request("llama-3.1-8b", "FP16", "L40S", 4, 700, 150)));
      try (Stream<Path> files = Files.list(cache)) {
        assertThat(files.filter(f -> f.toString().endsWith(".kpkg")).count()).isEqualTo(1);
      }
      RuleBase.clearProcessCache();
      LLMForecastEngine cached = new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of());
      String b = PlanJson.write(cached.plan(Engines.request("llama-3.1-8b", "FP16", "L40S", 4, 700, 150)));
      assertThat(b).isEqualTo(a);

      try (Stream<Path> files = Files.list(cache)) {
        Path f = files.filter(p -> p.toString().endsWith(".kpkg")).findFirst().orElseThrow();
        Files.write(f, new byte[] {1, 2, 3});
      }
      RuleBase.clearProcessCache();
      LLMForecastEngine recovered = new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of());
      String c = PlanJson.write(recovered.plan(Engines.request("llama-3.1-8b", "FP16", "L40S", 4, 700, 150)));
      assertThat(c).isEqualTo(a);
    } finally {
      if (before == null) {
        System.clearProperty("llmcap.cache");
      } else {
        System.setProperty("llmcap.cache", before);
      }
    }
  }
}
