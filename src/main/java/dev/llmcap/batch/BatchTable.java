package dev.llmcap.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.llmcap.model.LLMCapacityPlan;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch results table: one row per config with its source, swept values, status and error, then the key plan
 * figures (unit-suffixed column names). Writes CSV, JSONL or a JSON array. All flattening of a plan into columns is
 * here, so it can later delegate to a shared exporter.
 */
public final class BatchTable {
  /** Plan columns after source, sweep_*, status and error. */
  public static final List<String> PLAN_COLUMNS = List.of("gpu", "gpus_per_replica", "min_replicas", "max_replicas",
      "total_gpus", "ttft_p50_ms", "ttft_p99_ms", "itl_ms", "meets_sla", "monthly_gpu_cost_usd", "monthly_total_cost_usd",
      "cost_per_million_tokens_usd");

  /** Column after error: why a planned row is not ok (sla_miss or infeasible), from the rules' verdict. */
  public static final String REASON = "reason";

  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchTable() {}

  /** Column names, in order, for a sweep. */
  public static List<String> columns(Sweep sweep) {
    List<String> cols = new ArrayList<>();
    cols.add("source");
    cols.addAll(sweep.columns());
    cols.add("status");
    cols.add("error");
    cols.add(REASON);
    cols.addAll(PLAN_COLUMNS);
    return cols;
  }

  /** One row as column to value (null where the plan has no value). */
  public static Map<String, Object> flatten(BatchRow row, Sweep sweep) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", row.source());
    List<String> sweepCols = sweep.columns();
    for (int i = 0; i < sweepCols.size(); i++) {
      m.put(sweepCols.get(i), row.sweepValues().get(i));
    }
    m.put("status", row.status());
    m.put("error", row.error());
    m.putAll(row.fields());
    return m;
  }

  /** The key figures of a plan under their column names (all null without a plan). */
  public static Map<String, Object> planFields(LLMCapacityPlan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    PLAN_COLUMNS.forEach(c -> m.put(c, null));
    if (p == null) {
      return m;
    }
    if (p.gpuResources() != null) {
      m.put("gpu", p.gpuResources().recommendedGpuType());
      m.put("gpus_per_replica", p.gpuResources().minGpusPerReplica());
      m.put("min_replicas", p.gpuResources().minReplicas());
      m.put("max_replicas", p.gpuResources().maxReplicas());
      m.put("total_gpus", p.gpuResources().totalGpus());
    }
    if (p.throughput() != null) {
      m.put("ttft_p50_ms", p.throughput().ttftP50Ms());
      m.put("ttft_p99_ms", p.throughput().ttftP99Ms());
      m.put("itl_ms", p.throughput().estimatedItlMs());
      m.put("meets_sla", p.throughput().meetsLatencySla());
    }
    if (p.cost() != null) {
      m.put("monthly_gpu_cost_usd", p.cost().monthlyGpuCost());
      m.put("monthly_total_cost_usd", p.cost().monthlyTotalCost());
      m.put("cost_per_million_tokens_usd", p.cost().costPerMillionTokens());
    }
    return m;
  }

  /** Renders rows as csv, jsonl or json. */
  public static String render(String format, List<String> columns, List<Map<String, Object>> rows) {
    switch (format) {
      case "csv": return csv(columns, rows);
      case "jsonl": return jsonl(rows);
      case "json": return json(rows);
      default: throw new IllegalArgumentException("unknown table format " + format);
    }
  }

  /** CSV with a header; numbers in plain notation, empty cells for absent values. */
  public static String csv(List<String> columns, List<Map<String, Object>> rows) {
    CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
    columns.forEach(b::addColumn);
    List<Map<String, String>> cells = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      Map<String, String> c = new LinkedHashMap<>();
      for (String col : columns) {
        c.put(col, text(r.get(col)));
      }
      cells.add(c);
    }
    try {
      return CSV.writer(b.build()).writeValueAsString(cells);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One JSON object per line. */
  public static String jsonl(List<Map<String, Object>> rows) {
    StringBuilder sb = new StringBuilder();
    try {
      for (Map<String, Object> r : rows) {
        sb.append(JSON.writeValueAsString(r)).append('\n');
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  /** A pretty-printed JSON array. */
  public static String json(List<Map<String, Object>> rows) {
    try {
      return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes rows one at a time in csv, jsonl or json (the same bytes {@link #render} gives for the whole list), so a
   * batch never holds its table in memory.
   */
  public static final class RowWriter implements AutoCloseable {
    private final String format;
    private final List<String> columns;
    private final java.io.Writer out;
    private final com.fasterxml.jackson.databind.ObjectWriter csvRow;
    private com.fasterxml.jackson.databind.SequenceWriter jsonArray;
    private long rows;

    public RowWriter(String format, List<String> columns, java.io.OutputStream out) throws java.io.IOException {
      if (!List.of("csv", "jsonl", "json").contains(format)) {
        throw new IllegalArgumentException("unknown table format " + format);
      }
      this.format = format;
      this.columns = columns;
      this.out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
      CsvSchema.Builder b = CsvSchema.builder().setUseHeader(false).setLineSeparator("\n");
      columns.forEach(b::addColumn);
      this.csvRow = CSV.writer(b.build());
      if ("csv".equals(format)) {
        this.out.write(CSV.writer(b.setUseHeader(true).build()).writeValueAsString(List.of()));
      } else if ("json".equals(format)) {
        jsonArray = JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValuesAsArray(new NonClosing(this.out));
      }
    }

    /** Writes one row. */
    public void write(Map<String, Object> row) throws java.io.IOException {
      rows++;
      switch (format) {
        case "csv": {
          Map<String, String> c = new LinkedHashMap<>();
          for (String col : columns) {
            c.put(col, text(row.get(col)));
          }
          out.write(csvRow.writeValueAsString(c));
          break;
        }
        case "jsonl":
          out.write(JSON.writeValueAsString(row));
          out.write('\n');
          break;
        default:
          jsonArray.write(row);
      }
    }

    /** Ends the table (the JSON array's closing bracket) and flushes; the stream is left open. */
    @Override
    public void close() throws java.io.IOException {
      if (jsonArray != null) {
        jsonArray.close();
        out.write('\n');
      }
      out.flush();
    }
  }

  /** A writer whose close only flushes (the table's stream belongs to its caller). */
  private static final class NonClosing extends java.io.FilterWriter {
    NonClosing(java.io.Writer w) {
      super(w);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }

  /** A cell's text: plain decimal notation for numbers, empty for null. */
  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return "";
      }
      String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
      return s.equals("-0") ? "0" : s;
    }
    return v.toString();
  }
}
