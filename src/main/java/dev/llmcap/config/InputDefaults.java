package dev.llmcap.config;

import dev.llmcap.engine.Assumptions;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.model.ServiceInput;
import java.util.Map;

/** Fills unset inputs from the rules folder's `default.*` assumptions and records, per field, which default was used. */
final class InputDefaults {
  private final Assumptions assumptions;
  private final Map<String, String> from;

  InputDefaults(Assumptions assumptions, Map<String, String> from) {
    this.assumptions = assumptions;
    this.from = from;
  }

  double number(String assumption, String field) throws RuleSetException {
    double v = assumptions.number(assumption);
    from.put(field, "default (assumption " + assumption + ")");
    return v;
  }

  String text(String assumption, String field) throws RuleSetException {
    String v = assumptions.text(assumption);
    from.put(field, "default (assumption " + assumption + ")");
    return v;
  }

  /** Environment, criticality and cloud, shared by every mode. */
  void service(ServiceInput s) throws RuleSetException {
    if (s.getEnvironment() == null) {
      s.setEnvironment(text("default.environment", "service.environment"));
    }
    if (s.getCriticality() == null) {
      s.setCriticality(text("default.criticality", "service.criticality"));
    }
    if (s.getCloudProvider() == null) {
      s.setCloudProvider(text("default.cloud", "service.cloud_provider"));
    }
  }
}
