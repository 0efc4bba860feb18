package dev.llmcap.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

  /** Fails naming every assumption a rule needs that the assumptions file lacks, with the rule file and line using it. */
  static void check(RuleBase rules, Assumptions assumptions) throws RuleSetException {
    Map<String, String> missing = new LinkedHashMap<>();
    for (String f : rules.ruleFiles()) {
      List<String> lines;
      try {
        lines = Files.readAllLines(rules.dir().resolve(f), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        continue; // compiled already: a file that vanished since is not this check's concern
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.trim().startsWith("//")) {
          continue;
        }
        Matcher m = NAMED.matcher(line);
        while (m.find()) {
          if (assumptions.get(m.group(1)).isEmpty()) {
            missing.putIfAbsent(m.group(1), f + ":" + (i + 1));
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> problems = new ArrayList<>();
      missing.forEach((name, where) -> problems.add(Assumptions.FILE + ": required assumption '" + name
          + "' is missing (used by the rule at " + where + ")"));
      throw new RuleSetException(problems);
    }
  }
}
