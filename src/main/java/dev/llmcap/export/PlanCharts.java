package dev.llmcap.export;

import dev.llmcap.model.LLMCapacityPlan;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts (JFreeChart, headless): memory per replica and TTFT against load, from values the rules derived. */
public final class PlanCharts {
  private static final Color WEIGHTS = new Color(0x2F5597);
  private static final Color RUNTIME = new Color(0xA5A5A5);
  private static final Color KV = new Color(0x70AD47);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);

  private PlanCharts() {}

  /** Stacked bar of one replica's GPU memory: weights, runtime (context, activations), KV cache at the recommended batch. */
  public static Optional<JFreeChart> memory(LLMCapacityPlan p) {
    var g = p.gpuResources();
    if (g.weightsGb() == null || g.runtimeGb() == null || g.kvCacheGb() == null) {
      return Optional.empty();
    }
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    String replica = g.minGpusPerReplica() + " x " + g.recommendedGpuType();
    d.addValue(g.weightsGb(), "weights", "replica");
    d.addValue(g.runtimeGb(), "runtime (context, activations)", "replica");
    d.addValue(g.kvCacheGb(), "KV cache at the recommended batch", "replica");
    CategoryPlot plot = new CategoryPlot();
    plot.setDataset(d);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setDomainAxis(new org.jfree.chart.axis.CategoryAxis());
    NumberAxis gb = new NumberAxis("GB");
    plot.setRangeAxis(gb);
    StackedBarRenderer r = new StackedBarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, WEIGHTS);
    r.setSeriesPaint(1, RUNTIME);
    r.setSeriesPaint(2, KV);
    r.setMaximumBarWidth(0.38);
    r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.#",
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelPaint(Color.WHITE);
    plot.setRenderer(r);
    if (g.gpuMemoryProvisionedGb() != null) {
      ValueMarker usable = new ValueMarker(g.gpuMemoryProvisionedGb(), Color.DARK_GRAY, new BasicStroke(1.5f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
      usable.setLabel("usable " + ReportSections.n(g.gpuMemoryProvisionedGb()) + " GB");
      usable.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
      usable.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
      usable.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
      plot.addRangeMarker(usable);
      gb.setUpperMargin(0.12);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(null, TITLE, plot, true);
    chart.setTitle(new TextTitle("GPU memory of one replica (" + replica + ")", TITLE));
    chart.setBackgroundPaint(Color.WHITE);
    return Optional.of(chart);
  }

  /** TTFT P50 and P99 against load per replica (percent of its capacity), with the P99 target and the planned load marked. */
  public static Optional<JFreeChart> latency(LLMCapacityPlan p) {
    if (p.latencyVsLoad() == null || p.latencyVsLoad().isEmpty()) {
      return Optional.empty();
    }
    XYSeries p50 = new XYSeries("TTFT P50");
    XYSeries p99 = new XYSeries("TTFT P99");
    for (LLMCapacityPlan.LoadPoint pt : p.latencyVsLoad()) {
      if (pt.ttftP50Ms() != null) {
        p50.add(pt.loadPercent(), pt.ttftP50Ms());
      }
      if (pt.ttftP99Ms() != null) {
        p99.add(pt.loadPercent(), pt.ttftP99Ms());
      }
    }
    List<TextTitle> chartNotes = new java.util.ArrayList<>();
    XYSeriesCollection d = new XYSeriesCollection();
    d.addSeries(p50);
    d.addSeries(p99);
    NumberAxis x = new NumberAxis("load per replica, % of its capacity");
    x.setRange(0, 100);
    NumberAxis y = new NumberAxis("TTFT, ms");
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, WEIGHTS);
    r.setSeriesPaint(1, new Color(0xC00000));
    r.setSeriesStroke(0, new BasicStroke(3f));
    r.setSeriesStroke(1, new BasicStroke(1.5f));
    XYPlot plot = new XYPlot(d, x, y, r);
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD); // P99 drawn over P50 where they coincide
    Double target = p.modelConfig() == null ? null : p.modelConfig().getTargetLatencyP99Ms();
    if (target != null) {
      ValueMarker m = new ValueMarker(target, new Color(0xC00000), dashed());
      m.setLabel("P99 target " + ReportSections.n(target) + " ms");
      m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
      plot.addRangeMarker(m);
      y.setAutoRangeIncludesZero(true);
    }
    // keep the operating region readable: past saturation the P99 climbs by orders of magnitude; those points are clipped and named
    double planned = p.throughput().ttftP99Ms() == null ? 0 : p.throughput().ttftP99Ms();
    double top = 3 * Math.max(target == null ? 0 : target, planned);
    if (top > 0 && p99.getMaxY() > top) {
      y.setRange(0, top);
      StringBuilder off = new StringBuilder("off scale:");
      for (LLMCapacityPlan.LoadPoint pt : p.latencyVsLoad()) {
        if (pt.ttftP99Ms() != null && pt.ttftP99Ms() > top) {
          off.append(" P99 ").append(ReportSections.n(pt.ttftP99Ms())).append(" ms at ").append(pt.loadPercent()).append("%;");
        }
      }
      TextTitle note = new TextTitle(off.substring(0, off.length() - 1), new Font(Font.SANS_SERIF, Font.PLAIN, 10));
      note.setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
      note.setPaint(new Color(0xC00000));
      chartNotes.add(note);
    }
    Double util = p.throughput().utilizationAtPeak();
    if (util != null) {
      ValueMarker m = new ValueMarker(util * 100, Color.DARK_GRAY, dashed());
      m.setLabel("planned peak " + ReportSections.pct(util));
      m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      plot.addDomainMarker(m);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(null, TITLE, plot, true);
    chart.setTitle(new TextTitle("Time to first token vs load (" + p.gpuResources().recommendedGpuType() + " replica)", TITLE));
    chartNotes.forEach(chart::addSubtitle);
    chart.setBackgroundPaint(Color.WHITE);
    return Optional.of(chart);
  }

  /** Draws a chart into an image of width x height points at the given pixel scale (2 gives a sharp print). */
  public static BufferedImage image(JFreeChart chart, int width, int height, int scale) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.scale(scale, scale);
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    g.dispose();
    return img;
  }

  private static BasicStroke dashed() {
    return new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);
  }
}
