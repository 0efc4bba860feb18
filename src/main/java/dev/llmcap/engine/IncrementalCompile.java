package dev.llmcap.engine;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.impl.KnowledgePackageImpl;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.io.ByteArrayResource;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;

/**
 * Recompiles only the changed files of a DRL package. After every compilation of a package an index is written next to
 * its cache file: the content hash of each of its files and the order in which the compiler took them. The index is
 * keyed by the package's declarations (imports, globals, functions of all its files, see {@link DrlOutline}) and the
 * folder's file names, so it is found again after an edit inside rules. The changed files are then compiled alone (with
 * the other files' declarations, their rules blanked out), the previous compiled package loses the changed files' rules
 * and gains the new ones, and every rule gets the load order a compilation of the whole package would give it (rules of
 * equal priority fire in that order), so plans and audit traces are the same as after a full compilation. Anything
 * unexpected (no index, a compile error, a rule count that differs from the outline, a name clash, a rule-less file that
 * gained rules) gives up, and the caller compiles the whole package as before.
 */
final class IncrementalCompile {
  private static final String FORMAT = "llmcap-rule-index-1";

  private IncrementalCompile() {}

  /** The key of a package's declarations and of the folder's file names (what the compile order depends on). */
  static String declarationsKey(Map<String, String> packageFiles, Collection<String> folderFiles) {
    MessageDigest md = sha256();
    for (String f : folderFiles) {
      md.update(f.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
    }
    md.update((byte) 1);
    for (Map.Entry<String, String> e : packageFiles.entrySet()) {
      md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(DrlOutline.of(e.getValue()).declarations().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The key of a package's files without their comments ({@link DrlOutline#tokens}) and of the folder's file names: two
   * versions of a package with the same key compile to the same rules in the same order. Empty when a file's comments
   * cannot be told apart with certainty (that package is then keyed by its full text only).
   */
  static Optional<String> tokensKey(Map<String, String> packageFiles, Collection<String> folderFiles) {
    MessageDigest md = sha256();
    md.update("tokens".getBytes(StandardCharsets.UTF_8));
    for (String f : folderFiles) {
      md.update(f.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
    }
    md.update((byte) 1);
    for (Map.Entry<String, String> e : packageFiles.entrySet()) {
      String tokens = DrlOutline.of(e.getValue()).tokens();
      if (tokens == null) {
        return Optional.empty();
      }
      md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(tokens.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
    }
    return Optional.of(HexFormat.of().formatHex(md.digest()));
  }

  /** Content hash of one file. */
  static String contentHash(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The files of the compiled package in the order the compiler took them (files without rules left out). */
  static List<String> compileOrder(Collection<KiePackage> compiled) {
    Map<String, Integer> first = new LinkedHashMap<>();
    for (KiePackage p : compiled) {
      for (Rule r : p.getRules()) {
        RuleImpl rule = (RuleImpl) r;
        first.merge(sourceOf(rule), rule.getLoadOrder(), Math::min);
      }
    }
    List<String> order = new ArrayList<>(first.keySet());
    order.sort(Comparator.comparing(first::get));
    return order;
  }

  /** Records what a cache file was compiled from (failures only cost the next edit a full compilation). */
  static void remember(Path index, Path cacheFile, List<String> order, Map<String, String> packageFiles) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    text.append("cache\t").append(cacheFile.getFileName()).append('\n');
    for (String f : order) {
      text.append("order\t").append(f).append('\n');
    }
    for (Map.Entry<String, String> e : packageFiles.entrySet()) {
      text.append("file\t").append(e.getKey()).append('\t').append(contentHash(e.getValue())).append('\n');
    }
    CompiledRuleCache.write(index, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The compile order recorded in an index, or empty. */
  static Optional<List<String>> recordedOrder(Path index) {
    return Index.read(index).map(i -> i.order);
  }

  /**
   * The package compiled from the files: the package of the cache file the index points to, with the rules of the files
   * changed since then compiled anew; empty when that is not possible (the caller then compiles the whole package).
   */
  static Optional<List<KiePackage>> compile(String packageName, Path index, Map<String, String> packageFiles) {
    Optional<Index> found = Index.read(index);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Index recorded = found.get();
    if (!recorded.hashes.keySet().equals(packageFiles.keySet())) {
      return Optional.empty();
    }
    Set<String> changed = new TreeSet<>();
    Map<String, DrlOutline> outlines = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : packageFiles.entrySet()) {
      DrlOutline outline = DrlOutline.of(e.getValue());
      outlines.put(e.getKey(), outline);
      if (!contentHash(e.getValue()).equals(recorded.hashes.get(e.getKey()))) {
        changed.add(e.getKey());
        if (outline.rules() > 0 && !recorded.order.contains(e.getKey())) {
          return Optional.empty(); // a file that had no rules: its place in the compile order is not known
        }
      }
    }
    Optional<InternalKnowledgePackage> base = readPackage(recorded.cacheFile(index), packageName);
    if (base.isEmpty()) {
      return Optional.empty();
    }
    // the previous package in a rule base of its own (its rules and functions wired), less the changed files' rules
    InternalKnowledgeBase merged = (InternalKnowledgeBase) CompiledRuleCache.ruleBaseOf(List.of(base.get()));
    InternalKnowledgePackage kept = merged.getPackage(packageName);
    if (kept == null) {
      return Optional.empty();
    }
    for (Rule r : new ArrayList<>(kept.getRules())) {
      if (changed.contains(sourceOf((RuleImpl) r))) {
        merged.removeRule(packageName, r.getName());
      }
    }
    Set<String> before = new TreeSet<>();
    kept.getRules().forEach(r -> before.add(r.getName()));
    // the changed files' rules compiled into that rule base (its package already has every import and function)
    KnowledgeBuilderImpl builder = new KnowledgeBuilderImpl(merged);
    CompositeKnowledgeBuilder batch = builder.batch();
    int expected = 0;
    for (String f : changed) {
      DrlOutline outline = outlines.get(f);
      if (outline.rules() > 0) {
        ByteArrayResource resource = new ByteArrayResource(outline.withoutFunctions().getBytes(StandardCharsets.UTF_8), "UTF-8");
        resource.setSourcePath(f);
        batch.add(resource, ResourceType.DRL);
        expected += outline.rules();
      }
    }
    batch.build();
    if (builder.hasErrors()) {
      return Optional.empty();
    }
    InternalKnowledgePackage pkg = merged.getPackage(packageName);
    List<RuleImpl> all = new ArrayList<>();
    int added = 0;
    for (Rule r : pkg.getRules()) {
      RuleImpl rule = (RuleImpl) r;
      all.add(rule);
      if (!before.contains(rule.getName())) {
        added++;
        if (!changed.contains(sourceOf(rule))) {
          return Optional.empty();
        }
      } else if (changed.contains(sourceOf(rule))) {
        return Optional.empty(); // a rule of a changed file replaced one of another file (a name clash)
      }
    }
    if (added != expected) {
      return Optional.empty(); // a duplicated rule name, or a misread outline: the full compilation reports it
    }
    // the load order of a compilation of the whole package: files in the recorded order, rules in file order
    Map<String, Integer> fileRank = new LinkedHashMap<>();
    for (String f : recorded.order) {
      fileRank.put(f, fileRank.size());
    }
    for (RuleImpl r : all) {
      if (!fileRank.containsKey(sourceOf(r))) {
        return Optional.empty();
      }
    }
    all.sort(Comparator.<RuleImpl>comparingInt(r -> fileRank.get(sourceOf(r))).thenComparingInt(RuleImpl::getLoadOrder));
    for (int i = 0; i < all.size(); i++) {
      all.get(i).setLoadOrder(i);
    }
    List<KiePackage> out = new ArrayList<>();
    for (KiePackage p : merged.getKiePackages()) {
      if (p.getName().equals(packageName)) {
        if (!inLoadOrder((InternalKnowledgePackage) p)) {
          return Optional.empty();
        }
        out.add(p);
      }
    }
    return out.size() == 1 ? Optional.of(out) : Optional.empty();
  }

  /** Puts the package's rules in load order (the order a compilation of the whole package adds them to the network). */
  private static boolean inLoadOrder(InternalKnowledgePackage pkg) {
    try {
      Field field = KnowledgePackageImpl.class.getDeclaredField("rules");
      field.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<String, RuleImpl> rules = (Map<String, RuleImpl>) field.get(pkg);
      List<RuleImpl> sorted = new ArrayList<>(rules.values());
      sorted.sort(Comparator.comparingInt(RuleImpl::getLoadOrder));
      rules.clear();
      sorted.forEach(r -> rules.put(r.getName(), r));
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static Optional<InternalKnowledgePackage> readPackage(Path cacheFile, String packageName) {
    for (KiePackage p : CompiledRuleCache.readPackages(cacheFile)) {
      if (p.getName().equals(packageName)) {
        return Optional.of((InternalKnowledgePackage) p);
      }
    }
    return Optional.empty();
  }

  private static String sourceOf(RuleImpl rule) {
    String path = rule.getResource() == null ? null : rule.getResource().getSourcePath();
    return path == null ? "" : path.replaceFirst("^src/main/resources/", "");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A parsed index file. */
  private static final class Index {
    private final String cacheName;
    private final List<String> order;
    private final Map<String, String> hashes;

    private Index(String cacheName, List<String> order, Map<String, String> hashes) {
      this.cacheName = cacheName;
      this.order = order;
      this.hashes = hashes;
    }

    Path cacheFile(Path index) {
      return index.resolveSibling(cacheName);
    }

    static Optional<Index> read(Path index) {
      List<String> lines;
      try {
        lines = CompiledRuleCache.readChecked(index).map(b -> new String(b, StandardCharsets.UTF_8).lines().toList())
            .orElse(List.of());
      } catch (IOException e) {
        return Optional.empty();
      }
      if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
        return Optional.empty();
      }
      String cache = null;
      List<String> order = new ArrayList<>();
      Map<String, String> hashes = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split("\t");
        if (f.length == 2 && f[0].equals("cache")) {
          cache = f[1];
        } else if (f.length == 2 && f[0].equals("order")) {
          order.add(f[1]);
        } else if (f.length == 3 && f[0].equals("file")) {
          hashes.put(f[1], f[2]);
        } else {
          return Optional.empty();
        }
      }
      return cache == null || cache.contains("/") || cache.contains("\\") ? Optional.empty()
          : Optional.of(new Index(cache, order, hashes));
    }
  }
}
