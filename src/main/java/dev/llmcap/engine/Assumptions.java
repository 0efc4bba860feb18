package dev.llmcap.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.llmcap.model.fact.Assumption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tunable constants of a rules folder: assumptions.json, then calibration.json (if present) overriding values by name,
 * then command-line overrides. Each keeps its description and source so the trace can cite it.
 */
public final class Assumptions {
  /** File holding the shipped assumptions. */
  public static final String FILE = "assumptions.json";
  /** Optional file written by `llmcap calibrate`, overriding shipped values. */
  public static final String CALIBRATION_FILE = "calibration.json";

  private final Map<String, Assumption> byName;

  private Assumptions(Map<String, Assumption> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** Reads the assumptions of a rules folder. */
  public static Assumptions load(Path rulesDir) throws RuleSetException {
    ObjectMapper mapper = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    Path main = rulesDir.resolve(FILE);
    if (!Files.isRegularFile(main)) {
      throw new RuleSetException(main + ": assumptions file not found");
    }
    Map<String, Assumption> map = new LinkedHashMap<>();
    for (Assumption a : readList(mapper, main)) {
      if (a.getName() == null || (a.getNumber() == null && a.getText() == null)) {
        throw new RuleSetException(main + ": every assumption needs a name and a value or text (entry " + a.getName() + ")");
      }
      if (map.put(a.getName(), a) != null) {
        throw new RuleSetException(main + ": assumption '" + a.getName() + "' is defined twice");
      }
      checkRange(main, a);
    }
    Path cal = rulesDir.resolve(CALIBRATION_FILE);
    if (Files.isRegularFile(cal)) {
      merge(map, readList(mapper, cal), cal, main);
    }
    return new Assumptions(map);
  }

  /** Overrides (by name, or qualified name@QUALIFIER of a per-GPU assumption) merged into the map, each range-checked. */
  private static void merge(Map<String, Assumption> map, List<Assumption> entries, Path file, Path main) throws RuleSetException {
    for (Assumption a : entries) {
      Assumption base = map.get(a.getName());
      Assumption merged = base == null ? a : base.withValue(a.getNumber(), a.getText(), a.getSource());
      if (base == null) {
        String root = a.getName().contains("@") ? a.getName().substring(0, a.getName().indexOf('@')) : null;
        Assumption parent = root == null ? null : map.get(root);
        if (parent == null) {
          throw new RuleSetException(file + ": '" + a.getName() + "' overrides no assumption of " + main.getFileName());
        }
        merged = new Assumption(a.getName(), a.getNumber(), a.getText(), parent.getUnit(), parent.getMin(), parent.getMax(),
            a.getDescription() != null ? a.getDescription() : parent.getDescription(), a.getSource());
      }
      checkRange(file, merged);
      map.put(a.getName(), merged);
    }
  }

  /** A copy with calibration-style entries (name or name@QUALIFIER, value, source) merged in, as calibration.json would be. */
  public Assumptions withEntries(List<Assumption> entries, String origin) throws RuleSetException {
    Map<String, Assumption> map = new LinkedHashMap<>(byName);
    merge(map, entries, Path.of(origin), Path.of(FILE));
    return new Assumptions(map);
  }

  private static List<Assumption> readList(ObjectMapper mapper, Path file) throws RuleSetException {
    byte[] content;
    JsonNode root;
    try {
      content = Files.readAllBytes(file);
      root = mapper.readTree(content);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
          : ":" + e.getLocation().getLineNr() + ":" + Math.max(1, e.getLocation().getColumnNr());
      throw new RuleSetException(file + where + ": " + dev.llmcap.config.InputLimits.parseMessage(e));
    } catch (IOException e) {
      throw new RuleSetException(file + ": cannot read: " + dev.llmcap.config.InputLimits.describe(e));
    }
    if (root == null) {
      throw new RuleSetException(file + ": empty file; expected a JSON array of assumptions");
    }
    JsonNode list = root.isArray() ? root : root.path("assumptions");
    String prefix = root.isArray() ? "" : "assumptions.";
    if (!list.isArray()) {
      throw new RuleSetException(file + ": expected a JSON array of assumptions or an object with an 'assumptions' array");
    }
    dev.llmcap.config.SourceMap positions = dev.llmcap.config.SourceMap.of(mapper.getFactory(), content);
    List<Assumption> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int i = 0;
    for (JsonNode n : list) {
      String path = prefix + i++;
      String name = n.path("name").isTextual() ? n.path("name").asText() : null;
      String at = where(file, positions, path);
      String label = name == null ? "entry " + i : "assumption '" + dev.llmcap.config.InputLimits.echo(name) + "'";
      if (!n.isObject()) {
        problems.add(at + ": entry " + i + " must be an object with name, value or text, unit, min, max, description, source");
        continue;
      }
      if (name == null || name.isBlank()) {
        problems.add(at + ": entry " + i + " needs a \"name\" (a non-empty string)");
        continue;
      }
      String bad = null;
      for (String field : List.of("value", "min", "max")) {
        JsonNode v = n.get(field);
        if (v != null && !v.isNull() && (!v.isNumber() || !Double.isFinite(v.asDouble()))) {
          bad = field + " must be a finite number (got " + dev.llmcap.config.InputLimits.echo(v) + ")";
          problems.add(where(file, positions, path + "." + field) + ": " + label + ": " + bad);
        }
      }
      if (n.has("text") && !n.get("text").isNull() && !n.get("text").isTextual()) {
        bad = "text must be a string";
        problems.add(where(file, positions, path + ".text") + ": " + label + ": " + bad + " (got " + dev.llmcap.config.InputLimits.echo(n.get("text")) + ")");
      }
      if (bad != null) {
        continue;
      }
      try {
        out.add(mapper.treeToValue(n, Assumption.class));
      } catch (JsonProcessingException e) {
        problems.add(at + ": " + label + ": " + dev.llmcap.config.InputLimits.parseMessage(e));
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    return out;
  }

  private static String where(Path file, dev.llmcap.config.SourceMap positions, String path) {
    dev.llmcap.config.SourceMap.Position p = positions.find(path, false);
    return file + (p == null ? "" : ":" + p.line());
  }

  private static void checkRange(Path file, Assumption a) throws RuleSetException {
    Double v = a.getNumber();
    if (v == null) {
      return;
    }
    if (!Double.isFinite(v)) {
      throw new RuleSetException(file + ": assumption '" + a.getName() + "' must be a finite number (got " + v + ")");
    }
    if (a.getMin() != null && a.getMax() != null && a.getMin() > a.getMax()) {
      throw new RuleSetException(file + ": assumption '" + a.getName() + "' has min " + Fmt.n(a.getMin()) + " above max " + Fmt.n(a.getMax()));
    }
    if ((a.getMin() != null && v < a.getMin()) || (a.getMax() != null && v > a.getMax())) {
      throw new RuleSetException(file + ": assumption '" + a.getName() + "' = " + Fmt.n(v) + " is outside its range ["
          + (a.getMin() == null ? "-inf" : Fmt.n(a.getMin())) + ", " + (a.getMax() == null ? "inf" : Fmt.n(a.getMax())) + "]");
    }
  }

  /** A copy with command-line overrides applied (name=value), each checked against its range. */
  public Assumptions withOverrides(Map<String, String> overrides) throws RuleSetException {
    if (overrides.isEmpty()) {
      return this;
    }
    Map<String, Assumption> map = new LinkedHashMap<>(byName);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      Assumption base = map.get(e.getKey());
      if (base == null) {
        String hint = dev.llmcap.config.SchemaValidator.closest(e.getKey(), map.keySet()).map(n -> "; did you mean '" + n + "'?")
            .orElse(" (see rules/" + FILE + ")");
        throw new RuleSetException("--set " + dev.llmcap.config.InputLimits.echo(e.getKey()) + ": no such assumption" + hint);
      }
      Assumption next;
      if (base.getNumber() != null) {
        double v;
        try {
          v = new java.math.BigDecimal(e.getValue().trim()).doubleValue(); // plain decimals only: no NaN, Infinity or hex
        } catch (NumberFormatException ex) {
          throw new RuleSetException("--set " + e.getKey() + ": expected a finite number, got '" + dev.llmcap.config.InputLimits.echo(e.getValue()) + "'");
        }
        if (!Double.isFinite(v)) {
          throw new RuleSetException("--set " + e.getKey() + ": expected a finite number, got '" + dev.llmcap.config.InputLimits.echo(e.getValue()) + "'");
        }
        next = base.withValue(v, null, "command line --set");
      } else {
        next = base.withValue(null, e.getValue(), "command line --set");
      }
      checkRange(Path.of("--set"), next);
      map.put(e.getKey(), next);
    }
    return new Assumptions(map);
  }

  /** Folder of per-team override files (rules/teams/TEAM_ID.json), owned by platform teams. */
  public static final String TEAMS_DIR = "teams";

  /**
   * The assumptions a team's plans use: these, with the entries of rules/teams/TEAM_ID.json (same shape as
   * assumptions.json entries: name, value or text, source) merged in, each range-checked against the shared entry and
   * its source shown as "team TEAM_ID (teams/TEAM_ID.json): SOURCE". Names in keep (e.g. --set overrides) are not
   * replaced. A team without a file, or an id that is not a plain file name, gets these assumptions unchanged.
   */
  public Assumptions forTeam(Path rulesDir, String teamId, java.util.Set<String> keep) throws RuleSetException {
    if (teamId == null || !teamId.matches("[A-Za-z0-9_.-]+") || teamId.startsWith(".")) {
      return this;
    }
    Path file = rulesDir.resolve(TEAMS_DIR).resolve(teamId + ".json");
    if (!Files.isRegularFile(file)) {
      return this;
    }
    ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    Map<String, Assumption> map = new LinkedHashMap<>(byName);
    String origin = "team " + teamId + " (" + TEAMS_DIR + "/" + teamId + ".json)";
    for (Assumption a : readList(mapper, file)) {
      Assumption base = map.get(a.getName());
      if (base == null) {
        throw new RuleSetException(file + ": '" + a.getName() + "' overrides no assumption of " + FILE);
      }
      if (keep.contains(a.getName())) {
        continue;
      }
      Assumption next = base.withValue(a.getNumber(), a.getText(), origin + ": " + (a.getSource() == null ? "no source given" : a.getSource()));
      checkRange(file, next);
      map.put(a.getName(), next);
    }
    return new Assumptions(map);
  }

  public List<Assumption> all() { return new ArrayList<>(byName.values()); }

  public Optional<Assumption> get(String name) { return Optional.ofNullable(byName.get(name)); }

  /** A numeric assumption that must exist (used for input defaults). */
  public double number(String name) throws RuleSetException {
    Assumption a = byName.get(name);
    if (a == null || a.getNumber() == null) {
      throw new RuleSetException("assumption '" + name + "' is missing from " + FILE);
    }
    return a.getNumber();
  }

  /** A text assumption that must exist (used for input defaults). */
  public String text(String name) throws RuleSetException {
    Assumption a = byName.get(name);
    if (a == null || a.getText() == null) {
      throw new RuleSetException("assumption '" + name + "' (text) is missing from " + FILE);
    }
    return a.getText();
  }
}
