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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores the training rules against published training throughput (the calibration training.csv layout: model, gpu,
 * gpu_count, precision, seq_len, global_batch, micro_batch, task, notes, tokens_per_sec_per_gpu): plans each usable row
 * and compares tokens/s per GPU. Used by the accuracy tests and by a validate command.
 */
public final class TrainingValidation {
  /** One scored (or skipped) row. */
  public record Row(String id, String model, String gpu, Integer gpus, String precision, int seqLen, String method,
      boolean checkpointing, double measured, Double predicted, Double errorPct, String skipped) {}

  /** All rows and the median absolute percentage error of the scored ones. */
  public record Report(List<Row> rows, double medianAbsErrorPct, int scored) {
    /** A fixed-width table, one line per row, then the median. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-7s %-12s %-10s %5s %-5s %6s %-5s %-4s %10s %10s %8s%n", "id", "model", "gpu", "gpus",
          "prec", "seq", "meth", "ckpt", "measured", "predicted", "error"));
      for (Row r : rows) {
        if (r.skipped() != null) {
          sb.append(String.format(Locale.ROOT, "%-7s skipped: %s%n", r.id(), r.skipped()));
          continue;
        }
        sb.append(String.format(Locale.ROOT, "%-7s %-12s %-10s %5s %-5s %6d %-5s %-4s %10.0f %10.0f %+7.1f%%%n", r.id(), r.model(), r.gpu(),
            r.gpus() == null ? "-" : r.gpus(), r.precision(), r.seqLen(), r.method(), r.checkpointing() ? "yes" : "no", r.measured(),
            r.predicted(), r.errorPct()));
      }
      sb.append(String.format(Locale.ROOT, "median absolute error of tokens/s per GPU: %.1f%% over %d rows%n", medianAbsErrorPct, scored));
      sb.append("(* the run does not fit those GPUs in llmcap's memory model; its per-GPU rate without a layout is scored)\n");
      return sb.toString();
    }
  }

  private static final Pattern LEADING_INT = Pattern.compile("^\\s*(\\d+)");
  private static final Pattern MILLION_TOKENS = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)M tokens");

  private TrainingValidation() {}

  /** Plans every row of a training calibration CSV with the engine and scores tokens/s per GPU. */
  public static Report score(LLMForecastEngine engine, Path csv) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> f : read(csv)) {
      rows.add(scoreRow(engine, f));
    }
    List<Double> errors = new ArrayList<>();
    for (Row r : rows) {
      if (r.errorPct() != null) {
        errors.add(Math.abs(r.errorPct()));
      }
    }
    return new Report(rows, median(errors), errors.size());
  }

  private static Row scoreRow(LLMForecastEngine engine, Map<String, String> f) {
    String id = f.getOrDefault("id", "?");
    String modelName = f.getOrDefault("model", "");
    String gpuField = f.getOrDefault("gpu", "");
    String precision = f.getOrDefault("precision", "").toLowerCase(Locale.ROOT).contains("fp8") ? "FP8" : "BF16";
    String method = f.getOrDefault("task", "").contains("LoRA") ? "lora" : "full";
    boolean ckpt = f.getOrDefault("notes", "").contains("activation checkpointing=True");
    Integer gpus = integer(f.get("gpu_count"));
    Integer seq = integer(f.get("seq_len"));
    Double measured = number(f.get("tokens_per_sec_per_gpu"));
    String gpuName = engine.catalog().gpu(gpuField).isPresent() ? gpuField : gpuField.replaceFirst("\\s*\\(.*$", "");
    String skip = null;
    if (measured == null) {
      skip = "no tokens/s per GPU";
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
    if (skip != null) {
      return new Row(id, modelName, gpuField, gpus, precision, seq == null ? 0 : seq, method, ckpt, measured == null ? 0 : measured,
          null, null, skip);
    }
    gpuName = engine.catalog().gpu(gpuName).get().getId();
    TrainingInput t = new TrainingInput((long) batch * seq * 100, seq, 1, batch);
    t.setTrainingPrecision(precision);
    t.setGradientCheckpointing(ckpt);
    t.setMethod(method);
    t.setMicroBatchSize(integer(f.get("micro_batch")));
    t.setNumGpus(gpus);
    t.setOptimizerType("AdamW");
    ModelConfig m = new ModelConfig();
    m.setModelName(modelName);
    PlanRequest r = new PlanRequest();
    r.setMode("training");
    r.setTraining(t);
    r.setModel(m);
    r.getGpu().setGpuType(gpuName);
    r.getOptions().setIncludeCost(false);
    try {
      TrainingCapacityPlan plan = engine.planTraining(r, Map.of(), false);
      Double predicted = plan.trainingMetrics().tokensPerSecondPerGpu();
      if (predicted == null) {
        // the run does not fit the row's GPUs under llmcap's memory model: score the per-GPU rate the rules still derive
        predicted = plan.trainingMetrics().idealTokensPerSecondPerGpu();
        method = method + "*";
      }
      if (predicted == null) {
        return new Row(id, modelName, gpuName, gpus, precision, seq, method, ckpt, measured, null, null, "no throughput derived");
      }
      double err = (predicted / measured - 1) * 100;
      return new Row(id, modelName, gpuName, gpus, precision, seq, method, ckpt, measured, predicted, err, null);
    } catch (InputException | RuleSetException e) {
      return new Row(id, modelName, gpuName, gpus, precision, seq, method, ckpt, measured, null, null, e.getMessage());
    }
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
