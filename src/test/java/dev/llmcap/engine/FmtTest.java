package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast four-digit formatting gives the text of the exact (BigDecimal) rounding for every value it decides. */
class FmtTest {
  @Test
  void fastPathAgreesWithTheExactRoundingOnRandomValues() {
    SplittableRandom random = new SplittableRandom(19);
    int decided = 0;
    for (int i = 0; i < 2_000_000; i++) {
      double v = Math.pow(10, -3.2 + 10.4 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
      if (i % 4 == 1) {
        v = Math.round(v * 1e4) / 1e4; // short decimals, as rule inputs often are
      } else if (i % 4 == 2) {
        v = (Math.floor(Math.abs(v)) + 0.5) * Math.signum(v); // halves: ties for the rounding
      }
      decided += check(v);
    }
    assertThat(decided).as("values the fast path decided").isGreaterThan(1_000_000);
  }

  @Test
  void tiesEdgesAndDecadesAgreeWithTheExactRounding() {
    double[] values = {0.001, 0.0010005, 0.00099995, 0.0012345, 0.12345, 1.2345, 12.345, 123.45, 1234.5, 12345.5, 99995,
        99994.99, 999.95, 9999.5, 9999.4999, 1e7 - 0.5, 9_999_999.5, 0.1 + 0.2, 2.0 / 3, 1.0 / 3, 100.04, 1000.4, 0.0999999,
        12344.999999, 12345.000001, 5e-3, 0.30000000000000004, 4.35, 4.345, 0.5005, 1.0005, 10.005};
    for (double v : values) {
      check(v);
      check(-v);
      check(Math.nextUp(v));
      check(Math.nextDown(v));
    }
    assertThat(Fmt.n(1234.5)).isEqualTo("1235");
    assertThat(Fmt.n(0.0012345)).isEqualTo(Fmt.exactFourDigits(0.0012345));
    assertThat(Fmt.n(41.3567)).isEqualTo("41.36");
    assertThat(Fmt.n(-0.25)).isEqualTo("-0.25");
    assertThat(Fmt.n(123456.7)).isEqualTo("123500");
    assertThat(Fmt.n(3.0)).isEqualTo("3");
    assertThat(Fmt.n(1e-5)).isEqualTo("1.000e-05");
  }

  private static int check(double v) {
    double a = Math.abs(v);
    if (!(a >= 1e-3 && a < 1e7) || v == Math.rint(v)) {
      return 0;
    }
    String fast = Fmt.fourDigits(v, a);
    if (fast == null) {
      return 0;
    }
    assertThat(fast).as("n(%s)", v).isEqualTo(Fmt.exactFourDigits(v));
    return 1;
  }
}
