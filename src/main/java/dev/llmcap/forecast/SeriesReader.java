package dev.llmcap.forecast;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a generic {@code timestamp,value} series (CSV with header, or JSON array). */
public final class SeriesReader {

  /** Reads the rows in file order; sorting and de-duplication are left to {@link SeriesCleaner}. */
  public TimeSeries read(Path file) throws ForecastInputException {
    FieldParser f = new FieldParser(file);
    List<TabularFile.Row> rows = TabularFile.read(file);
    List<Instant> ts = new ArrayList<>(rows.size());
    double[] values = new double[rows.size()];
    int i = 0;
    for (TabularFile.Row row : rows) {
      ts.add(f.timestamp(row, "timestamp"));
      values[i++] = f.number(row, "value");
    }
    return new TimeSeries(ts, values);
  }
}
