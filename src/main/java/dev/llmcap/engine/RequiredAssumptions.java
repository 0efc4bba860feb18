package dev.llmcap.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The assumptions the rules name outright ({@code Assumption(name == "x")}) must all exist: a missing one would
 * otherwise leave its rules silent and every plan quietly infeasible. Checked when an engine is built.
 */
final class RequiredAssumptions {
  private static final Pattern NAMED = Pattern.compile("Assumption\\s*\\(\\s*(?:\\$\\w+\\s*:\\s*)?name\\s*==\\s*\"([^\"]+)\"");

  private RequiredAssumptions() {}

  /**
   * The assumptions the rule files (relative name to text, in file order) name outright, each with the "file:line" of
   * its first use; lines starting with a line comment are skipped. Lines end at \n, \r\n or \r.
   */
  static Map<String, String> named(Map<String, String> sources) {
    Map<String, String> named = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : sources.entrySet()) {
      List<String> lines = f.getValue().lines().collect(java.util.stream.Collectors.toList());
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.trim().startsWith("//")) {
          continue;
        }
        Matcher m = NAMED.matcher(line);
        while (m.find()) {
          named.putIfAbsent(m.group(1), f.getKey() + ":" + (i + 1));
        }
      }
    }
    return named;
  }

  /** Fails naming every assumption a rule needs that the assumptions file lacks, with the rule file and line using it. */
  static void check(RuleBase rules, Assumptions assumptions) throws RuleSetException {
    Map<String, String> missing = new LinkedHashMap<>();
    rules.requiredAssumptions().forEach((name, where) -> {
      if (assumptions.get(name).isEmpty()) {
        missing.put(name, where);
      }
    });
    if (!missing.isEmpty()) {
      List<String> problems = new ArrayList<>();
      missing.forEach((name, where) -> problems.add(Assumptions.FILE + ": required assumption '" + name
          + "' is missing (used by the rule at " + where + ")"));
      throw new RuleSetException(problems);
    }
  }
}
