package dev.llmcap.validate;

import dev.llmcap.batch.Progress;
import dev.llmcap.engine.Assumptions;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.model.fact.Assumption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Fits per-GPU efficiency assumptions to measurements, one GPU family and precision at a time ("Hopper:FP8"), by
 * minimising the mean squared log error of the scored metrics with BOBYQA inside physical bounds. Scoring is the
 * validator's: the fitted values are written as name@FAMILY:PRECISION entries that the rules pick up. A fit stops when
 * its last 2n+1 candidates improved the error by under 0.2%; a group whose every-third-row sample has 50 rows or more
 * (about 150 rows) is fitted first on that sample, then on all its rows from there (the error reported is always that of
 * all rows). Groups are fitted side by side on the validator's threads, and a candidate whose rounded values were
 * scored before is not planned again; neither changes the result, which is the same for any number of threads.
 */
public final class Calibrator {
  /** A tunable the calibrator may fit, with the bounds it stays within. */
  public record Parameter(String name, double min, double max, boolean needsTensorParallel) {}

  /** The tunables fitted by default: decode and prefill efficiencies, step overhead, and (with TP > 1 rows) all-reduce terms. */
  public static final List<Parameter> DEFAULT_PARAMETERS = List.of(
      new Parameter("mbu_decode", 0.5, 0.9, false),
      new Parameter("mfu_decode", 0.05, 0.8, false),
      new Parameter("mfu_prefill", 0.2, 0.85, false),
      new Parameter("step_overhead_ms", 0.0, 10.0, false),
      new Parameter("allreduce_latency_us", 2.0, 100.0, true),
      new Parameter("link_efficiency", 0.1, 1.0, true));

  /** BOBYQA's first trust-region radius, in the unit cube of each tunable's bounds. */
  static final double INITIAL_RADIUS = 0.15;
  /**
   * BOBYQA's last trust-region radius: the fit stops when the tunables are known to 0.1% of their ranges (0.0004 of
   * mbu_decode, 0.01 ms of step overhead). Measured on the shipped data, 1e-4 took 84-164 candidates per group to lower
   * the error by under 0.1% after the first ~50.
   */
  static final double STOPPING_RADIUS = 1e-3;

  /**
   * A fit stops once its last 2n+1 candidates (BOBYQA's interpolation points for n tunables) lowered the best error by
   * less than this fraction of it. On the shipped data the trust radius alone went on for 65-132 candidates per group,
   * the last third of them moving the error by under 0.2% (a flat valley, mostly along allreduce_latency_us); this stops
   * there: the errors stay within 0.2% of the full run's.
   */
  static final double STALL_IMPROVEMENT = 2e-3;
  /** The first stage of a two-stage fit plans every SAMPLE_STEP-th row of each GPU and model. */
  static final int SAMPLE_STEP = 3;
  /**
   * A group is fitted in two stages only when its sample has at least this many rows: smaller samples did not represent
   * their group (Hopper:FP16's 26-row sample had its optimum where the error on all rows was no better than the start).
   */
  static final int MIN_SAMPLE_ROWS = 50;
  /** The second stage's first trust-region radius, around the first stage's optimum. */
  static final double FINE_RADIUS = 0.03;

  /** Thrown by the objective to end a stage that stopped improving. */
  private static final class Stalled extends RuntimeException {
    Stalled() {
      super(null, null, false, false);
    }
  }

  /** The fit of one group: the entries to write and the error before and after. */
  public record GroupFit(String group, int rows, int metrics, double msleBefore, double msleAfter, List<Assumption> entries) {}

  private final Validator validator;
  private final int maxEvaluations;
  private final Progress progress;
  private final boolean reuseScored;
  private final int minSampleRows;

  public Calibrator(Validator validator, int maxEvaluations) {
    this(validator, maxEvaluations, Progress.silent());
  }

  /** A calibrator that counts each candidate evaluation (and each group's unused budget) on a progress bar. */
  public Calibrator(Validator validator, int maxEvaluations, Progress progress) {
    this(validator, maxEvaluations, progress, true);
  }

  /** As above; without reuseScored every candidate is planned even when its rounded values were scored before (tests). */
  Calibrator(Validator validator, int maxEvaluations, Progress progress, boolean reuseScored) {
    this(validator, maxEvaluations, progress, reuseScored, MIN_SAMPLE_ROWS);
  }

  /** As above, fitting in two stages the groups whose sample has at least minSampleRows rows (tests). */
  Calibrator(Validator validator, int maxEvaluations, Progress progress, boolean reuseScored, int minSampleRows) {
    this.validator = validator;
    this.maxEvaluations = maxEvaluations;
    this.progress = progress;
    this.reuseScored = reuseScored;
    this.minSampleRows = minSampleRows;
  }

  /** The most candidate evaluations fitting the cases can take: the budget of each group plus its starting point. */
  public int evaluationBudget(Validator.Prepared prepared) {
    long groups = prepared.cases().stream().filter(c -> !BenchmarkCase.SERVER.equals(c.regime())).map(BenchmarkCase::group).distinct().count();
    return (int) (groups * (maxEvaluations + 2));
  }

  /** Fits every group of the prepared cases; groups are independent because their entries are qualified by group. */
  public List<GroupFit> fit(LLMForecastEngine engine, Validator.Prepared prepared, String origin) throws RuleSetException {
    Map<String, List<BenchmarkCase>> groups = new TreeMap<>();
    for (BenchmarkCase c : prepared.cases()) {
      if (BenchmarkCase.SERVER.equals(c.regime())) {
        continue; // latency-percentile rows check the queueing model; the efficiencies are fitted to throughput rows
      }
      groups.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c);
    }
    // each group's fit is a sequence of its own candidates; groups run side by side on the validator's workers (and
    // each candidate's cases in parallel on them too), and come back in group order
    List<java.util.concurrent.Callable<GroupFit>> tasks = new ArrayList<>();
    for (Map.Entry<String, List<BenchmarkCase>> g : groups.entrySet()) {
      tasks.add(() -> fitGroup(engine, g.getKey(), g.getValue(), origin));
    }
    return validator.runAll(tasks);
  }

  private GroupFit fitGroup(LLMForecastEngine engine, String group, List<BenchmarkCase> cases, String origin) throws RuleSetException {
    Validator.Prepared subset = new Validator.Prepared(cases, List.of());
    boolean tp = cases.stream().anyMatch(c -> c.request().getGpu().getTensorParallel() != null && c.request().getGpu().getTensorParallel() > 1);
    List<Parameter> params = new ArrayList<>();
    for (Parameter p : DEFAULT_PARAMETERS) {
      if (!p.needsTensorParallel() || tp) {
        params.add(p);
      }
    }
    ValidationRun before = validator.score(engine, subset);
    progress.step();
    double msleBefore = before.meanSquaredLogError();
    if (before.scores().isEmpty()) {
      progress.advance(maxEvaluations + 1);
      return new GroupFit(group, cases.size(), 0, 0, 0, List.of());
    }
    // start from the values the rules use now for this group (the most specific entry that applies)
    BenchmarkCase first = cases.get(0);
    double[] start = new double[params.size()];
    double[] lo = new double[params.size()];
    double[] hi = new double[params.size()];
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      double current = currentValue(engine.assumptions(), p.name(), first);
      start[i] = Math.min(Math.max((current - p.min()) / (p.max() - p.min()), 0.0), 1.0);
      lo[i] = 0.0;
      hi[i] = 1.0;
    }
    int window = 2 * params.size() + 1;
    Objective objective = new Objective(engine, subset, group, params, origin, window);
    double startValue = objective.value(start);
    double[] from = start;
    double radius = INITIAL_RADIUS;
    int sampleEvaluations = 0;
    List<BenchmarkCase> sample = sample(cases);
    if (sample.size() >= minSampleRows && sample.size() < cases.size()) {
      // stage 1: the fit on a stratified sample of the rows (a third of them) finds the neighbourhood of the optimum;
      // stage 2 starts there on every row with a small first step, so the error reported is that of all rows
      Objective coarse = new Objective(engine, new Validator.Prepared(sample, List.of()), group, params, origin, window);
      coarse.evaluations = 0;
      minimise(coarse, start, INITIAL_RADIUS, maxEvaluations / 2, lo, hi);
      sampleEvaluations = coarse.evaluations;
      if (coarse.best != null) {
        from = coarse.best;
        radius = FINE_RADIUS;
      }
    }
    minimise(objective, from, radius, maxEvaluations - sampleEvaluations, lo, hi);
    progress.advance(maxEvaluations + 2 - objective.evaluations - sampleEvaluations);
    double[] best = objective.bestValue <= startValue ? objective.best : start;
    double after = Math.min(objective.bestValue, startValue);
    List<Assumption> entries = objective.entries(best, String.format(java.util.Locale.ROOT,
        "fitted by llmcap calibrate to %s: %d %s metric(s), mean squared log error %.4f -> %.4f", origin, before.scores().size(), group,
        msleBefore, after));
    return new GroupFit(group, cases.size(), before.scores().size(), msleBefore, after, entries);
  }

  /** Runs BOBYQA on the objective from a point of the unit cube, keeping the best point seen within the budget. */
  private static void minimise(Objective objective, double[] from, double radius, int budget, double[] lo, double[] hi)
      throws RuleSetException {
    if (budget > 0) {
      try {
        new BOBYQAOptimizer(2 * from.length + 1, radius, Math.min(radius, STOPPING_RADIUS)).optimize(new MaxEval(budget),
            new ObjectiveFunction(objective::value), GoalType.MINIMIZE, new InitialGuess(from), new SimpleBounds(lo, hi));
      } catch (TooManyEvaluationsException | Stalled e) {
        // keep the best point seen within the evaluation budget, or once the fit stopped improving
      }
    }
    if (objective.failure != null) {
      throw objective.failure;
    }
  }

  /**
   * A deterministic stratified sample of a group's rows for the first stage: within each GPU and model, in file order,
   * every SAMPLE_STEP-th row starting with the first.
   */
  static List<BenchmarkCase> sample(List<BenchmarkCase> cases) {
    Map<String, Integer> seen = new java.util.HashMap<>();
    List<BenchmarkCase> out = new ArrayList<>();
    for (BenchmarkCase c : cases) {
      int i = seen.merge(c.gpuId() + "\u0000" + c.modelId(), 1, Integer::sum) - 1;
      if (i % SAMPLE_STEP == 0) {
        out.add(c);
      }
    }
    return out;
  }

  private static double currentValue(Assumptions a, String name, BenchmarkCase c) {
    String[] qualifiers = {c.gpuId() + ":" + c.precision(), c.gpuId(), c.architecture() + ":" + c.precision(), c.architecture(),
        ":" + c.precision()};
    for (String q : qualifiers) {
      var hit = a.all().stream().filter(x -> x.getName().equalsIgnoreCase(name + "@" + q)).findFirst();
      if (hit.isPresent()) {
        return hit.get().getValue();
      }
    }
    return a.get(name).map(Assumption::getValue).orElse(Double.NaN);
  }

  /** Mean squared log error of a group for a point of the unit cube; remembers the best point. */
  private final class Objective {
    private final LLMForecastEngine engine;
    private final Validator.Prepared subset;
    private final String group;
    private final List<Parameter> params;
    private final String origin;
    double[] best;
    double bestValue = Double.POSITIVE_INFINITY;
    int evaluations = 1; // the group's starting error, scored before the fit
    /** Errors of the candidates scored so far, by their rounded values (what the rules are given). */
    final Map<List<Double>, Double> scored = new java.util.HashMap<>();
    int reused;
    RuleSetException failure;
    /** The fit stops once the last stallWindow candidates lowered the best error by under STALL_IMPROVEMENT of it. */
    final int stallWindow;
    final List<Double> bestSoFar = new ArrayList<>();
    boolean stalled;

    Objective(LLMForecastEngine engine, Validator.Prepared subset, String group, List<Parameter> params, String origin, int stallWindow) {
      this.stallWindow = stallWindow;
      this.engine = engine;
      this.subset = subset;
      this.group = group;
      this.params = params;
      this.origin = origin;
    }

    List<Assumption> entries(double[] x, String source) {
      List<Assumption> out = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        Parameter p = params.get(i);
        double v = p.min() + Math.min(Math.max(x[i], 0.0), 1.0) * (p.max() - p.min());
        v = Math.round(v * 10000.0) / 10000.0;
        out.add(new Assumption(p.name() + "@" + group, v, null, null, null, null, null, source));
      }
      return out;
    }

    double value(double[] x) {
      if (stalled) {
        throw new Stalled();
      }
      progress.step();
      if (failure != null) {
        return Double.MAX_VALUE;
      }
      evaluations++;
      try {
        List<Assumption> entries = entries(x, "candidate");
        // the rules see only the rounded values: a point that rounds like one already scored has that one's error
        List<Double> key = entries.stream().map(Assumption::getValue).toList();
        Double seen = reuseScored ? scored.get(key) : null;
        double v;
        if (seen != null) {
          v = seen;
          reused++;
        } else {
          Assumptions candidate = engine.assumptions().withEntries(entries, origin);
          v = validator.score(engine.withAssumptions(candidate), subset).meanSquaredLogError();
          scored.put(key, v);
        }
        if (v < bestValue) {
          bestValue = v;
          best = x.clone();
        }
        bestSoFar.add(bestValue);
        int w = bestSoFar.size() - 1 - stallWindow;
        if (w >= 0 && bestValue >= bestSoFar.get(w) * (1 - STALL_IMPROVEMENT)) {
          stalled = true;
        }
        return v;
      } catch (RuleSetException e) {
        failure = e;
        return Double.MAX_VALUE;
      }
    }
  }

  /** The fitted entries of all groups, in group order, as the override file lists them. */
  public static List<Map<String, Object>> overrideFile(List<GroupFit> fits) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GroupFit f : fits) {
      for (Assumption a : f.entries()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.getName());
        m.put("value", a.getNumber());
        m.put("description", "calibrated " + a.getBaseName() + " for " + f.group());
        m.put("source", a.getSource());
        out.add(m);
      }
    }
    return out;
  }
}
