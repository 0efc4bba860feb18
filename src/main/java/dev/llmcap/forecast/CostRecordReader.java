package dev.llmcap.forecast;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link CostRecord} rows (service_id, timestamp, amount, currency, category,
 * tokens_processed) from CSV with a header row or from a JSON array of snake_case objects.
 */
public final class CostRecordReader {

  public List<CostRecord> read(Path file) throws ForecastInputException {
    FieldParser f = new FieldParser(file);
    List<CostRecord> out = new ArrayList<>();
    for (TabularFile.Row row : TabularFile.read(file)) {
      String service = f.required(row, "service_id");
      var ts = f.timestamp(row, "timestamp");
      double amount = f.number(row, "amount");
      if (amount < 0) {
        throw new ForecastInputException(file, row.line(), row.get("amount"), "'amount' is negative");
      }
      String currency = row.get("currency");
      String categoryText = f.required(row, "category");
      CostCategory category = CostCategory.fromCode(categoryText);
      if (category == null) {
        throw new ForecastInputException(
            file, row.line(), categoryText, "unknown category; expected gpu_compute|storage|network");
      }
      Long tokens = f.optionalLong(row, "tokens_processed");
      if (tokens != null && tokens < 0) {
        throw new ForecastInputException(
            file, row.line(), row.get("tokens_processed"), "'tokens_processed' is negative");
      }
      out.add(
          new CostRecord(
              service, ts, amount, currency == null ? CostRecord.DEFAULT_CURRENCY : currency, category, tokens));
    }
    return out;
  }
}
