package dev.llmcap.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.InputException;
import dev.llmcap.model.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row to compute: a configuration source and the sweep combination to apply to it. Turning it into a request
 * (parse, apply the swept values, validate) happens on a worker thread.
 */
public record BatchJob(ConfigSource config, Map<String, String> sweep, List<String> sweepValues) {
  /** Every (config, combination) pair, configs in input order, combinations in sweep order. */
  public static List<BatchJob> of(List<ConfigSource> configs, Sweep sweep) {
    List<BatchJob> jobs = new ArrayList<>();
    int n = sweep.size();
    for (ConfigSource c : configs) {
      for (int i = 0; i < n; i++) {
        Map<String, String> combo = sweep.combination(i);
        jobs.add(new BatchJob(c, combo, List.copyOf(combo.values())));
      }
    }
    return jobs;
  }

  /** Every (config, combination) pair as the configs are read: one config's combinations at a time. */
  public static java.util.Iterator<BatchJob> stream(java.util.Iterator<ConfigSource> configs, Sweep sweep) {
    int n = sweep.size();
    return new java.util.Iterator<>() {
      private ConfigSource current;
      private int i = n;

      @Override
      public boolean hasNext() {
        return i < n || configs.hasNext();
      }

      @Override
      public BatchJob next() {
        if (i >= n) {
          current = configs.next();
          i = 0;
        }
        Map<String, String> combo = sweep.combination(i++);
        return new BatchJob(current, combo, List.copyOf(combo.values()));
      }
    };
  }

  public String source() {
    return config.source();
  }

  /**
   * The validated request. Batch plans skip the all-GPU comparison unless the config itself asks for it
   * (options.compare_gpus).
   */
  public PlanRequest request() throws InputException {
    if (config.error() != null) {
      throw new InputException(config.error());
    }
    ConfigLoader loader = new ConfigLoader();
    if (config.file() != null) {
      loader.load(config.file());
    } else {
      loader.load(parseLine(), config.source());
    }
    if (!"inference".equals(loader.mode())) {
      throw new InputException(config.source() + ": batch plans inference configs only (mode \"" + loader.mode() + "\")");
    }
    for (Map.Entry<String, String> e : sweep.entrySet()) {
      loader.override(e.getKey(), dev.llmcap.config.FlagBinding.inference().get(e.getKey()), e.getValue());
    }
    if (!loader.document().path("options").has("compare_gpus")) {
      loader.option("compare_gpus", false, "batch");
    }
    return loader.toRequest();
  }

  private JsonNode parseLine() throws InputException {
    try {
      return dev.llmcap.config.Json.documents().readTree(config.line());
    } catch (JsonProcessingException e) {
      String col = e.getLocation() == null ? "" : "column " + e.getLocation().getColumnNr() + ": ";
      String m = dev.llmcap.config.InputLimits.parseMessage(e);
      if (dev.llmcap.config.InputLimits.afterTheDocument(e)) {
        m = "unexpected content after the end of the configuration: one config per line";
      }
      throw new InputException(config.source() + ": " + col + m);
    }
  }
}
