package dev.llmcap.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.KieBase;

/**
 * The compiled rules of one rules folder. DRL files are read from disk at run time (no rebuild needed), compiled with the
 * classic engine, and cached per process by a hash of their contents. Any compile error or duplicated rule name fails.
 */
public final class RuleBase {
  private static final Map<String, RuleBase> CACHE = new ConcurrentHashMap<>();

  private final Path dir;
  private final byte[] compiled;
  private final List<String> ruleFiles;
  private final String hash;
  private final Map<String, KieSessionsPool> pools = new ConcurrentHashMap<>();

  private RuleBase(Path dir, byte[] compiled, List<String> ruleFiles, String hash) {
    this.dir = dir;
    this.compiled = compiled;
    this.ruleFiles = ruleFiles;
    this.hash = hash;
  }

  /** Compiles (or returns the cached compilation of) every *.drl file below the folder. */
  public static RuleBase load(Path rulesDir) throws RuleSetException {
    Path dir = rulesDir.toAbsolutePath().normalize();
    Map<String, String> sources = readSources(dir);
    String hash = hash(sources);
    RuleBase cached = CACHE.get(hash);
    if (cached != null) {
      return cached;
    }
    java.util.Optional<Path> cacheFile = CompiledRuleCache.file(hash);
    java.util.Optional<byte[]> fromDisk = cacheFile.flatMap(CompiledRuleCache::read);
    if (fromDisk.isPresent()) {
      RuleBase loaded = new RuleBase(dir, fromDisk.get(), List.copyOf(sources.keySet()), hash);
      CACHE.put(hash, loaded);
      return loaded;
    }
    checkDuplicateRuleNames(sources);
    RuleBase built = compile(dir, sources, hash);
    cacheFile.ifPresent(f -> CompiledRuleCache.write(f, built.compiled));
    CACHE.put(hash, built);
    return built;
  }

  /** Forgets the compiled rule bases of this process (tests use it to exercise the on-disk cache). */
  static void clearProcessCache() {
    CACHE.clear();
  }

  private static Map<String, String> readSources(Path dir) throws RuleSetException {
    if (!Files.isDirectory(dir)) {
      throw new RuleSetException("rules folder not found: " + dir);
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new RuleSetException("cannot read rules folder " + dir + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new RuleSetException("no .drl files in rules folder " + dir);
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (Path f : files) {
      String rel = dir.relativize(f).toString().replace('\\', '/');
      try {
        sources.put(rel, Files.readString(f, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new RuleSetException(rel + ": cannot read: " + e.getMessage());
      }
    }
    return sources;
  }

  private static String hash(Map<String, String> sources) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : sources.entrySet()) {
        md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drools would silently let a later rule replace an earlier one of the same name in a package: refuse that. */
  private static void checkDuplicateRuleNames(Map<String, String> sources) throws RuleSetException {
    Map<String, String> seen = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      DrlParser parser = new DrlParser();
      PackageDescr pkg;
      try {
        pkg = parser.parse(false, e.getValue());
      } catch (DroolsParserException ex) {
        continue; // the compiler reports syntax errors with their lines
      }
      if (pkg == null || parser.hasErrors()) {
        continue;
      }
      for (RuleDescr r : pkg.getRules()) {
        String key = pkg.getName() + "/" + r.getName();
        String where = e.getKey() + ":" + r.getLine();
        String previous = seen.putIfAbsent(key, where);
        if (previous != null) {
          problems.add(where + ": duplicate rule name \"" + r.getName() + "\" in package " + pkg.getName()
              + " (first defined at " + previous + ")");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
  }

  private static RuleBase compile(Path dir, Map<String, String> sources, String hash) throws RuleSetException {
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId releaseId = ks.newReleaseId("dev.llmcap.rules", "rules", "h" + hash.substring(0, 16));
    kfs.generateAndWritePomXML(releaseId);
    for (Map.Entry<String, String> e : sources.entrySet()) {
      kfs.write("src/main/resources/" + e.getKey(), e.getValue());
    }
    KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
    List<String> problems = new ArrayList<>();
    for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
      String path = m.getPath() == null ? "?" : m.getPath().replaceFirst("^src/main/resources/", "");
      String text = m.getText() == null ? "" : m.getText().replaceAll("\\s+", " ").trim();
      problems.add(path + ":" + Math.max(m.getLine(), 0) + ": " + text);
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems.stream().distinct().collect(Collectors.toList()));
    }
    KieContainer container = ks.newKieContainer(releaseId);
    try {
      return new RuleBase(dir, CompiledRuleCache.serialise(container.getKieBase()), List.copyOf(sources.keySet()), hash);
    } catch (java.io.IOException e) {
      throw new RuleSetException("compiled rules cannot be serialised: " + e.getMessage());
    }
  }

  /**
   * A session over one DRL package's rules (inference, training, forecast...; null for every package), empty as a new
   * one. Each package gets a rule base of its own, built on first use, so a session carries no network of another
   * mode's rules (about a third less work per inference plan); its sessions come from a pool and are reset when
   * disposed (Drools' KieSessionsPool), which saves building each session's node memories anew.
   */
  public KieSession newSession(String rulePackage) {
    String key = rulePackage == null ? "" : rulePackage;
    return pools.computeIfAbsent(key, k -> rebuild(k.isEmpty() ? name -> true : k::equals).newKieSessionsPool(1)).newKieSession();
  }

  private KieBase rebuild(java.util.function.Predicate<String> packages) {
    try {
      return CompiledRuleCache.rebuild(compiled, packages);
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new IllegalStateException("compiled rules cannot be read back: " + e, e);
    }
  }
  public Path dir() { return dir; }

  /** The folder relative to the working directory when it lies below it (so plans do not depend on where a clone lives). */
  public String displayDir() {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path shown = dir.startsWith(cwd) ? cwd.relativize(dir) : dir;
    return shown.toString().replace('\\', '/');
  }
  public List<String> ruleFiles() { return ruleFiles; }
  /** SHA-256 of the rule files, shown in the plan so a result can be tied to the rules that made it. */
  public String hash() { return hash; }
}
