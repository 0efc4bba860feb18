package dev.llmcap.validate;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.llmcap.config.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads measured serving results from a CSV file with a header row. Unknown columns are ignored and optional ones may
 * be missing; a missing required column, an unreadable file or a malformed number is an input error naming the line.
 */
public final class MeasurementReader {
  /** Columns every measurement file must have. */
  public static final List<String> REQUIRED = List.of("id", "model", "gpu", "input_tokens", "output_tokens");

  private MeasurementReader() {}

  public static List<Measurement> read(Path file) throws InputException {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": measurements file not found");
    }
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Measurement> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(schema).readValues(file.toFile())) {
      boolean checked = false;
      while (it.hasNextValue()) {
        long line = it.getCurrentLocation() == null ? 0 : it.getCurrentLocation().getLineNr();
        Map<String, String> raw = it.nextValue();
        Map<String, String> f = new HashMap<>();
        raw.forEach((k, v) -> f.put(k.trim().toLowerCase(Locale.ROOT), v == null ? "" : v.trim()));
        if (!checked) {
          List<String> missing = new ArrayList<>();
          for (String c : REQUIRED) {
            if (!f.containsKey(c)) {
              missing.add(c);
            }
          }
          if (!missing.isEmpty()) {
            throw new InputException(file + ": missing required column(s) " + String.join(", ", missing)
                + " (expected the layout of the calibration data: id, model, params_b, precision, kv_cache_precision, gpu, gpu_count, tp, "
                + "input_tokens, output_tokens, batch_or_concurrency, metric_scope, output_tok_s, ttft_ms, itl_tpot_ms, ...)");
          }
          checked = true;
        }
        rows.add(toMeasurement(file, line, f));
      }
    } catch (IOException e) {
      throw new InputException(file + ": cannot read as CSV: " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw new InputException(file + ": no measurement rows");
    }
    return rows;
  }

  private static Measurement toMeasurement(Path file, long line, Map<String, String> f) throws InputException {
    Cells c = new Cells(file, line, f);
    return new Measurement(line, c.text("id"), c.text("model"), c.decimal("params_b"), c.text("precision"), c.text("kv_cache_precision"),
        c.text("gpu"), c.whole("gpu_count"), c.whole("tp"), c.whole("pp"), c.text("engine"), c.text("engine_version"), c.text("workload"),
        c.whole("input_tokens"), c.whole("output_tokens"), c.text("batch_or_concurrency"), c.text("metric_scope"), c.decimal("output_tok_s"),
        c.decimal("ttft_ms"), c.decimal("itl_tpot_ms"), c.text("source"), c.text("request_rate"),
        c.decimal("ttft_p50_ms"), c.decimal("ttft_p99_ms"), c.decimal("itl_p50_ms"), c.decimal("itl_p99_ms"),
        c.whole("input_tokens_p50"), c.whole("input_tokens_p99"), c.whole("output_tokens_p50"), c.whole("output_tokens_p99"));
  }

  /** Typed access to the cells of one row, with errors that name the file, line and column. */
  private record Cells(Path file, long line, Map<String, String> f) {
    String text(String col) {
      String v = f.get(col);
      return v == null ? "" : v;
    }

    Double decimal(String col) throws InputException {
      String v = text(col);
      if (v.isEmpty()) {
        return null;
      }
      try {
        double d = Double.parseDouble(v);
        if (Double.isNaN(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new InputException(file + ":" + line + ": column " + col + ": expected a number, got '" + v + "'");
      }
    }

    Integer whole(String col) throws InputException {
      Double d = decimal(col);
      if (d == null) {
        return null;
      }
      if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
        throw new InputException(file + ":" + line + ": column " + col + ": expected a whole number, got '" + text(col) + "'");
      }
      return d.intValue();
    }
  }
}
