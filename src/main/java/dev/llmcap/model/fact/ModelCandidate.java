package dev.llmcap.model.fact;

import dev.llmcap.catalog.ModelSpec;

/** A catalog model offered to the rules, either the one the user named or one of the entries an estimate may start from. */
public final class ModelCandidate {
  private final ModelSpec spec;

  public ModelCandidate(ModelSpec spec) {
    this.spec = spec;
  }

  public ModelSpec getSpec() { return spec; }
  public String getId() { return spec.getId(); }
  public double getParamsB() { return spec.getParamsB(); }

  @Override
  public String toString() {
    return "catalog " + spec;
  }
}
