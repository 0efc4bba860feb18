package dev.llmcap.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Where each rule of a rule base is written: "file:line" by package and rule name, read with the DRL parser (the compiled
 * rules keep no line numbers). Built once per rule-file hash and process, only when an explanation or a check asks.
 */
public final class RuleLocations {
  private static final Map<String, RuleLocations> CACHE = new ConcurrentHashMap<>();

  private final Map<String, String> byRule;

  private RuleLocations(Map<String, String> byRule) {
    this.byRule = byRule;
  }

  /** The locations of the rules of a loaded rule base. */
  public static RuleLocations of(RuleBase rules) {
    return CACHE.computeIfAbsent(rules.hash(), h -> read(rules.dir(), rules.ruleFiles()));
  }

  private static RuleLocations read(Path dir, List<String> files) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String rel : files) {
      try {
        DrlParser parser = new DrlParser();
        PackageDescr pkg = parser.parse(false, Files.readString(dir.resolve(rel), StandardCharsets.UTF_8));
        if (pkg == null) {
          continue;
        }
        for (RuleDescr r : pkg.getRules()) {
          map.putIfAbsent(key(pkg.getName(), r.getName()), rel + ":" + r.getLine());
        }
      } catch (IOException | DroolsParserException e) {
        // a file that cannot be read or parsed now did compile when loaded: its rules are shown without a line
      }
    }
    return new RuleLocations(java.util.Collections.unmodifiableMap(map));
  }

  private static String key(String pkg, String rule) {
    return (pkg == null ? "" : pkg) + "/" + rule;
  }

  /** "file:line" of a rule, relative to the rules folder. */
  public Optional<String> of(String rulePackage, String rule) {
    String found = byRule.get(key(rulePackage, rule));
    if (found == null) {
      // rules are looked up by name alone when the package is unknown (names are unique per package)
      found = byRule.entrySet().stream().filter(e -> e.getKey().endsWith("/" + rule)).map(Map.Entry::getValue).findFirst().orElse(null);
    }
    return Optional.ofNullable(found);
  }

  /** Every rule as "package/name" to "file:line", in file order. */
  public Map<String, String> all() {
    return byRule;
  }
}
