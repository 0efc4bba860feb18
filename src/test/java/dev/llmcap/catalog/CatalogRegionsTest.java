package dev.llmcap.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcap.engine.Workspace;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The regions of a cloud are worked out once per catalog: the same answer as a scan of the price rows, read-only. */
class CatalogRegionsTest {
  private static SortedSet<String> scan(Catalog c, String cloud) {
    SortedSet<String> out = new TreeSet<>();
    for (GpuSpec g : c.gpus()) {
      for (GpuPrice p : g.getPrices()) {
        if (p.getCloud() != null && p.getCloud().equalsIgnoreCase(cloud)) {
          out.add(p.getRegion());
        }
      }
    }
    return out;
  }

  @Test
  void rememberedRegionsEqualAScanOfThePriceRowsOnEveryCall() throws Exception {
    Workspace w = Workspace.fromEnvironment();
    Catalog c = Catalog.load(w.gpuCatalog(), w.modelCatalog());
    for (String cloud : new String[] {"aws", "gcp", "azure", "AWS", "nowhere"}) {
      SortedSet<String> first = c.regions(cloud);
      assertThat(first).as(cloud).containsExactlyElementsOf(scan(c, cloud));
      assertThat(c.regions(cloud)).as(cloud + ", asked again").containsExactlyElementsOf(first);
    }
    assertThat(c.regions("aws")).isNotEmpty();
    assertThat(c.regions(null)).isEmpty();
    assertThatThrownBy(() -> c.regions("aws").add("made-up-1")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(c.regions("aws")).doesNotContain("made-up-1");
  }

  @Test
  void manyUnknownCloudsGetTheRightAnswerWithoutGrowingTheMemory() throws Exception {
    Workspace w = Workspace.fromEnvironment();
    Catalog c = Catalog.load(w.gpuCatalog(), w.modelCatalog());
    for (int i = 0; i < 200; i++) {
      assertThat(c.regions("cloud-" + i)).isEmpty();
    }
    assertThat(c.rememberedClouds()).isLessThanOrEqualTo(16);
    assertThat(c.regions("gcp")).containsExactlyElementsOf(scan(c, "gcp"));
  }
}
