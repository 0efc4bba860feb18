package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.model.fact.Roofline;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Random;
import org.drools.core.impl.InternalRuleBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

/**
 * The goodput search's latency check (meetsSlo in rules/inference/latency.drl) stops each quantile's search once the
 * comparison with its target is decided: it must give the answer of comparing the quantile functions themselves
 * (ttftQuantileS, tpotQuantileS, e2eQuantileS) with the targets, which is what it replaced. Checked on random replicas,
 * loads and targets, many of them a hair either side of the quantile or equal to it.
 */
class GoodputSearchTest {
  private static Method meetsSlo;
  private static Method servingState;
  private static Method ttftQuantile;
  private static Method tpotQuantile;
  private static Method e2eQuantile;
  private static Method meanMatchedGrid;
  private static Method decodeStep;

  @BeforeAll
  static void functions() throws Exception {
    // the classic compilation of the shipped rules (a class per DRL function); the executable model the planner runs
    // them from holds the same functions' code as static methods of its rules class (ExecModel, ExecModelTest)
    System.setProperty("llmcap.execModel", "off");
    ClassLoader cl;
    try {
      RuleBase.clearProcessCache();
      KieSession s = RuleBase.load(Path.of("rules")).newSession(LLMForecastEngine.INFERENCE_RULES);
      cl = ((InternalRuleBase) s.getKieBase()).getRootClassLoader();
      s.dispose();
    } finally {
      System.clearProperty("llmcap.execModel");
      RuleBase.clearProcessCache();
    }
    meetsSlo = function(cl, "MeetsSlo");
    servingState = function(cl, "ServingState");
    ttftQuantile = function(cl, "TtftQuantileS");
    tpotQuantile = function(cl, "TpotQuantileS");
    e2eQuantile = function(cl, "E2eQuantileS");
    meanMatchedGrid = function(cl, "MeanMatchedGrid");
    decodeStep = function(cl, "DecodeStepS");
  }

  /** The static method of a DRL function (Drools compiles each into a class of its own, named after it). */
  private static Method function(ClassLoader cl, String cls) throws ClassNotFoundException {
    String name = Character.toLowerCase(cls.charAt(0)) + cls.substring(1);
    for (Method m : cl.loadClass("inference." + cls).getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no DRL function " + name);
  }

  private static Roofline replica(Random rnd) {
    Roofline r = new Roofline();
    r.setGpu("test");
    r.setTp(1 << rnd.nextInt(3));
    r.setPp(1);
    r.setLayers(32 + rnd.nextInt(49));
    r.setHidden(4096 + 1024 * rnd.nextInt(5));
    double params = (8 + rnd.nextDouble() * 62) * 1e9;
    r.setWeightBytes(params * (rnd.nextBoolean() ? 2 : 1));
    r.setKvBytesPerToken(65536 + rnd.nextInt(4) * 65536);
    r.setKvBytesPerSeq(r.getKvBytesPerToken() * (300 + rnd.nextInt(3000)));
    r.setHbmBytesPerS((2 + rnd.nextDouble() * 6) * 1e12 * 0.8);
    r.setDecodeFlopsPerS((300 + rnd.nextDouble() * 1700) * 1e12 * 0.5);
    r.setPrefillFlopsPerS(r.getDecodeFlopsPerS() * 1.2);
    r.setFlopsPerToken(2 * params);
    r.setAttnFlopsCoeff(2.0 * r.getLayers() * r.getHidden());
    r.setStepOverheadS(0.002 + rnd.nextDouble() * 0.004);
    r.setDecodeOverlap(rnd.nextDouble());
    return r;
  }

  @Test
  void stoppedSearchesAnswerAsTheQuantilesDo() throws Exception {
    Random rnd = new Random(19);
    double[] nudges = {0, -1e-3, 1e-3, -1e-9, 1e-9, -0.2, 0.2};
    int meets = 0;
    int misses = 0;
    for (int trial = 0; trial < 150; trial++) {
      Roofline r = replica(rnd);
      int c = 16 + rnd.nextInt(240);
      double inMedian = 100 + rnd.nextInt(3000);
      double inSigma = 0.2 + rnd.nextDouble();
      double outMedian = 20 + rnd.nextInt(600);
      double outSigma = 0.2 + rnd.nextDouble();
      double cap = 32768;
      double[][] in = (double[][]) meanMatchedGrid.invoke(null, inMedian, inSigma, cap, inMedian * 1.2);
      double outMean = outMedian * 1.15;
      double budget = new double[] {512, 2048, 8192}[rnd.nextInt(3)];
      double ca2 = 0.5 + rnd.nextDouble() * 2;
      double mu = c / (outMean * (double) decodeStep.invoke(null, r, (double) c));
      double lambda = mu * (0.02 + 0.96 * rnd.nextDouble());
      // multi-step scheduling on every fourth trial (1-9 decode steps per scheduler call), else one step
      double steps = 1 + (trial % 4 == 0 ? trial % 9 : 0);
      double[] st = (double[]) servingState.invoke(null, r, lambda, mu, c, in, outMean, budget, ca2, steps);
      if (Double.isInfinite(st[3])) {
        continue;
      }
      double t50 = (double) ttftQuantile.invoke(null, r, st, 0.50, lambda, mu, c, in, budget) * 1000;
      double t99 = (double) ttftQuantile.invoke(null, r, st, 0.99, lambda, mu, c, in, budget) * 1000;
      double i99 = (double) tpotQuantile.invoke(null, r, st, 0.99, in, budget, outMedian, outSigma, cap) * 1000;
      double e99 = (double) e2eQuantile.invoke(null, r, st, 0.99, lambda, mu, c, in, budget, outMedian, outSigma, cap) * 1000;
      for (int k = 0; k < 12; k++) {
        // each target absent, or the quantile nudged by one of the steps above (0: the target equals the quantile)
        double[] target = new double[4];
        double[] q = {t50, t99, i99, e99};
        for (int j = 0; j < 4; j++) {
          target[j] = rnd.nextInt(4) == 0 ? 0 : q[j] * (1 + nudges[rnd.nextInt(nudges.length)]);
        }
        boolean expected = !(target[0] > 0 && t50 > target[0]) && !(target[1] > 0 && t99 > target[1])
            && !(target[2] > 0 && i99 > target[2]) && !(target[3] > 0 && e99 > target[3]);
        boolean got = (boolean) meetsSlo.invoke(null, r, lambda, mu, c, in, outMean, budget, ca2, steps, outMedian, outSigma, cap,
            target[0], target[1], target[2], target[3]);
        assertThat(got).as("trial %d, targets %s, quantiles %s", trial, java.util.Arrays.toString(target),
            java.util.Arrays.toString(q)).isEqualTo(expected);
        if (got) {
          meets++;
        } else {
          misses++;
        }
      }
    }
    assertThat(meets).as("checks met").isGreaterThan(20);
    assertThat(misses).as("checks missed").isGreaterThan(100);
  }
}
