package dev.llmcap.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcap.engine.RuleBase;
import dev.llmcap.engine.RuleLocations;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a rule set as a rule author needs: it compiles (syntax, fact types and fields, duplicate rule names); every
 * assumption is read by some rule and every assumption a rule names exists; assumption values lie in their declared
 * range and carry a source; and every rule concludes something in the plans of the shipped examples and rule tests.
 * Each problem is one "file:line: message" line.
 */
public final class RuleCheck {
  /**
   * Names (or name prefixes) read outside the rules: defaults for missing inputs (input preparer), the engine's firing
   * limit, the forecast command's peak multiplier, the catalogs' currency label, and the GPU count validate --training plans
   * a calibration row with when the row gives none.
   */
  private static final List<String> READ_BY_JAVA = List.of("default.", "engine_", "forecast.peak_multiplier_over_forecast_peak",
      "currency", "validate.training_default_gpus");
  private static final Pattern LITERAL = Pattern.compile("\"([A-Za-z0-9_.@-]+)\"");
  private static final Pattern NAME_READ = Pattern.compile("Assumption\\s*\\(\\s*name\\s*==\\s*\"([^\"]+)\"");
  private static final Pattern GROUP_READ = Pattern.compile("group\\s*==\\s*\"([^\"]+)\"");

  /** What the check found: compile errors (nothing else can be checked then) or findings. */
  public record Report(List<String> compileErrors, List<String> findings, List<String> notes) {
    public boolean compiles() { return compileErrors.isEmpty(); }
  }

  private RuleCheck() {}

  /** Checks the rules folder of the workspace; examples are the configs whose plans count for rule coverage. */
  public static Report run(Workspace workspace, List<Path> examples) {
    Path dir = workspace.rules();
    String shown = display(dir);
    List<String> compile = new ArrayList<>();
    RuleBase rules;
    try {
      rules = RuleBase.load(dir);
    } catch (RuleSetException e) {
      e.problems().forEach(p -> compile.add(prefixed(shown, p) + hint(p)));
      return new Report(compile, List.of(), List.of());
    }
    List<String> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, String> drl = sources(dir, rules.ruleFiles());
    JsonNode assumptions = assumptionsFile(dir, findings, shown);
    Set<String> defined = new LinkedHashSet<>();
    Set<String> perGpu = new TreeSet<>();
    String assumptionsText = readOrEmpty(dir.resolve("assumptions.json"));
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    if (assumptions != null) {
      assumptions.forEach(a -> byName.put(a.path("name").asText(), a));
    }
    if (assumptions != null) {
      for (JsonNode a : assumptions) {
        String name = a.path("name").asText();
        defined.add(name);
        if (a.path("per_gpu").asBoolean(false)) {
          perGpu.add(name);
        }
        String where = shown + "/assumptions.json:" + lineOfName(assumptionsText, name);
        if (a.has("value") && a.get("value").isNumber()) {
          double v = a.get("value").asDouble();
          // a qualified entry (name@QUALIFIER) has the range of the assumption it refines
          JsonNode ranged = !a.has("min") && name.contains("@") && byName.containsKey(name.substring(0, name.indexOf('@')))
              ? byName.get(name.substring(0, name.indexOf('@'))) : a;
          if (ranged.has("min") && v < ranged.get("min").asDouble() || ranged.has("max") && v > ranged.get("max").asDouble()) {
            findings.add(where + ": assumption " + name + " = " + a.get("value").asText() + " is outside its declared range ["
                + ranged.path("min").asText("-inf") + ", " + ranged.path("max").asText("inf") + "]");
          }
          if (!ranged.has("min") || !ranged.has("max")) {
            findings.add(where + ": assumption " + name + " has no declared range (give min and max)");
          }
        }
        if (a.path("source").asText("").isBlank()) {
          findings.add(where + ": assumption " + name + " has no source (say where the value comes from)");
        }
      }
    }
    teams(dir, shown, byName, findings);
    // assumptions a rule names that do not exist
    Set<String> literals = new LinkedHashSet<>();
    for (Map.Entry<String, String> f : drl.entrySet()) {
      String[] lines = f.getValue().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].replaceFirst("//.*$", "");
        Matcher lit = LITERAL.matcher(line);
        while (lit.find()) {
          literals.add(lit.group(1));
        }
        Matcher m = NAME_READ.matcher(line);
        while (m.find()) {
          if (assumptions != null && !defined.contains(m.group(1))) {
            findings.add(shown + "/" + f.getKey() + ":" + (i + 1) + ": assumption \"" + m.group(1) + "\" does not exist in "
                + shown + "/assumptions.json" + suggestion(m.group(1), defined));
          }
        }
        Matcher g = GROUP_READ.matcher(line);
        while (g.find()) {
          String group = g.group(1);
          if (assumptions != null && defined.stream().noneMatch(n -> n.startsWith(group + "."))) {
            findings.add(shown + "/" + f.getKey() + ":" + (i + 1) + ": no assumption in group \"" + group + "\" (names "
                + group + ".MEMBER) exists in " + shown + "/assumptions.json");
          }
        }
      }
    }
    // assumptions no rule reads
    for (String name : defined) {
      if (!isRead(name, literals, perGpu, drl)) {
        findings.add(shown + "/assumptions.json:" + lineOfName(assumptionsText, name) + ": no rule reads assumption " + name);
      }
    }
    // rules no example or rule test concludes anything with
    RuleLocations locations = RuleLocations.of(rules);
    Coverage coverage = Coverage.of(workspace, examples);
    notes.addAll(coverage.problems());
    for (Map.Entry<String, String> r : locations.all().entrySet()) {
      String pkg = r.getKey().substring(0, r.getKey().indexOf('/'));
      if (!coverage.packages().contains(pkg)) {
        continue;
      }
      String name = r.getKey().substring(pkg.length() + 1);
      if (!coverage.fired().contains(r.getKey()) && isGuard(drl, r.getValue(), name)) {
        notes.add(shown + "/" + r.getValue() + ": rule \"" + name + "\" is a defensive guard (@guard): no example or rule test"
            + " reaches it; the fuzz suite (mvn -Pfuzz verify) exercises it");
      } else if (!coverage.fired().contains(r.getKey()) && onlyDeletes(drl, r.getValue(), name)) {
        // the audit trace records what rules insert; a rule that only takes facts out of the session leaves no entry
        notes.add(shown + "/" + r.getValue() + ": rule \"" + name + "\" only takes facts out of the session: the trace cannot show"
            + " whether it fired (check its effect with a rule test)");
      } else if (!coverage.fired().contains(r.getKey())) {
        findings.add(shown + "/" + r.getValue() + ": rule \"" + r.getKey().substring(pkg.length() + 1)
            + "\" concludes nothing in the plans of the examples and rule tests (add a rule test that fires it)");
      }
    }
    notes.add(coverage.fired().size() + " of " + locations.all().entrySet().stream()
        .filter(r -> coverage.packages().contains(r.getKey().substring(0, r.getKey().indexOf('/')))).count()
        + " rules of packages " + String.join(", ", coverage.packages()) + " conclude something in " + coverage.plans()
        + " plans (examples and rule tests)");
    return new Report(List.of(), findings, notes);
  }

  /** Whether the rule at "file:line" is marked @guard(true): a defensive check no ordinary input is known to reach. */
  public static boolean isGuard(Map<String, String> drl, String location, String name) {
    int colon = location.lastIndexOf(':');
    String text = colon < 0 ? null : drl.get(location.substring(0, colon));
    int start = text == null ? -1 : text.indexOf("rule \"" + name + "\"");
    int when = start < 0 ? -1 : text.indexOf("\nwhen", start);
    return when > 0 && text.substring(start, when).contains("@guard(true)");
  }

  /**
   * Whether the consequence of the rule at "file:line" only deletes or retracts facts (no insert, insertLogical, modify or
   * update): the audit trace records what rules insert, so such a rule leaves no entry.
   */
  public static boolean onlyDeletes(Map<String, String> drl, String location, String name) {
    int colon = location.lastIndexOf(':');
    String text = colon < 0 ? null : drl.get(location.substring(0, colon));
    if (text == null) {
      return false;
    }
    int start = text.indexOf("rule \"" + name + "\"");
    int then = start < 0 ? -1 : text.indexOf("\nthen", start);
    int end = then < 0 ? -1 : text.indexOf("\nend", then);
    if (end < 0) {
      return false;
    }
    String body = text.substring(then + 5, end).replaceAll("//.*", "");
    return body.matches("(?s).*\\b(delete|retract)\\s*\\(.*") && !body.matches("(?s).*\\b(insert|insertLogical|modify|update)\\s*\\(.*");
  }

  /** Per-team override files: every name must exist, values lie in the shared entry's range, each carries a source. */
  private static void teams(Path dir, String shown, Map<String, JsonNode> byName, List<String> findings) {
    Path teams = dir.resolve(dev.llmcap.engine.Assumptions.TEAMS_DIR);
    if (!Files.isDirectory(teams)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(teams)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      findings.add(shown + "/teams: cannot list: " + e.getMessage());
      return;
    }
    for (Path f : files) {
      String rel = shown + "/teams/" + f.getFileName();
      String text = readOrEmpty(f);
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(text);
      } catch (IOException e) {
        findings.add(rel + ":1: not JSON: " + e.getMessage().split("\n")[0]);
        continue;
      }
      for (JsonNode a : root.isArray() ? root : root.path("assumptions")) {
        String name = a.path("name").asText();
        String where = rel + ":" + lineOfName(text, name);
        JsonNode base = byName.get(name);
        if (base == null) {
          findings.add(where + ": team override of unknown assumption " + name + suggestion(name, byName.keySet()));
          continue;
        }
        if (a.has("value") && a.get("value").isNumber()) {
          double v = a.get("value").asDouble();
          if (base.has("min") && v < base.get("min").asDouble() || base.has("max") && v > base.get("max").asDouble()) {
            findings.add(where + ": team value " + name + " = " + a.get("value").asText() + " is outside the declared range ["
                + base.path("min").asText("-inf") + ", " + base.path("max").asText("inf") + "]");
          }
        }
        if (a.path("source").asText("").isBlank()) {
          findings.add(where + ": team override " + name + " has no source (say why the team differs)");
        }
      }
    }
  }

  private static boolean isRead(String name, Set<String> literals, Set<String> perGpu, Map<String, String> drl) {
    for (String p : READ_BY_JAVA) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    String base = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
    if (literals.contains(base) || perGpu.contains(base)) {
      return true;
    }
    for (String prefix = base; prefix.contains("."); prefix = prefix.substring(0, prefix.lastIndexOf('.'))) {
      String group = prefix.substring(0, prefix.lastIndexOf('.'));
      if (literals.contains(group) || literals.contains(group + ".")) {
        return true;
      }
    }
    return false;
  }

  private static String suggestion(String wrong, Set<String> known) {
    List<String> c = dev.llmcap.engine.PlanFields.closest(wrong, known);
    return c.isEmpty() ? "" : " (did you mean " + String.join(", ", c) + "?)";
  }

  /** Adds the valid names to an unknown fact type or field error. */
  private static String hint(String problem) {
    Matcher type = Pattern.compile("Unable to resolve ObjectType '([^']+)'").matcher(problem);
    if (type.find()) {
      return " (fact types: " + String.join(", ", FactTypes.names()) + ")";
    }
    Matcher field = Pattern.compile("strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)").matcher(problem);
    if (field.find()) {
      String cls = field.group(1);
      return FactTypes.byClassName(cls).map(c -> " (fields of " + c.getSimpleName() + ": "
          + String.join(", ", FactTypes.fields(c).keySet()) + ")").orElse("");
    }
    return "";
  }

  private static String prefixed(String shown, String problem) {
    return problem.startsWith("/") || problem.startsWith(shown) ? problem : shown + "/" + problem;
  }

  /** A folder as shown in messages: relative to the working directory when below it. */
  public static String displayPath(Path dir) {
    return display(dir);
  }

  static String display(Path dir) {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path abs = dir.toAbsolutePath().normalize();
    return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString().replace('\\', '/');
  }

  private static Map<String, String> sources(Path dir, List<String> files) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String f : files) {
      out.put(f, readOrEmpty(dir.resolve(f)));
    }
    return out;
  }

  private static String readOrEmpty(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static JsonNode assumptionsFile(Path dir, List<String> findings, String shown) {
    try {
      JsonNode root = new ObjectMapper().readTree(dir.resolve("assumptions.json").toFile());
      return root.isArray() ? root : root.path("assumptions");
    } catch (IOException e) {
      findings.add(shown + "/assumptions.json:1: cannot read: " + e.getMessage().split("\n")[0]);
      return null;
    }
  }

  static int lineOfName(String text, String name) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("\"name\"") && lines[i].contains("\"" + name + "\"")) {
        return i + 1;
      }
    }
    return 1;
  }

  /** The configs whose plans count for coverage: examples/*.json|yaml under the llmcap home. */
  public static List<Path> shippedExamples(Path examplesDir) {
    if (!Files.isDirectory(examplesDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(examplesDir)) {
      return s.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
  }
}
