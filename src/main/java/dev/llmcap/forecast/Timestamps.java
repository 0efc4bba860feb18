package dev.llmcap.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Parses timestamps given as ISO-8601 or {@code yyyy-MM-dd HH:mm:ss[.fraction]}, as UTC. */
public final class Timestamps {
  private static final DateTimeFormatter SPACE_SEPARATED =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  private Timestamps() {}

  /**
   * Parses one timestamp. Accepts an instant with zone or offset ({@code 2024-01-01T00:00:00Z},
   * {@code ...+02:00}), a local ISO date-time or date, or {@code yyyy-MM-dd HH:mm:ss} with up to
   * nine fractional digits. Values without a zone are taken as UTC.
   *
   * @throws DateTimeParseException when no form matches
   */
  public static Instant parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new DateTimeParseException("empty timestamp", text, 0);
    }
    if (s.indexOf('T') > 0 || s.indexOf('t') > 0) {
      String t = s.replace('t', 'T').replace('z', 'Z');
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
    }
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    String local = s.endsWith("Z") || s.endsWith("z") ? s.substring(0, s.length() - 1).trim() : s;
    if (local.endsWith("UTC")) {
      local = local.substring(0, local.length() - 3).trim();
    }
    return LocalDateTime.parse(local, SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
  }
}
