package dev.llmcap.forecast;

import java.nio.file.Path;

/** An input file could not be read: names the file, the line and the offending value. */
public class ForecastInputException extends ForecastException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String badValue;

  public ForecastInputException(Path file, long line, String badValue, String problem) {
    super(format(file, line, badValue, problem));
    this.file = file == null ? "<input>" : file.toString();
    this.line = line;
    this.badValue = badValue;
  }

  public ForecastInputException(Path file, String problem, Throwable cause) {
    super((file == null ? "<input>" : file.toString()) + ": " + problem, cause);
    this.file = file == null ? "<input>" : file.toString();
    this.line = 0;
    this.badValue = null;
  }

  private static String format(Path file, long line, String badValue, String problem) {
    StringBuilder sb = new StringBuilder(file == null ? "<input>" : file.toString());
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    sb.append(": ").append(problem);
    if (badValue != null) {
      sb.append(" (value '").append(badValue).append("')");
    }
    return sb.toString();
  }

  /** The file that failed. */
  public String file() {
    return file;
  }

  /** 1-based line number (for JSON, the line where the object starts); 0 when unknown. */
  public long line() {
    return line;
  }

  /** The offending value, or null when the problem is not a single value. */
  public String badValue() {
    return badValue;
  }
}
