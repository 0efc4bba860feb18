package dev.llmcap.forecast;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Converts the string fields of one row, turning failures into file/line/value errors. */
final class FieldParser {
  private final Path file;

  FieldParser(Path file) {
    this.file = file;
  }

  String required(TabularFile.Row row, String key) throws ForecastInputException {
    String v = row.get(key);
    if (v == null) {
      throw new ForecastInputException(file, row.line(), null, "missing field '" + key + "'");
    }
    return v;
  }

  Instant timestamp(TabularFile.Row row, String key) throws ForecastInputException {
    String v = required(row, key);
    try {
      return Timestamps.parse(v);
    } catch (DateTimeParseException e) {
      throw new ForecastInputException(
          file, row.line(), v, "'" + key + "' is not an ISO-8601 or 'yyyy-MM-dd HH:mm:ss' timestamp");
    }
  }

  double number(TabularFile.Row row, String key) throws ForecastInputException {
    String v = required(row, key);
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ForecastInputException(file, row.line(), v, "'" + key + "' is not a finite number");
    }
  }

  Long optionalLong(TabularFile.Row row, String key) throws ForecastInputException {
    String v = row.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(v);
        if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
          return (long) d;
        }
      } catch (NumberFormatException ignored) {
        // fall through to the error below
      }
      throw new ForecastInputException(file, row.line(), v, "'" + key + "' is not a whole number");
    }
  }
}
