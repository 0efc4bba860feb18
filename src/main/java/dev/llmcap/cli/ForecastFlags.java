package dev.llmcap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcap.forecast.ForecastConfig;
import dev.llmcap.forecast.ForecastPoint;
import dev.llmcap.forecast.Scenario;
import dev.llmcap.forecast.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;

/** Parses and checks the forecast command's values: scenario, horizon and threshold flags, durations, a previous forecast. */
final class ForecastFlags {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|sec|m|min|h|d)", Pattern.CASE_INSENSITIVE);

  private ForecastFlags() {}

  static Scenario scenario(String text) throws UsageException {
    try {
      return Scenario.fromCode(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("unknown scenario '" + text + "' (--scenario must be one of baseline|optimistic|pessimistic|spike)");
    }
  }

  static ForecastConfig forecastConfig(CommandLine cl, Scenario scenario) throws UsageException {
    ForecastConfig c = ForecastConfig.defaults();
    if (cl.hasOption("horizon-days") && cl.hasOption("horizon-months")) {
      throw new UsageException("give either --horizon-days or --horizon-months, not both");
    }
    if (cl.hasOption("horizon-days")) {
      c = c.withHorizonDays(whole(cl.getOptionValue("horizon-days"), "--horizon-days", 3660));
    }
    if (cl.hasOption("horizon-months")) {
      c = c.withHorizonMonths(whole(cl.getOptionValue("horizon-months"), "--horizon-months", 120));
    }
    if (cl.hasOption("seasonal-period")) {
      c = c.withSeasonalPeriod(whole(cl.getOptionValue("seasonal-period"), "--seasonal-period", 100000));
    }
    if (cl.hasOption("variance-threshold")) {
      String v = cl.getOptionValue("variance-threshold").trim();
      c = c.withVarianceThresholdPct(positive(v.endsWith("%") ? v.substring(0, v.length() - 1) : v, "--variance-threshold"));
    }
    return c.withScenario(scenario, c.spikeMultiplier(), c.spikeDuration());
  }

  private static int whole(String text, String flag, int max) throws UsageException {
    try {
      int v = Integer.parseInt(text.trim());
      if (v < 1 || v > max) {
        throw new UsageException(flag + " must be between 1 and " + max + " (got " + v + ")");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " expects a whole number (got '" + text + "')");
    }
  }

  static double positive(String text, String flag) throws UsageException {
    double v = ForecastCapacity.number(text, flag);
    if (v <= 0) {
      throw new UsageException(flag + " must be > 0 (got " + text + ")");
    }
    return v;
  }

  static double durationSeconds(String text) throws UsageException {
    Matcher m = DURATION.matcher(text.trim());
    if (m.matches()) {
      double v = Double.parseDouble(m.group(1));
      String u = m.group(2).toLowerCase(Locale.ROOT);
      double s = u.startsWith("s") ? v : u.startsWith("m") ? v * 60 : u.equals("h") ? v * 3600 : v * 86400;
      if (s > 0) {
        return s;
      }
    } else {
      try {
        Duration d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        if (!d.isNegative() && !d.isZero()) {
          return d.toMillis() / 1000.0;
        }
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    throw new UsageException("--spike-duration expects periods (e.g. 4) or a duration (2h, 30m, 1d, PT90M); got '" + text + "'");
  }

  static List<ForecastPoint> previousForecast(Path file) throws UsageException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("--previous-forecast " + file + ": file not found");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UsageException("--previous-forecast " + file + ": not JSON written by 'llmcap forecast --format json' ("
          + e.getMessage().split("\n")[0] + ")");
    }
    JsonNode list = root == null ? null : root.get("forecast");
    if (list == null || !list.isArray()) {
      throw new UsageException("--previous-forecast " + file + ": no 'forecast' list (write it with 'llmcap forecast --format json')");
    }
    List<ForecastPoint> points = new ArrayList<>();
    int i = 0;
    for (JsonNode p : list) {
      i++;
      try {
        Instant t = Timestamps.parse(p.path("timestamp").asText());
        JsonNode b = p.get("baseline");
        if (b == null || !b.isNumber()) {
          throw new UsageException("--previous-forecast " + file + ": entry " + i + " has no numeric baseline");
        }
        double v = b.doubleValue();
        points.add(new ForecastPoint(t, v, num(p, "lower_80", v), num(p, "upper_80", v), num(p, "lower_95", v),
            num(p, "upper_95", v)));
      } catch (DateTimeParseException e) {
        throw new UsageException("--previous-forecast " + file + ": entry " + i + " has no valid timestamp");
      }
    }
    return points;
  }

  private static double num(JsonNode p, String field, double fallback) {
    JsonNode v = p.get(field);
    return v != null && v.isNumber() ? v.doubleValue() : fallback;
  }
}
