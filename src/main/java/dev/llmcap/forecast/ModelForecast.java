package dev.llmcap.forecast;

/** Point forecasts and 80%/95% prediction bounds for steps 1..h ahead. */
public record ModelForecast(
    double[] mean, double[] lower80, double[] upper80, double[] lower95, double[] upper95) {

  /** Two-sided standard-normal quantile for an 80% interval. */
  public static final double Z80 = 1.2815515655446004;
  /** Two-sided standard-normal quantile for a 95% interval. */
  public static final double Z95 = 1.959963984540054;

  public int horizon() {
    return mean.length;
  }

  /** Builds symmetric normal intervals {@code mean ± z * sd[h]}. */
  static ModelForecast normal(double[] mean, double[] sd) {
    int h = mean.length;
    double[] l80 = new double[h];
    double[] u80 = new double[h];
    double[] l95 = new double[h];
    double[] u95 = new double[h];
    for (int i = 0; i < h; i++) {
      double s = Double.isFinite(sd[i]) ? Math.max(0, sd[i]) : 0;
      l80[i] = mean[i] - Z80 * s;
      u80[i] = mean[i] + Z80 * s;
      l95[i] = mean[i] - Z95 * s;
      u95[i] = mean[i] + Z95 * s;
    }
    return new ModelForecast(mean, l80, u80, l95, u95);
  }
}
