package dev.llmcap.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmcap.config.Json;

/** The plan as JSON (FR-5.1): snake_case, the seed's field names, stable order, trailing newline. */
public final class PlanJson {
  private PlanJson() {}

  public static String write(Object plan) {
    try {
      return Json.shared().writeValueAsString(plan) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plan cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
