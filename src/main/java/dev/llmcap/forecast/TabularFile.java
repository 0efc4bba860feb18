package dev.llmcap.forecast;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV file with a header row, or a JSON array of objects, into rows of named string
 * fields, keeping the line each row came from. The format is chosen by the file extension
 * ({@code .json} is JSON, anything else CSV).
 */
final class TabularFile {

  /** One record: its 1-based line in the file and its fields, keys lower-cased. */
  record Row(long line, Map<String, String> fields) {
    String get(String key) {
      String v = fields.get(key);
      return v == null || v.isBlank() ? null : v.trim();
    }
  }

  private TabularFile() {}

  static List<Row> read(Path file) throws ForecastInputException {
    if (!Files.isRegularFile(file)) {
      throw new ForecastInputException(file, 0, null, "file not found");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      return name.endsWith(".json") ? readJson(file) : readCsv(file);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ForecastInputException(file, line, null, "malformed file: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ForecastInputException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private static List<Row> readCsv(Path file) throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Row> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        mapper.readerFor(Map.class).with(schema).readValues(file.toFile())) {
      while (it.hasNextValue()) {
        long line = it.getCurrentLocation().getLineNr();
        Map<String, String> raw = it.nextValue();
        rows.add(new Row(line, lowerKeys(raw)));
      }
    }
    return rows;
  }

  private static List<Row> readJson(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<Row> rows = new ArrayList<>();
    try (JsonParser p = mapper.getFactory().createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new ForecastJsonShapeException(p, "expected a JSON array of objects");
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          throw new ForecastJsonShapeException(p, "expected an object, found " + t);
        }
        long line = p.currentTokenLocation().getLineNr();
        Map<String, Object> obj = mapper.readValue(p, Map.class);
        Map<String, String> fields = new LinkedHashMap<>();
        obj.forEach((k, v) -> fields.put(k, v == null ? null : String.valueOf(v)));
        rows.add(new Row(line, lowerKeys(fields)));
      }
    }
    return rows;
  }

  private static Map<String, String> lowerKeys(Map<?, ?> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach(
        (k, v) ->
            out.put(String.valueOf(k).trim().toLowerCase(Locale.ROOT), v == null ? null : String.valueOf(v)));
    return out;
  }

  /** JSON that parses but does not have the expected shape. */
  private static final class ForecastJsonShapeException extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    ForecastJsonShapeException(JsonParser p, String msg) {
      super(msg, p.currentTokenLocation());
    }
  }
}
