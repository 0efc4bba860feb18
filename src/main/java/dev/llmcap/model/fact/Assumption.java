package dev.llmcap.model.fact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;

/** A tunable constant read from the rules folder's assumptions file, inserted as a fact so rules and the trace can name it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "value", "text", "unit", "min", "max", "per_gpu", "description", "source"})
public final class Assumption {
  private String name;
  private Double value;
  private String text;
  private String unit;
  private Double min;
  private Double max;
  private String description;
  private String source;
  private Boolean perGpu;
  private String baseName = "";
  private String qualifier = "";
  private String group = "";
  private String member = "";

  public Assumption() {}

  public Assumption(String name, Double value, String text, String unit, Double min, Double max, String description, String source) {
    this.name = name;
    this.value = value;
    this.text = text;
    this.unit = unit;
    this.min = min;
    this.max = max;
    this.description = description;
    this.source = source;
    splitName();
  }

  /** Name parts read by rule conditions, computed once (not on every match). */
  private void splitName() {
    int at = name == null ? -1 : name.indexOf('@');
    baseName = name == null ? "" : at < 0 ? name : name.substring(0, at);
    qualifier = at < 0 ? "" : name.substring(at + 1);
    int dot = baseName.lastIndexOf('.');
    group = dot < 0 ? "" : baseName.substring(0, dot);
    member = baseName.substring(dot + 1);
  }

  /** A copy with another value and source (used for overrides and calibration). */
  public Assumption withValue(Double newValue, String newText, String newSource) {
    Assumption a = new Assumption(name, newValue, newText, unit, min, max, description, newSource);
    a.perGpu = perGpu;
    return a;
  }

  public String getName() { return name; }
  public double getValue() { return value == null ? Double.NaN : value; }
  public Double getNumber() { return value; }
  public String getText() { return text; }
  public String getUnit() { return unit == null ? "" : unit; }
  public Double getMin() { return min; }
  public Double getMax() { return max; }
  public String getDescription() { return description; }
  public String getSource() { return source; }
  /** True for a tunable that may be overridden per GPU, architecture or precision with name@qualifier entries. */
  public Boolean getPerGpu() { return perGpu; }
  public void setPerGpu(Boolean v) { this.perGpu = v; }
  /** The name without its @qualifier. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String getBaseName() { return baseName; }
  /** The qualifier after '@' ("" for a base entry). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String getQualifier() { return qualifier; }
  /**
   * The base name up to its last '.' (bytes_per_weight for bytes_per_weight.FP8; "" without a dot): rules select a family
   * of assumptions with a constant group and join on the member, which the engine can index.
   */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String getGroup() { return group; }
  /** The base name after its last '.' (FP8 for bytes_per_weight.FP8). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String getMember() { return member; }

  public void setName(String name) { this.name = name; splitName(); }
  public void setValue(Double value) { this.value = value; }
  public void setText(String text) { this.text = text; }
  public void setUnit(String unit) { this.unit = unit; }
  public void setMin(Double min) { this.min = min; }
  public void setMax(Double max) { this.max = max; }
  public void setDescription(String description) { this.description = description; }
  public void setSource(String source) { this.source = source; }

  /** The value as shown in traces. */
  public String display() {
    return value != null ? dev.llmcap.engine.Fmt.n(value) + (unit == null || unit.isEmpty() ? "" : " " + unit) : text;
  }

  @Override
  public String toString() {
    return "assumption " + name + " = " + display() + (source == null ? "" : " [" + source + "]");
  }
}
