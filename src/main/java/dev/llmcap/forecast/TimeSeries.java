package dev.llmcap.forecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** An ordered list of (timestamp, value) observations; immutable. */
public final class TimeSeries {
  private final List<Instant> timestamps;
  private final double[] values;

  public TimeSeries(List<Instant> timestamps, double[] values) {
    if (timestamps.size() != values.length) {
      throw new IllegalArgumentException(
          "timestamps (" + timestamps.size() + ") and values (" + values.length + ") differ");
    }
    this.timestamps = Collections.unmodifiableList(new ArrayList<>(timestamps));
    this.values = values.clone();
  }

  public int size() {
    return values.length;
  }

  public boolean isEmpty() {
    return values.length == 0;
  }

  public Instant time(int i) {
    return timestamps.get(i);
  }

  public double value(int i) {
    return values[i];
  }

  public List<Instant> timestamps() {
    return timestamps;
  }

  /** A copy of the values. */
  public double[] values() {
    return values.clone();
  }

  /** The observations with index in [from, to). */
  public TimeSeries slice(int from, int to) {
    return new TimeSeries(timestamps.subList(from, to), Arrays.copyOfRange(values, from, to));
  }

  /** The last {@code n} observations (all of them when there are fewer). */
  public TimeSeries tail(int n) {
    return slice(Math.max(0, size() - n), size());
  }

  @Override
  public String toString() {
    return size() == 0
        ? "TimeSeries[empty]"
        : "TimeSeries[" + size() + " points, " + time(0) + " .. " + time(size() - 1) + "]";
  }
}
