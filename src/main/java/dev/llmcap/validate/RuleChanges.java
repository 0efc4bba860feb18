package dev.llmcap.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What differs between two rule folders: rules (by package and name) whose text changed, was added or removed, and assumptions whose value changed. */
public record RuleChanges(Map<String, String> rules, Set<String> assumptions) {
  private static final Pattern RULE = Pattern.compile("(?ms)^\\s*rule\\s+\"([^\"]+)\"(.*?)^\\s*end\\b");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");

  /** Compares the folders: rules maps "package/name" to "changed", "added" or "removed". */
  public static RuleChanges between(Path newDir, Path oldDir) {
    Map<String, String> a = rules(oldDir);
    Map<String, String> b = rules(newDir);
    Map<String, String> changes = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : b.entrySet()) {
      String before = a.get(e.getKey());
      if (before == null) {
        changes.put(e.getKey(), "added");
      } else if (!before.equals(e.getValue())) {
        changes.put(e.getKey(), "changed");
      }
    }
    for (String k : a.keySet()) {
      if (!b.containsKey(k)) {
        changes.put(k, "removed");
      }
    }
    Map<String, String> va = assumptionValues(oldDir);
    Map<String, String> vb = assumptionValues(newDir);
    Set<String> assumptions = new TreeSet<>();
    for (String k : vb.keySet()) {
      if (!vb.get(k).equals(va.get(k))) {
        assumptions.add(k);
      }
    }
    for (String k : va.keySet()) {
      if (!vb.containsKey(k)) {
        assumptions.add(k);
      }
    }
    return new RuleChanges(changes, assumptions);
  }

  /** Each rule's text (whitespace-normalised, comments kept out) by "package/name". */
  static Map<String, String> rules(Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".drl")).sorted().collect(Collectors.toList())) {
        String text = Files.readString(f, StandardCharsets.UTF_8).replaceAll("(?m)//.*$", "");
        Matcher pm = PACKAGE.matcher(text);
        String pkg = pm.find() ? pm.group(1) : "";
        Matcher m = RULE.matcher(text);
        while (m.find()) {
          out.put(pkg + "/" + m.group(1), m.group(2).replaceAll("\\s+", " ").trim());
        }
      }
    } catch (IOException e) {
      // an unreadable folder has no rules to compare; loading it reports the problem
    }
    return out;
  }

  private static Map<String, String> assumptionValues(Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      JsonNode root = new ObjectMapper().readTree(dir.resolve("assumptions.json").toFile());
      for (JsonNode a : root.isArray() ? root : root.path("assumptions")) {
        out.put(a.path("name").asText(), a.path("value").toString() + a.path("text").toString());
      }
    } catch (IOException e) {
      // as above
    }
    return out;
  }
}
