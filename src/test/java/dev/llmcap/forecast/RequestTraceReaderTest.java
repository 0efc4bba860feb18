package dev.llmcap.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestTraceReaderTest {
  private static final long TICKS_PER_SECOND = 10_000_000L; // the trace has 7 fractional digits

  /** Time of day in 100 ns ticks, from the raw text "yyyy-MM-dd HH:mm:ss.fffffff" (single day). */
  private static long ticks(String ts) {
    String[] hms = ts.substring(11).split("[:.]");
    long secs = Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Long.parseLong(hms[2]);
    String frac = (hms.length > 3 ? hms[3] : "") + "0000000";
    return secs * TICKS_PER_SECOND + Long.parseLong(frac.substring(0, 7));
  }

  @Test
  void conversationTraceMatchesAnIndependentBucketing() throws Exception {
    Path file = Fixtures.path("azure-llm-2023-conv-first10min.csv");
    TraceSummary s = new RequestTraceReader().read(file);
    System.out.println(String.join("\n", s.describe()));

    // independent computation: plain loop over the raw lines, integer ticks, counting buckets
    List<String> lines = Files.readAllLines(file);
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    List<long[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.trim().split(",");
      long t = ticks(f[0]);
      rows.add(new long[] {t, Long.parseLong(f[1]), Long.parseLong(f[2])});
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    long bucket = 60 * TICKS_PER_SECOND;
    int complete = (int) ((last - first) / bucket);
    long[] counts = new long[complete];
    double inSum = 0;
    double outSum = 0;
    for (long[] r : rows) {
      int k = (int) ((r[0] - first) / bucket);
      if (k < complete) {
        counts[k]++;
      }
      inSum += r[1];
      outSum += r[2];
    }
    long inComplete = 0;
    double[] rates = new double[complete];
    for (int k = 0; k < complete; k++) {
      inComplete += counts[k];
      rates[k] = counts[k] / 60.0;
    }
    double meanRate = inComplete / (complete * 60.0);
    java.util.Arrays.sort(rates);
    double pos = 0.99 * (complete - 1);
    int lo = (int) pos;
    double p99 = rates[lo] + (pos - lo) * (rates[Math.min(lo + 1, complete - 1)] - rates[lo]);

    assertThat(s.droppedTotal()).isZero();
    assertThat(s.keptRequests()).isEqualTo(rows.size());
    assertThat(s.rps().size()).isEqualTo(complete);
    assertThat(s.requestsInPartialInterval()).isEqualTo(rows.size() - inComplete);
    assertThat(s.meanRps()).isCloseTo(meanRate, within(1e-9));
    assertThat(s.p99Rps()).isCloseTo(p99, within(1e-9));
    assertThat(s.maxRps()).isCloseTo(rates[complete - 1], within(1e-9));
    assertThat(s.peakMultiplier()).isCloseTo(p99 / meanRate, within(1e-9));
    assertThat(s.inputTokens().mean()).isCloseTo(inSum / rows.size(), within(1e-9));
    assertThat(s.outputTokens().mean()).isCloseTo(outSum / rows.size(), within(1e-9));
    assertThat(s.peakMultiplier()).isGreaterThan(1.0);
  }

  @Test
  void lastRowsOfTheRealTraceAreParsedAndKept() throws Exception {
    // The data README claims the conversation trace's last row has GeneratedTokens 1,838,819. The
    // real last row is "2023-11-16 19:14:08.4025270,197,183" with no newline after it: it must be
    // read, not lost, and nothing in these rows is implausible.
    TraceSummary s = new RequestTraceReader().read(Fixtures.path("azure-llm-2023-conv-last20.csv"));
    assertThat(s.totalRows()).isEqualTo(20);
    assertThat(s.keptRequests()).isEqualTo(20);
    assertThat(s.droppedTotal()).isZero();
    assertThat(s.outputTokens().max()).isLessThan(1000);
  }

  @Test
  void invalidAndImplausibleRowsAreDroppedAndCountedPerReason(@TempDir Path dir) throws Exception {
    // synthetic rows (not real data) covering every drop reason, including an absurd 1,838,819
    Path f = dir.resolve("trace.csv");
    Files.writeString(f, String.join("\r\n",
        "TIMESTAMP,ContextTokens,GeneratedTokens",
        "2023-11-16 18:00:00.0000000,100,10",
        "2023-11-16 18:00:30.0000000,200,20",
        "not-a-time,100,10",
        "2023-11-16 18:00:40.0000000,abc,10",
        "2023-11-16 18:00:50.0000000,100",
        "2023-11-16 18:01:00.0000000,-5,10",
        "2023-11-16 18:01:10.0000000,100,0",
        "2023-11-16 18:01:20.0000000,197,1838819",
        "2023-11-16 18:02:00.0000000,300,30",
        "2023-11-16 18:02:30.0000000,400,40"));
    TraceSummary s = new RequestTraceReader().read(f);
    assertThat(s.totalRows()).isEqualTo(10);
    assertThat(s.keptRequests()).isEqualTo(4);
    assertThat(s.dropped(TraceDropReason.UNPARSABLE)).isEqualTo(3);
    assertThat(s.dropped(TraceDropReason.NEGATIVE_TOKENS)).isEqualTo(1);
    assertThat(s.dropped(TraceDropReason.ZERO_TOKENS)).isEqualTo(1);
    assertThat(s.dropped(TraceDropReason.IMPLAUSIBLE_TOKENS)).isEqualTo(1);
    assertThat(s.droppedExamples().get(TraceDropReason.IMPLAUSIBLE_TOKENS)).contains("line 9").contains("1838819");
    assertThat(String.join("\n", s.describe())).contains("IMPLAUSIBLE_TOKENS: 1");
    assertThat(s.outputTokens().max()).isEqualTo(40);
    // two complete minutes from 18:00:00: 2 requests, then 0; the 18:02 requests are partial
    assertThat(s.rps().values()).containsExactly(2 / 60.0, 0.0);
    assertThat(s.requestsInPartialInterval()).isEqualTo(2);

    // a lower limit is a constructor parameter
    TraceSummary strict = new RequestTraceReader(Duration.ofSeconds(30), 250, 1_000_000).read(f);
    assertThat(strict.dropped(TraceDropReason.IMPLAUSIBLE_TOKENS)).isEqualTo(3);
    assertThat(strict.interval()).isEqualTo(Duration.ofSeconds(30));
  }
}
