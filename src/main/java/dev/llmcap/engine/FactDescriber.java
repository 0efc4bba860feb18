package dev.llmcap.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.model.GpuConfig;
import dev.llmcap.model.LLMWorkloadInput;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.ServiceInput;
import dev.llmcap.model.TrainingInput;

/** One-line descriptions of input facts for the trace (input records as compact JSON, catalog entries by their toString). */
final class FactDescriber {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private FactDescriber() {}

  static String describe(Object o) {
    if (o instanceof LLMWorkloadInput || o instanceof ModelConfig || o instanceof GpuConfig || o instanceof ServiceInput
        || o instanceof TrainingInput) {
      try {
        return o.getClass().getSimpleName() + " " + JSON.writeValueAsString(o);
      } catch (Exception e) {
        return o.getClass().getSimpleName();
      }
    }
    if (o instanceof GpuSpec || o instanceof ModelSpec) {
      return o.toString();
    }
    if (o instanceof Object[] results) {
      // an accumulate with several functions matches its results as one array: each result described in turn
      StringBuilder b = new StringBuilder("accumulated [");
      for (int i = 0; i < results.length; i++) {
        b.append(i == 0 ? "" : ", ").append(describe(results[i]));
      }
      return b.append(']').toString();
    }
    return String.valueOf(o);
  }
}
