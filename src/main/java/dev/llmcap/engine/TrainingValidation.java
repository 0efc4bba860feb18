package dev.llmcap.engine;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.llmcap.config.InputException;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.TrainingCapacityPlan;
import dev.llmcap.model.TrainingInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores the training rules against published training runs (the calibration training.csv layout: model, gpu,
 * gpu_count, parallelism, precision, seq_len, global_batch, micro_batch, tokens_trained, gpu_hours,
 * tokens_per_sec_per_gpu, mfu_pct, notes, derived): plans each usable row (at its stated layout when it gives one) and
 * compares whichever the row states: tokens/s per GPU (measured, not derived), GPU-hours for its tokens and GPUs, or MFU
 * at its layout. Used by the accuracy tests and by the validate command.
 */
public final class TrainingValidation {
  /** Metrics scored, in report order. */
  public static final List<String> METRICS = List.of("tokens_per_s_per_gpu", "gpu_hours", "mfu");

  /**
   * One scored (or skipped) row and metric. basis (GPU-hour rows only): "whole run" (a run's elapsed or billed hours, scored
   * against the expected GPU-hours), "whole run, in-sample" (the run an assumption was taken from) or "steady-state hours"
   * (hours the source computed from a logged rate, scored against the ideal GPU-hours).
   */
  public record Row(String id, String metric, String model, String gpu, Integer gpus, String precision, int seqLen, String method,
      boolean checkpointing, boolean moe, String layout, double measured, Double predicted, Double errorPct, String skipped, String basis) {
    /** A row without a GPU-hour basis. */
    public Row(String id, String metric, String model, String gpu, Integer gpus, String precision, int seqLen, String method,
        boolean checkpointing, boolean moe, String layout, double measured, Double predicted, Double errorPct, String skipped) {
      this(id, metric, model, gpu, gpus, precision, seqLen, method, checkpointing, moe, layout, measured, predicted, errorPct, skipped, null);
    }
  }

  /** GPU-hour bases summarised apart (dense rows), in report order; "whole run" also counts its in-sample row. */
  static final List<String> BASES = List.of("whole run", "whole run, held out", "steady-state hours");

  /** Median and 90th-percentile absolute error of one metric over dense or MoE rows. */
  public record Summary(String metric, String group, int rows, double medianAbsErrorPct, double p90AbsErrorPct) {}

  /** All rows, the median absolute percentage error of tokens/s per GPU (dense and MoE), and per metric and group. */
  public record Report(List<Row> rows, double medianAbsErrorPct, int scored, List<Summary> summaries) {
    /** A fixed-width table, one line per row, then the medians. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-7s %-20s %-15s %-10s %6s %-5s %6s %-5s %-4s %-26s %10s %10s %8s%n", "id", "metric", "model", "gpu", "gpus",
          "prec", "seq", "meth", "ckpt", "layout", "measured", "predicted", "error"));
      for (Row r : rows) {
        if (r.skipped() != null) {
          sb.append(String.format(Locale.ROOT, "%-7s %-20s skipped: %s%n", r.id(), r.metric(), r.skipped()));
          continue;
        }
        sb.append(String.format(Locale.ROOT, "%-7s %-20s %-15s %-10s %6s %-5s %6d %-5s %-4s %-26s %10.4g %10.4g %+7.1f%%%n", r.id(), r.metric(),
            r.model(), r.gpu(), r.gpus() == null ? "-" : r.gpus(), r.precision(), r.seqLen(), r.method(), r.checkpointing() ? "yes" : "no",
            r.layout(), r.measured(), r.predicted(), r.errorPct()));
      }
      for (Summary m : summaries) {
        sb.append(String.format(Locale.ROOT, "median absolute error of %s (%s): %.1f%% (p90 %.1f%%) over %d rows%n", m.metric(), m.group(),
            m.medianAbsErrorPct(), m.p90AbsErrorPct(), m.rows()));
      }
      sb.append(String.format(Locale.ROOT, "median absolute error of tokens/s per GPU: %.1f%% over %d rows%n", medianAbsErrorPct, scored));
      sb.append("(* the run does not fit those GPUs in llmcap's memory model; its per-GPU rate without a layout is scored)\n");
      return sb.toString();
    }
  }

  /** Assumption that makes a plan use the cloud's instance shapes; published runs used their own clusters, so it is 0 here. */
  static final String CLOUD_INSTANCE_NETWORK = "train.cloud_instance_network";

  private static final Pattern LEADING_INT = Pattern.compile("^\\s*(\\d+)");
  private static final Pattern MILLION_TOKENS = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)M tokens");
  private static final Pattern TOKENS = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s*([TBM])");
  private static final Pattern DEGREE = Pattern.compile("\\b(TP|PP|VP|CP|EP|DP|ZERO)(\\d+)\\b");
  private static final Pattern NODE = Pattern.compile("\\bgpus_per_node=(\\d+)");
  private static final Pattern SCALEOUT = Pattern.compile("\\bscaleout_gbits_per_gpu=(\\d+(?:\\.\\d+)?)");

  private TrainingValidation() {}

  /** Plans every row of a training calibration CSV with the engine and scores what each row states. */
  public static Report score(LLMForecastEngine engine, Path csv) throws IOException {
    if (engine.assumptions().get(CLOUD_INSTANCE_NETWORK).isPresent()) {
      try {
        // published runs used their own clusters: the GPU catalog's node size and the scale-out assumptions, not a cloud instance
        engine = engine.withAssumptions(engine.assumptions().withOverrides(Map.of(CLOUD_INSTANCE_NETWORK, "0")));
      } catch (RuleSetException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> f : read(csv)) {
      rows.addAll(scoreRow(engine, f));
    }
    List<Double> tps = new ArrayList<>();
    List<Summary> summaries = new ArrayList<>();
    for (String metric : METRICS) {
      for (boolean moe : new boolean[] {false, true}) {
        List<Double> errors = new ArrayList<>();
        for (Row r : rows) {
          if (r.errorPct() != null && r.metric().equals(metric) && r.moe() == moe) {
            errors.add(Math.abs(r.errorPct()));
            if (metric.equals(METRICS.get(0))) {
              tps.add(Math.abs(r.errorPct()));
            }
          }
        }
        if (!errors.isEmpty()) {
          summaries.add(new Summary(metric, moe ? "MoE" : "dense", errors.size(), median(errors), percentile(errors, 0.9)));
        }
        if (metric.equals("gpu_hours") && !moe) {
          for (String basis : BASES) {
            List<Double> part = new ArrayList<>();
            for (Row r : rows) {
              if (r.errorPct() != null && r.metric().equals(metric) && !r.moe() && r.basis() != null
                  && (basis.equals("whole run, held out") ? r.basis().equals("whole run") : r.basis().startsWith(basis))) {
                part.add(Math.abs(r.errorPct()));
              }
            }
            if (!part.isEmpty()) {
              summaries.add(new Summary(metric, "dense, " + basis, part.size(), median(part), percentile(part, 0.9)));
            }
          }
        }
      }
    }
    return new Report(rows, median(tps), tps.size(), summaries);
  }

  private static List<Row> scoreRow(LLMForecastEngine engine, Map<String, String> f) {
    String id = f.getOrDefault("id", "?");
    String modelName = f.getOrDefault("model", "");
    String gpuField = f.getOrDefault("gpu", "");
    String precision = f.getOrDefault("precision", "").toLowerCase(Locale.ROOT).contains("fp8") ? "FP8" : "BF16";
    String method = f.getOrDefault("task", "").contains("LoRA") ? "lora" : "full";
    String notes = f.getOrDefault("notes", "");
    boolean ckpt = notes.contains("activation checkpointing=True");
    // GPU-hours the source computed from a logged steady-state rate (tokens / measured throughput), not a run's elapsed time
    boolean steadyHours = notes.contains("gpu_hours=steady-state");
    // the run's framework had no sequence parallelism (its source says so): tensor-parallel ranks repeat the residual-stream kernels
    boolean noSequenceParallel = notes.contains("sequence_parallel=false");
    // the run's framework reduced the gradients only after the backward pass (its source or code says so)
    boolean noSyncOverlap = notes.contains("gradient_sync_overlap=false");
    // the run's own scale-out network per GPU, where its source names the cluster (Gb/s line rate)
    Matcher net = SCALEOUT.matcher(notes);
    String scaleoutText = net.find() ? net.group(1) : null;
    Double scaleout = scaleoutText == null ? null : Double.valueOf(scaleoutText);
    Matcher node = NODE.matcher(notes);
    Integer perNode = node.find() ? Integer.valueOf(node.group(1)) : null;
    Integer gpus = integer(f.get("gpu_count"));
    Integer seq = integer(f.get("seq_len"));
    String layout = layout(f.getOrDefault("parallelism", ""));
    boolean derivedTps = f.getOrDefault("derived", "").contains("tokens_per_sec_per_gpu");
    Double tps = derivedTps ? null : number(f.get("tokens_per_sec_per_gpu"));
    Double gpuHours = number(f.get("gpu_hours"));
    Double tokens = tokens(f.get("tokens_trained"));
    Double mfu = number(f.get("mfu_pct"));
    Map<String, Double> measured = new LinkedHashMap<>();
    if (tps != null) {
      measured.put("tokens_per_s_per_gpu", tps);
    }
    if (gpuHours != null && tokens != null) {
      measured.put("gpu_hours", gpuHours);
    }
    if (mfu != null && tps == null && layout != null) {
      measured.put("mfu", mfu / 100.0);
    }
    String gpuName = engine.catalog().gpu(gpuField).isPresent() ? gpuField : gpuField.replaceFirst("\\s*\\(.*$", "");
    boolean moe = engine.catalog().model(modelName).map(m -> m.getExperts() > 0).orElse(false);
    String skip = null;
    if (measured.isEmpty()) {
      skip = gpuHours != null ? "GPU-hours without a token count" : mfu != null ? "MFU without a layout" : "no tokens/s per GPU, GPU-hours or MFU";
      measured.put(gpuHours != null ? "gpu_hours" : mfu != null ? "mfu" : "tokens_per_s_per_gpu", 0.0);
    } else if (seq == null) {
      skip = "no sequence length";
    } else if (engine.catalog().model(modelName).isEmpty()) {
      skip = "model " + modelName + " not in the catalog";
    } else if (engine.catalog().gpu(gpuName).isEmpty()) {
      skip = "GPU " + gpuField + " not in the catalog";
    }
    Integer batch = globalBatch(f.get("global_batch"), seq);
    if (skip == null && batch == null) {
      skip = "no global batch";
    }
    List<Row> out = new ArrayList<>();
    if (skip != null) {
      for (Map.Entry<String, Double> e : measured.entrySet()) {
        out.add(new Row(id, e.getKey(), modelName, gpuField, gpus, precision, seq == null ? 0 : seq, method, ckpt, moe, layout, e.getValue(), null, null, skip));
      }
      return out;
    }
    gpuName = engine.catalog().gpu(gpuName).get().getId();
    Integer planGpus = gpus;
    String scale = "";
    if (planGpus == null && measured.containsKey("gpu_hours")) {
      try {
        planGpus = (int) engine.assumptions().number("validate.training_default_gpus");
      } catch (RuleSetException e) {
        return List.of(new Row(id, "gpu_hours", modelName, gpuName, null, precision, seq, method, ckpt, moe, layout, measured.get("gpu_hours"), null, null,
            "no GPU count and no validate.training_default_gpus assumption"));
      }
      scale = "~";
    }
    long dataset = measured.containsKey("gpu_hours") ? Math.round(tokens) : (long) batch * seq * 100;
    TrainingInput t = new TrainingInput(dataset, seq, 1, batch);
    t.setTrainingPrecision(precision);
    t.setGradientCheckpointing(ckpt);
    t.setMethod(method);
    t.setMicroBatchSize(integer(f.get("micro_batch")));
    t.setNumGpus(planGpus);
    t.setOptimizerType("AdamW");
    t.setLayout(layout);
    t.setSequenceParallel(!noSequenceParallel);
    if (noSyncOverlap) {
      t.setGradientSyncOverlap(false);
    }
    t.setScaleoutGbitsPerGpu(scaleout);
    t.setGpusPerNode(perNode);
    ModelConfig m = new ModelConfig();
    m.setModelName(modelName);
    PlanRequest r = new PlanRequest();
    r.setMode("training");
    r.setTraining(t);
    r.setModel(m);
    r.getGpu().setGpuType(gpuName);
    r.getOptions().setIncludeCost(false);
    String shown = layout == null ? "searched" : layout;
    try {
      TrainingCapacityPlan plan = engine.planTraining(r, Map.of(), false);
      if (plan.layoutSearch() != null && plan.layoutSearch().layout() != null) {
        shown = (layout == null ? "~" : "") + plan.layoutSearch().layout();
      }
      if (noSequenceParallel) {
        shown = shown + ",noSP";
      }
      if (noSyncOverlap) {
        shown = shown + ",syncDP";
      }
      if (scaleout != null) {
        shown = shown + "," + scaleoutText + "Gb"; // as the row writes it
      }
      if (perNode != null) {
        shown = shown + "," + perNode + "/node";
      }
      for (Map.Entry<String, Double> e : measured.entrySet()) {
        Double predicted;
        String meth = method;
        switch (e.getKey()) {
          case "gpu_hours":
            if (steadyHours) {
              predicted = plan.goodput() == null ? null : plan.goodput().idealGpuHours();
              meth = method + "^";
            } else {
              predicted = plan.goodput() == null ? null : plan.goodput().expectedGpuHours();
            }
            break;
          case "mfu":
            predicted = plan.layoutSearch() == null ? null : plan.layoutSearch().achievedMfu();
            break;
          default:
            predicted = plan.trainingMetrics().tokensPerSecondPerGpu();
            if (predicted == null && layout == null) {
              // the run does not fit the row's GPUs under llmcap's memory model: score the per-GPU rate the rules still derive
              predicted = plan.trainingMetrics().idealTokensPerSecondPerGpu();
              meth = method + "*";
            }
        }
        if (predicted == null) {
          String why = plan.findings().stream().filter(x -> "verdict".equals(x.kind())).map(x -> x.message()).findFirst().orElse("no figure derived");
          out.add(new Row(id, e.getKey(), modelName, gpuName, planGpus, precision, seq, meth, ckpt, moe, shown, e.getValue(), null, null, why));
        } else {
          String basis = !e.getKey().equals("gpu_hours") ? null : steadyHours ? "steady-state hours"
              : notes.contains("in-sample: train.production_efficiency") ? "whole run, in-sample" : "whole run";
          out.add(new Row(id, e.getKey(), modelName, gpuName, planGpus, precision, seq, meth + scale, ckpt, moe, shown, e.getValue(), predicted,
              (predicted / e.getValue() - 1) * 100, null, basis));
        }
      }
    } catch (InputException | RuleSetException e) {
      for (Map.Entry<String, Double> x : measured.entrySet()) {
        out.add(new Row(id, x.getKey(), modelName, gpuName, planGpus, precision, seq, method, ckpt, moe, shown, x.getValue(), null, null, e.getMessage()));
      }
    }
    return out;
  }

  /** The fixed layout of a parallelism column: "TP4 PP4 CP1 VP20" -> TP4,PP4,CP1,VP20; FSDP FULL_SHARD -> TP1,PP1,ZERO3. */
  private static String layout(String parallelism) {
    if (parallelism.toUpperCase(Locale.ROOT).contains("FSDP")) {
      return "TP1,PP1,ZERO3";
    }
    Matcher m = DEGREE.matcher(parallelism.toUpperCase(Locale.ROOT));
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      sb.append(sb.length() == 0 ? "" : ",").append(m.group(1)).append(m.group(2));
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** Tokens such as 2.0T, 15.6T, 300B. */
  private static Double tokens(String v) {
    if (v == null) {
      return null;
    }
    Matcher m = TOKENS.matcher(v);
    if (!m.find()) {
      return null;
    }
    double scale = switch (m.group(2)) {
      case "T" -> 1e12;
      case "B" -> 1e9;
      default -> 1e6;
    };
    return Double.parseDouble(m.group(1)) * scale;
  }

  /** Global batch in sequences: a number, or "4M tokens" divided by the sequence length (4M = 4 x 2^20 tokens). */
  private static Integer globalBatch(String v, Integer seq) {
    if (v == null || v.isBlank() || seq == null) {
      return null;
    }
    Matcher mt = MILLION_TOKENS.matcher(v);
    if (mt.find()) {
      return (int) Math.round(Double.parseDouble(mt.group(1)) * (1 << 20) / seq);
    }
    return integer(v);
  }

  private static Integer integer(String v) {
    if (v == null) {
      return null;
    }
    Matcher m = LEADING_INT.matcher(v);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  private static Double number(String v) {
    try {
      return v == null || v.isBlank() ? null : Double.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(xs);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** Percentile q (0-1) interpolating between ranks, as the serving accuracy report does. */
  private static double percentile(List<Double> xs, double q) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(xs);
    s.sort(Double::compare);
    double at = q * (s.size() - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(s.size() - 1, lo + 1);
    return s.get(lo) + (at - lo) * (s.get(hi) - s.get(lo));
  }

  private static List<Map<String, String>> read(Path csv) throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    List<Map<String, String>> out = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
        .readValues(csv.toFile())) {
      while (it.hasNextValue()) {
        out.add(it.nextValue());
      }
    }
    return out;
  }
}
