package dev.llmcap.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chain behind one figure of a plan: the trace entry that concluded it, then, recursively, the entries of the derived
 * facts its rule matched, down to input records, catalog entries and assumptions. A step reached twice is shown once.
 */
public final class FigureExplanation {
  private static final int FACT_WIDTH = 110;

  private final String field;
  private final String value;
  private final TraceEntry root;
  private final Map<Integer, TraceEntry> bySteps = new HashMap<>();
  private final RuleLocations locations;
  private final String rulesDir;
  private final Map<String, JsonNode> assumptions = new HashMap<>();

  private FigureExplanation(String field, String value, TraceEntry root, List<TraceEntry> trace, RuleLocations locations,
      String rulesDir, JsonNode plan) {
    this.field = field;
    this.value = value;
    this.root = root;
    this.locations = locations;
    this.rulesDir = rulesDir;
    for (TraceEntry e : trace) {
      bySteps.put(e.getStep(), e);
    }
    JsonNode used = plan.get("assumptions");
    if (used != null) {
      used.forEach(a -> assumptions.put(a.path("name").asText(), a));
    }
  }

  /**
   * Explains a plan field ("gpu_resources.min_gpus_per_replica", "verdict"...) or, for rule authors, a conclusion by its
   * own name ("gpus_per_replica", "B200.gpus_per_replica"). The plan is its JSON tree, with the trace of the same run.
   */
  public static FigureExplanation of(String field, JsonNode plan, List<TraceEntry> trace, RuleBase rules)
      throws UnknownFieldException {
    Map<String, String> fields = PlanFields.of(plan);
    String scope = preferredScope(plan);
    String subject = PlanFields.subject(field);
    String wantedScope = null;
    if (!fields.containsKey(field) && field.contains(".")) {
      int dot = field.indexOf('.');
      String maybeScope = field.substring(0, dot);
      if (trace.stream().anyMatch(e -> e.getScope().equals(maybeScope))) {
        wantedScope = maybeScope;
        subject = field.substring(dot + 1);
      }
    }
    Optional<TraceEntry> entry = find(trace, subject, wantedScope != null ? List.of(wantedScope) : List.of(scope, ""));
    if (entry.isEmpty() && fields.containsKey(field)) {
      throw new UnknownFieldException(field + " is not concluded by a rule in this plan (an input or a label copied into it)",
          List.of());
    }
    if (entry.isEmpty()) {
      List<String> known = new ArrayList<>(fields.keySet());
      throw new UnknownFieldException("unknown field '" + field + "'", PlanFields.closest(field, known));
    }
    String shown = fields.getOrDefault(field, entry.get().getConclusion());
    return new FigureExplanation(field, shown, entry.get(), trace, RuleLocations.of(rules), rules.displayDir(), plan);
  }

  /** The GPU the plan recommends (the scope of its per-GPU figures), or "" without one. */
  private static String preferredScope(JsonNode plan) {
    JsonNode g = plan.path("gpu_resources").path("recommended_gpu_type");
    if (!g.isMissingNode() && !g.isNull()) {
      return g.asText();
    }
    return plan.path("gpu_config").path("gpu_type").asText("");
  }

  private static Optional<TraceEntry> find(List<TraceEntry> trace, String subject, List<String> scopes) {
    for (String s : scopes) {
      TraceEntry found = null;
      for (TraceEntry e : trace) {
        if (e.links().subject().equals(subject) && (e.getScope().equals(s) || "Recommendation".equals(subject))) {
          found = e;
        }
      }
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /** "file:line" of the rule of an entry, below the rules folder as shown to the user. */
  private String where(TraceEntry e) {
    return locations.of(e.links().rulePackage(), e.getRule()).map(l -> rulesDir + "/" + l).orElse(rulesDir + "/?");
  }

  /**
   * The explanation as an indented tree, one line per step (its conclusion, rule and rule location), then the formula
   * with numbers, one line of the assumptions (with their source the first time) and one of the input facts (in full the
   * first time) it matched (a step that only reads assumptions keeps them on its own line), then the steps it matched,
   * one level deeper. A step reached again is not repeated; steps deeper than maxDepth (0 = unlimited) are counted, not
   * shown.
   */
  public String text(int maxDepth) {
    StringBuilder b = new StringBuilder();
    b.append(field).append(" = ").append(value).append('\n');
    node(b, root, 1, maxDepth, new HashSet<>(), new HashSet<>(), new HashSet<>());
    if (!root.getScope().isEmpty() && !"Recommendation".equals(root.links().subject())) {
      recommendation().ifPresent(r -> b.append("  (figures of GPU ").append(root.getScope()).append(", the GPU chosen by rule \"")
          .append(r.getRule()).append("\" ").append(where(r)).append("; explain gpu_resources.recommended_gpu_type for why)\n"));
    }
    return b.toString();
  }

  private Optional<TraceEntry> recommendation() {
    return bySteps.values().stream().filter(e -> "Recommendation".equals(e.links().subject()))
        .filter(e -> e.getConclusion().contains(root.getScope())).findFirst();
  }

  private void node(StringBuilder b, TraceEntry e, int depth, int maxDepth, Set<Integer> seen, Set<String> shownAssumptions,
      Set<String> shownFacts) {
    String pad = "  ".repeat(depth);
    String scope = e.getScope().isEmpty() ? "" : " [" + e.getScope() + "]";
    seen.add(e.getStep());
    b.append(pad).append(shorten(e.getConclusion())).append(scope).append("  <- \"").append(e.getRule()).append("\" ")
        .append(where(e));
    String inner = pad + "   ";
    boolean formula = !e.getFormula().isEmpty() && !e.getConclusion().contains(e.getFormula())
        && !e.getFormula().startsWith("assumption ");
    Set<String> names = new java.util.LinkedHashSet<>(e.links().assumptionNames());
    boolean newFacts = e.links().facts().stream().anyMatch(f -> !shownFacts.contains(f));
    boolean leaf = children(e).stream().allMatch(c -> seen.contains(c.getStep()));
    if (!formula && !names.isEmpty() && !newFacts && leaf) {
      // a step that only reads assumptions (e.g. a tunable and its per-GPU override) is shown on one line
      b.append("; ").append(assumptionsLine(names, shownAssumptions)).append('\n');
      return;
    }
    b.append('\n');
    if (formula) {
      b.append(inner).append("= ").append(e.getFormula()).append('\n');
    }
    // the assumptions of a step on one line, then its input facts not shown before on one line
    if (!names.isEmpty()) {
      b.append(inner).append(assumptionsLine(names, shownAssumptions)).append('\n');
    }
    List<String> facts = new ArrayList<>();
    for (String fact : e.links().facts()) {
      if (shownFacts.add(fact)) {
        facts.add("input " + shorten(fact));
      }
    }
    if (!facts.isEmpty()) {
      b.append(inner).append(String.join(" | ", facts)).append('\n');
    }
    List<TraceEntry> children = new ArrayList<>();
    for (TraceEntry c : children(e)) {
      if (!seen.contains(c.getStep())) {
        children.add(c);
      }
    }
    if (maxDepth > 0 && depth >= maxDepth) {
      if (!children.isEmpty()) {
        b.append(inner).append("... ").append(children.size()).append(" derived input(s) below depth ").append(maxDepth)
            .append(" (raise --depth)\n");
      }
      return;
    }
    for (TraceEntry c : children) {
      if (!seen.contains(c.getStep())) {
        node(b, c, depth + 1, maxDepth, seen, shownAssumptions, shownFacts);
      }
    }
  }

  private List<TraceEntry> children(TraceEntry e) {
    List<TraceEntry> out = new ArrayList<>();
    for (int step : e.links().fromSteps()) {
      TraceEntry c = bySteps.get(step);
      if (c != null && !out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** "assumption NAME = VALUE UNIT  (source: ...)" for each name (the source the first time), joined by " | ". */
  private String assumptionsLine(Set<String> names, Set<String> shownAssumptions) {
    List<String> parts = new ArrayList<>();
    for (String name : names) {
      parts.add("assumption " + assumptionText(name, shownAssumptions.add(name)));
    }
    return String.join(" | ", parts);
  }

  private String assumptionText(String name, boolean first) {
    JsonNode a = assumptions.get(name);
    if (a == null) {
      return name;
    }
    String v = a.has("value") ? Fmt.n(a.get("value").asDouble()) : a.path("text").asText();
    String unit = a.path("unit").asText("");
    String text = name + " = " + v + (unit.isEmpty() ? "" : " " + unit);
    if (first && a.hasNonNull("source")) {
      text += "  (source: " + a.get("source").asText() + ")";
    }
    return text;
  }

  private static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= FACT_WIDTH ? one : one.substring(0, FACT_WIDTH - 3) + "...";
  }

  /** The explanation as JSON: field, value and a tree of steps (a step reached again is {"step": n, "see_above": true}). */
  public JsonNode json(int maxDepth) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("field", field);
    o.put("value", value);
    o.set("explanation", jsonNode(root, 1, maxDepth, new HashSet<>()));
    return o;
  }

  private JsonNode jsonNode(TraceEntry e, int depth, int maxDepth, Set<Integer> seen) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("step", e.getStep());
    if (!seen.add(e.getStep())) {
      n.put("conclusion", e.getConclusion());
      n.put("see_above", true);
      return n;
    }
    n.put("conclusion", e.getConclusion());
    if (!e.getScope().isEmpty()) {
      n.put("scope", e.getScope());
    }
    n.put("rule", e.getRule());
    n.put("rule_location", where(e));
    if (!e.getFormula().isEmpty()) {
      n.put("formula", e.getFormula());
    }
    ArrayNode as = n.putArray("assumptions");
    for (String name : e.links().assumptionNames()) {
      JsonNode a = assumptions.get(name);
      as.add(a == null ? JsonNodeFactory.instance.objectNode().put("name", name) : a.deepCopy());
    }
    ArrayNode facts = n.putArray("facts");
    e.links().facts().forEach(facts::add);
    ArrayNode from = n.putArray("derived_from");
    List<TraceEntry> children = children(e);
    if (maxDepth > 0 && depth >= maxDepth) {
      children.forEach(c -> from.add(JsonNodeFactory.instance.objectNode().put("step", c.getStep()).put("truncated", true)));
    } else {
      children.forEach(c -> from.add(jsonNode(c, depth + 1, maxDepth, seen)));
    }
    return n;
  }

  /** Every rule the explanation reaches (at any depth), as "package/name". */
  public Set<String> rulesReached() {
    Set<String> names = new java.util.TreeSet<>();
    collectRules(root, new HashSet<>(), names);
    return names;
  }

  private void collectRules(TraceEntry e, Set<Integer> seen, Set<String> names) {
    if (!seen.add(e.getStep())) {
      return;
    }
    names.add(e.links().rulePackage() + "/" + e.getRule());
    children(e).forEach(c -> collectRules(c, seen, names));
  }

  /** Every assumption name the explanation reaches (at any depth). */
  public Set<String> assumptionsReached() {
    Set<String> names = new java.util.TreeSet<>();
    collect(root, new HashSet<>(), names);
    return names;
  }

  private void collect(TraceEntry e, Set<Integer> seen, Set<String> names) {
    if (!seen.add(e.getStep())) {
      return;
    }
    names.addAll(e.links().assumptionNames());
    children(e).forEach(c -> collect(c, seen, names));
  }

  /** A field the plan does not have, with the closest known names. */
  public static final class UnknownFieldException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> suggestions;

    public UnknownFieldException(String message, List<String> suggestions) {
      super(message);
      this.suggestions = List.copyOf(suggestions);
    }

    public List<String> suggestions() { return suggestions; }
  }
}
