package dev.llmcap.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generates docs/rules-reference.md from what the planner actually uses: the fact classes (properties, and for input
 * records the unit and meaning from the config schemas), the quantities rules conclude (name, unit, rule), every rule
 * (file, line, what it concludes) and every assumption (default, unit, range, description, source). Deterministic: the
 * same rules and classes give the same text.
 */
public final class RulesReference {
  private static final Pattern RULE = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\b");
  private static final Pattern QUANTITY = Pattern.compile(
      "Quantity\\.(?:of|global)\\(\\s*(?:\\$?\\w+(?:\\.\\w+\\(\\))?\\s*,\\s*)?\"([a-z0-9_.]+)\"\\s*,[^\"]*?\"([^\"]*)\"");
  private static final Pattern FINDING = Pattern.compile(
      "Finding\\.(?:of|global|withFix)\\(\\s*(?:(?:\\$?\\w+|\"[^\"]*\")\\s*,\\s*)?\"([a-z0-9_]+)\"");
  private static final Pattern NEW_FACT = Pattern.compile("insert(?:Logical)?\\(\\s*new\\s+(\\w+)\\(");
  private static final Map<String, String> SCHEMA_SECTION = Map.of("LLMWorkloadInput", "workload", "ModelConfig", "model",
      "GpuConfig", "gpu", "ServiceInput", "service", "TrainingInput", "training");

  private RulesReference() {}

  /** The reference text for the rules folder of the workspace. */
  public static String render(Workspace ws) throws RuleSetException {
    Path dir = ws.rules();
    Map<String, String> files = drlFiles(dir);
    StringBuilder b = new StringBuilder();
    b.append("# Rules reference\n\n");
    b.append("Generated from the fact classes, `rules/**/*.drl` and `rules/assumptions.json` by `llmcap rules reference`\n");
    b.append("(run it again after changing rules or assumptions; a test fails while this file is out of date). Do not edit by hand.\n\n");
    b.append("Contents: [Fact types](#fact-types), [Quantities](#quantities), [Rules](#rules), [Assumptions](#assumptions).\n\n");
    factTypes(b);
    quantities(b, files);
    rules(b, files);
    assumptions(b, dir);
    return b.toString();
  }

  private static void factTypes(StringBuilder b) {
    b.append("## Fact types\n\n");
    b.append("What rules match on. Inputs come from the config (units and meanings from the config schema); catalog entries\n");
    b.append("from gpu-catalog/ and model-catalog/; the rest are facts rules derive. Properties are named as DRL names them.\n\n");
    Map<String, JsonNode> schema = schemaSections();
    for (Class<?> c : FactTypes.ALL) {
      b.append("### ").append(c.getSimpleName()).append("\n\n");
      String doc = classDoc(c);
      b.append("`").append(c.getName()).append("`").append(doc.isEmpty() ? "" : ": " + doc).append("\n\n");
      b.append("| property | type | unit and meaning |\n|---|---|---|\n");
      JsonNode section = schema.get(SCHEMA_SECTION.getOrDefault(c.getSimpleName(), ""));
      for (Map.Entry<String, Class<?>> f : FactTypes.fields(c).entrySet()) {
        String meaning = "";
        if (section != null) {
          JsonNode p = section.path("properties").path(snake(f.getKey()));
          meaning = p.path("description").asText("");
        }
        b.append("| ").append(f.getKey()).append(" | ").append(f.getValue().getSimpleName()).append(" | ").append(cell(meaning))
            .append(" |\n");
      }
      b.append('\n');
    }
  }

  private static void quantities(StringBuilder b, Map<String, String> files) {
    b.append("## Quantities\n\n");
    b.append("Numbers rules conclude as `Quantity` facts (scope = a candidate GPU id, or empty for the whole plan), by name, with\n");
    b.append("their unit and the rules that conclude them (`llmcap explain` shows the formula with numbers for a plan).\n\n");
    Map<String, String> units = new TreeMap<>();
    Map<String, Set<String>> by = new TreeMap<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      Matcher r = RULE.matcher(f.getValue());
      while (r.find()) {
        String where = f.getKey() + ":" + line(f.getValue(), r.start());
        Matcher q = QUANTITY.matcher(r.group(2));
        while (q.find()) {
          units.putIfAbsent(q.group(1), q.group(2));
          by.computeIfAbsent(q.group(1), k -> new TreeSet<>()).add("\"" + r.group(1) + "\" (" + where + ")");
        }
      }
    }
    // quantities a DRL function builds for the rules that call it
    Pattern function = Pattern.compile("(?m)^function\\s+[\\w.<>\\[\\]]+\\s+(\\w+)\\s*\\(");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Matcher fn = function.matcher(f.getValue());
      List<int[]> starts = new ArrayList<>();
      List<String> names = new ArrayList<>();
      while (fn.find()) {
        starts.add(new int[] {fn.start()});
        names.add(fn.group(1));
      }
      for (int i = 0; i < starts.size(); i++) {
        int from = starts.get(i)[0];
        Matcher next = RULE.matcher(f.getValue());
        int to = next.find(from) ? next.start() : f.getValue().length();
        if (i + 1 < starts.size()) {
          to = Math.min(to, starts.get(i + 1)[0]);
        }
        Matcher q = QUANTITY.matcher(f.getValue().substring(from, to));
        while (q.find()) {
          units.putIfAbsent(q.group(1), q.group(2));
          by.computeIfAbsent(q.group(1), k -> new TreeSet<>()).add("function " + names.get(i) + " (" + f.getKey() + ":"
              + line(f.getValue(), from) + ")");
        }
      }
    }
    b.append("| quantity | unit | concluded by |\n|---|---|---|\n");
    for (Map.Entry<String, String> u : units.entrySet()) {
      b.append("| ").append(u.getKey()).append(" | ").append(cell(u.getValue())).append(" | ")
          .append(cell(String.join("; ", by.get(u.getKey())))).append(" |\n");
    }
    b.append('\n');
  }

  private static void rules(StringBuilder b, Map<String, String> files) {
    b.append("## Rules\n\n");
    b.append("Every rule by file, with its line and what it concludes (quantities, finding kinds, fact types inserted).\n\n");
    for (Map.Entry<String, String> f : files.entrySet()) {
      String text = f.getValue();
      b.append("### rules/").append(f.getKey()).append("\n\n");
      String head = headerComment(text);
      if (!head.isEmpty()) {
        b.append(head).append("\n\n");
      }
      Matcher r = RULE.matcher(text);
      boolean any = false;
      while (r.find()) {
        if (!any) {
          b.append("| line | rule | concludes |\n|---|---|---|\n");
          any = true;
        }
        Set<String> concl = new TreeSet<>();
        String body = r.group(2);
        Matcher q = QUANTITY.matcher(body);
        while (q.find()) {
          concl.add(q.group(1));
        }
        Matcher fi = FINDING.matcher(body);
        while (fi.find()) {
          concl.add("finding " + fi.group(1));
        }
        Matcher nf = NEW_FACT.matcher(body);
        while (nf.find()) {
          concl.add(nf.group(1));
        }
        b.append("| ").append(line(text, r.start())).append(" | ").append(cell(r.group(1))).append(" | ")
            .append(cell(String.join(", ", concl))).append(" |\n");
      }
      if (!any) {
        b.append("(functions only)\n");
      }
      b.append('\n');
    }
  }

  private static void assumptions(StringBuilder b, Path dir) throws RuleSetException {
    b.append("## Assumptions\n\n");
    b.append("Constants of `rules/assumptions.json` (override one for a run with `--set NAME=VALUE`, for one team in\n");
    b.append("`rules/teams/TEAM_ID.json`).\n\n");
    b.append("| name | default | unit | range | meaning | source |\n|---|---|---|---|---|---|\n");
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(dir.resolve("assumptions.json").toFile());
    } catch (IOException e) {
      throw new RuleSetException(dir.resolve("assumptions.json") + ": " + e.getMessage());
    }
    for (JsonNode a : root.isArray() ? root : root.path("assumptions")) {
      String value = a.has("value") ? a.get("value").asText() : a.path("text").asText();
      String range = a.has("min") || a.has("max") ? a.path("min").asText("") + " to " + a.path("max").asText("") : "";
      b.append("| ").append(cell(a.path("name").asText())).append(" | ").append(cell(value)).append(" | ")
          .append(cell(a.path("unit").asText(""))).append(" | ").append(cell(range)).append(" | ")
          .append(cell(a.path("description").asText(""))).append(" | ").append(cell(a.path("source").asText(""))).append(" |\n");
    }
  }

  private static Map<String, String> drlFiles(Path dir) throws RuleSetException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".drl")).sorted().collect(Collectors.toList())) {
        out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new RuleSetException("cannot read rules folder " + dir + ": " + e.getMessage());
    }
    return out;
  }

  private static Map<String, JsonNode> schemaSections() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String name : List.of("inference-config", "training-config")) {
      try (InputStream in = RulesReference.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
        if (in != null) {
          new ObjectMapper().readTree(in).path("properties").fields().forEachRemaining(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        }
      } catch (IOException e) {
        // no meanings for inputs then
      }
    }
    return out;
  }

  /** The one-line Javadoc of a class, read from its source when the sources are at hand (a checkout), else "". */
  private static String classDoc(Class<?> c) {
    Path src = Path.of("src/main/java", c.getName().replace('.', '/') + ".java");
    if (!Files.isRegularFile(src)) {
      return "";
    }
    try {
      String text = Files.readString(src, StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("/\\*\\*\\s*(.*?)\\s*\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*public\\s+(?:final\\s+)?(?:class|record|enum)\\s+"
          + c.getSimpleName() + "\\b", Pattern.DOTALL).matcher(text);
      return m.find() ? m.group(1).replaceAll("\\s*\\n\\s*\\*\\s*", " ").trim() : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String headerComment(String text) {
    List<String> lines = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (l.startsWith("//")) {
        lines.add(l.substring(2).trim());
      } else {
        break;
      }
    }
    return String.join(" ", lines);
  }

  private static int line(String text, int offset) {
    int n = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
