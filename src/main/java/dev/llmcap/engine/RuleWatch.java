package dev.llmcap.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Knows which rule is firing in a session (so a fault or a time-out can name it) and where a rule is declared in the
 * rules folder (file:line, found by its declaration, for messages).
 */
final class RuleWatch extends DefaultAgendaEventListener {
  private static final Map<String, String> WHERE = new ConcurrentHashMap<>();
  private volatile Rule firing;
  private volatile Rule last;

  @Override
  public void beforeMatchFired(BeforeMatchFiredEvent event) {
    firing = event.getMatch().getRule();
    last = firing;
  }

  @Override
  public void afterMatchFired(AfterMatchFiredEvent event) {
    firing = null;
  }

  /** The rule whose consequence is running now, else the last one that fired (the likely culprit of a loop), or null. */
  Rule firing() {
    Rule f = firing;
    return f != null ? f : last;
  }

  /** "file:line" of a rule's declaration in the rules folder (relative path), or the package name when not found. */
  static String where(RuleBase rules, Rule rule) {
    String key = rules.hash() + "/" + rule.getPackageName() + "/" + rule.getName();
    return WHERE.computeIfAbsent(key, k -> find(rules.dir(), rules.ruleFiles(), rule));
  }

  private static String find(Path dir, List<String> files, Rule rule) {
    Pattern decl = Pattern.compile("^\\s*rule\\s+(\"" + Pattern.quote(rule.getName()) + "\"|'" + Pattern.quote(rule.getName())
        + "'|" + Pattern.quote(rule.getName()) + "\\b)");
    Pattern pkg = Pattern.compile("^\\s*package\\s+" + Pattern.quote(rule.getPackageName()) + "\\s*;?\\s*$");
    for (String f : files) {
      try {
        List<String> lines = Files.readAllLines(dir.resolve(f), StandardCharsets.UTF_8);
        if (lines.stream().noneMatch(l -> pkg.matcher(l).find())) {
          continue;
        }
        for (int i = 0; i < lines.size(); i++) {
          if (decl.matcher(lines.get(i)).find()) {
            return f + ":" + (i + 1);
          }
        }
      } catch (IOException | RuntimeException e) {
        // the file changed or vanished since it was compiled: fall through to the package name
      }
    }
    return rule.getPackageName();
  }

  /** The one-line report of a rule's failure: file:line: rule "NAME" failed: MESSAGE. */
  static String fault(RuleBase rules, Rule rule, String message) {
    if (rule == null) {
      return "rules failed: " + message;
    }
    return where(rules, rule) + ": rule \"" + rule.getName() + "\" failed: " + message;
  }
}
