package dev.llmcap.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.model.LLMCapacityPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Golden files for every export format, from the one fixed plan config (src/test/resources/exports/plan-config.json).
 * Text formats are compared exactly; the PDF by its extracted text and by its embedded chart images.
 * Regenerate with -Dllmcap.updateGolden=true (see src/test/resources/exports/README.md).
 */
class ExportGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/exports");
  static final boolean UPDATE = Boolean.getBoolean("llmcap.updateGolden");

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml", "csv", "md", "text", "k8s"})
  void textFormatsMatchTheirGoldenFile(String format) throws Exception {
    LLMCapacityPlan plan = ExportFixture.plan();
    PlanExporter<?> e = Exporters.defaults().byFormat(format, LLMCapacityPlan.class).orElseThrow();
    String out = ExportFixture.normalise(new String(Exporters.export(e, plan, ExportContext.plain()), StandardCharsets.UTF_8));
    // the Kubernetes manifests have no extension of their own (.yaml selects the YAML plan)
    compare(e.extensions().isEmpty() ? "plan.k8s.yaml" : "plan." + e.extensions().get(0), out);
  }

  @Test
  void theExportedPlanComesFromTheExecutableModelOfTheShippedRules() throws Exception {
    assertThat(ExportFixture.inferenceRuleSource()).isEqualTo("executable model");
  }

  @Test
  void pdfTextMatchesItsGoldenFileAndEmbedsBothCharts() throws Exception {
    LLMCapacityPlan plan = ExportFixture.plan();
    byte[] pdf = new PdfExporter().export(plan, ExportContext.plain());
    assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).as("a short report (findings grew with instance, zone and latency policy)").isBetween(1, 5);
      String text = ExportFixture.normalise(new PDFTextStripper().getText(doc));
      compare("plan.pdf.txt", text);
      assertThat(text).contains("Capacity plan: chat-api", "Key figures", "Latency against load", "Monthly cost",
          "Assumptions used", "How the figures were derived", plan.headline().get(0).substring(0, 30));
      List<PDImageXObject> images = images(doc);
      assertThat(images).as("memory chart and latency chart").hasSize(2);
      assertThat(images.get(0).getWidth()).isEqualTo(PdfExporter.CHART_W * PdfExporter.SCALE);
      assertThat(images.get(0).getHeight()).isEqualTo(PdfExporter.MEMORY_H * PdfExporter.SCALE);
      assertThat(images.get(1).getWidth()).isEqualTo(PdfExporter.CHART_W * PdfExporter.SCALE);
      assertThat(images.get(1).getHeight()).isBetween(PdfExporter.MIN_LATENCY_H * PdfExporter.SCALE, PdfExporter.LATENCY_H * PdfExporter.SCALE);
      for (PDImageXObject img : images) {
        assertThat(distinctColours(img)).as("a drawn chart, not a blank image").isGreaterThan(20);
      }
    }
  }

  @Test
  void pdfChartsCanBeLookedAtAsPng() throws Exception {
    // writes the two charts and the PDF under target/ for a human look (pdftoppm target/export-golden/plan.pdf ...)
    LLMCapacityPlan plan = ExportFixture.plan();
    Path dir = Path.of("target/export-golden");
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve("plan.pdf"), new PdfExporter().export(plan, ExportContext.plain()));
    int i = 0;
    for (var chart : PdfExporter.charts(plan)) {
      Path png = dir.resolve("chart-" + (++i) + ".png");
      javax.imageio.ImageIO.write(PlanCharts.image(chart, PdfExporter.CHART_W, 250, 2), "png", png.toFile());
      assertThat(Files.size(png)).isGreaterThan(10_000);
    }
    assertThat(i).isEqualTo(2);
  }

  private static List<PDImageXObject> images(PDDocument doc) throws IOException {
    List<PDImageXObject> out = new ArrayList<>();
    for (PDPage page : doc.getPages()) {
      for (COSName n : page.getResources().getXObjectNames()) {
        if (page.getResources().getXObject(n) instanceof PDImageXObject img) {
          out.add(img);
        }
      }
    }
    return out;
  }

  private static int distinctColours(PDImageXObject img) throws IOException {
    var bi = img.getImage();
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < bi.getHeight(); y += 3) {
      for (int x = 0; x < bi.getWidth(); x += 3) {
        colours.add(bi.getRGB(x, y));
      }
    }
    return colours.size();
  }

  static void compare(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (UPDATE || !Files.exists(file)) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      if (!UPDATE) {
        throw new AssertionError("golden file " + file + " was missing and has been written; review it and rerun");
      }
      return;
    }
    assertThat(actual).as("export differs from " + file + " (regenerate with -Dllmcap.updateGolden=true if intended)")
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
