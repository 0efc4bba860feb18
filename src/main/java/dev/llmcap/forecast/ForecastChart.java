package dev.llmcap.forecast;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Renders history, forecast, 80% and 95% bands and an optional budget/threshold line to a PNG,
 * headless (sets {@code java.awt.headless=true}).
 */
public final class ForecastChart {
  private final int width;
  private final int height;

  public ForecastChart() {
    this(1200, 600);
  }

  public ForecastChart(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /**
   * Writes the chart.
   *
   * @param history observed values to draw (e.g. the tail of the cleaned history)
   * @param threshold horizontal line (budget or capacity) or null for none
   * @param thresholdLabel label of that line
   */
  public void render(TimeSeries history, ForecastResult result, String title, String valueLabel,
      Double threshold, String thresholdLabel, Path png) throws ForecastException {
    System.setProperty("java.awt.headless", "true");
    org.jfree.data.time.TimeSeries hist = new org.jfree.data.time.TimeSeries("history");
    for (int i = 0; i < history.size(); i++) {
      hist.addOrUpdate(new Millisecond(Date.from(history.time(i))), history.value(i));
    }
    org.jfree.data.time.TimeSeries base = new org.jfree.data.time.TimeSeries("forecast (" + result.model() + ")");
    YIntervalSeries b95 = new YIntervalSeries("95% interval");
    YIntervalSeries b80 = new YIntervalSeries("80% interval");
    for (ForecastPoint p : result.points()) {
      long ms = p.timestamp().toEpochMilli();
      base.addOrUpdate(new Millisecond(new Date(ms)), p.baseline());
      b95.add(ms, p.baseline(), p.lower95(), p.upper95());
      b80.add(ms, p.baseline(), p.lower80(), p.upper80());
    }
    YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
    bands.addSeries(b95);
    bands.addSeries(b80);
    DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
    bandRenderer.setSeriesFillPaint(0, new Color(70, 130, 180));
    bandRenderer.setSeriesFillPaint(1, new Color(70, 130, 180));
    bandRenderer.setSeriesPaint(0, new Color(0, 0, 0, 0));
    bandRenderer.setSeriesPaint(1, new Color(0, 0, 0, 0));
    bandRenderer.setAlpha(0.25f);

    TimeSeriesCollection lines = new TimeSeriesCollection();
    lines.addSeries(hist);
    lines.addSeries(base);
    XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
    lineRenderer.setSeriesPaint(0, Color.DARK_GRAY);
    lineRenderer.setSeriesPaint(1, new Color(20, 60, 160));
    lineRenderer.setSeriesStroke(1, new BasicStroke(2f));

    DateAxis x = new DateAxis("time (UTC)");
    x.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
    NumberAxis yAxis = new NumberAxis(valueLabel);
    yAxis.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(lines, x, yAxis, lineRenderer);
    plot.setDataset(1, bands);
    plot.setRenderer(1, bandRenderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    if (threshold != null) {
      ValueMarker marker = new ValueMarker(threshold, Color.RED, new BasicStroke(1.5f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      marker.setLabel(thresholdLabel == null ? "threshold" : thresholdLabel);
      marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addRangeMarker(marker);
    }
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
    } catch (IOException e) {
      throw new ForecastException("cannot write chart " + png + ": " + e.getMessage(), e);
    }
  }
}
