package dev.llmcap.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.engine.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The catalog's lookup key (a loop) is the key the regular expression it replaced gave, for catalog names and any text. */
class CatalogKeyTest {
  private static String byPattern(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
  }

  @Test
  void sameKeyAsThePatternForEveryCatalogNameAndForRandomText() throws Exception {
    Workspace w = Workspace.fromEnvironment();
    Catalog c = Catalog.load(w.gpuCatalog(), w.modelCatalog());
    List<String> names = new ArrayList<>(List.of("", "A100_80GB", "Llama 3.1 70B (Instruct)", "İstanbul", "ǅemal", "x\uD83D\uDE00y",
        "K\u212Aelvin", "ﬁne", "\u00DF", "MI300X.v2"));
    c.gpus().forEach(g -> { names.add(g.getId()); names.addAll(g.getAliases()); });
    c.models().forEach(m -> { names.add(m.getId()); names.addAll(m.getAliases()); if (m.getDisplayName() != null) { names.add(m.getDisplayName()); } });
    Random r = new Random(42);
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = r.nextInt(12); j > 0; j--) {
        sb.append((char) (r.nextInt(4) == 0 ? r.nextInt(0x3000) : 32 + r.nextInt(95)));
      }
      names.add(sb.toString());
    }
    for (String n : names) {
      assertThat(Catalog.key(n)).as(n).isEqualTo(byPattern(n));
    }
  }
}
