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
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * The compiled rules of one rules folder. DRL files are read from disk at run time (no rebuild needed) and compiled with
 * the classic engine one DRL package at a time (inference, training, forecast). Compiled packages are cached per process
 * and on disk ({@link CompiledRuleCache}); a package whose cache entry exists is read back only when a session of it is
 * first needed. An edit inside rules recompiles only the edited files and merges them into the package compiled before
 * ({@link IncrementalCompile}); an edit to a function, import or global recompiles the package; an edit to comments only
 * recompiles nothing. Any compile error or duplicated rule name fails. A package whose files are the shipped ones runs from
 * Drools' executable model generated at build time ({@link ExecModel}) instead.
 */
public final class RuleBase {
  private static final Map<String, RuleBase> CACHE = new ConcurrentHashMap<>();
  /** Compiled packages of this process by package hash and build stamp: shared by rule folders with the same files. */
  private static final Map<String, KieBase> PACKAGES = new ConcurrentHashMap<>();
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);
  /** How each package was last compiled in this process ("whole" or the files compiled alone): tests read it. */
  static final Map<String, String> LAST_COMPILE = new ConcurrentHashMap<>();
  /** Whether the last load took its hashes from the folder's stamp ("stamp") or read the files ("files"): tests read it. */
  static volatile String lastLoad = "";
  /** The package Drools gives a DRL file without a package statement. */
  private static final String DEFAULT_PACKAGE = "defaultpkg";

  private final Path dir;
  private final List<String> ruleFiles;
  private final String hash;
  private final Map<String, PackageRules> packages;
  private final Map<String, KieSessionsPool> pools = new ConcurrentHashMap<>();
  /** Where each package's rule base came from ("executable model" or "classic"), once its first session was made. */
  private final Map<String, String> ruleSources = new ConcurrentHashMap<>();
  private final Map<String, String> requiredAssumptions;

  private RuleBase(Path dir, List<String> ruleFiles, String hash, Map<String, PackageRules> packages,
      Map<String, String> requiredAssumptions) {
    this.dir = dir;
    this.ruleFiles = ruleFiles;
    this.hash = hash;
    this.packages = packages;
    this.requiredAssumptions = java.util.Collections.unmodifiableMap(requiredAssumptions);
  }

  /** The assumptions the rules name outright, each with the "file:line" of its first use (see {@link RequiredAssumptions}). */
  Map<String, String> requiredAssumptions() { return requiredAssumptions; }

  /**
   * Reads every *.drl file below the folder and makes sure each DRL package is compiled: a package compiled before (in
   * this process or in the on-disk cache) is not compiled again; the others are compiled now, so a broken file fails
   * here whatever package the caller plans with. A folder whose files all have the size, times and identity recorded in
   * its stamp (see {@link RuleFolderStamp}) is not read: the hashes are the stamp's, and a package whose cache file is
   * gone makes the folder be read as usual.
   */
  public static RuleBase load(Path rulesDir) throws RuleSetException {
    Path dir = rulesDir.toAbsolutePath().normalize();
    List<String> files = listFiles(dir);
    long examinedAt = System.currentTimeMillis(); // before the files' status is read (see RuleFolderStamp)
    Optional<List<RuleFolderStamp.FileStatus>> statuses = RuleFolderStamp.statuses(dir, files);
    Optional<Path> stamp = statuses.isPresent() ? RuleFolderStamp.file(dir) : Optional.empty();
    // plain code, no lambdas, on this path: each lambda is linked on its first use, which a start-up pays in full
    Optional<RuleFolderStamp.Digest> known = stamp.isPresent() ? RuleFolderStamp.read(stamp.get(), statuses.get()) : Optional.empty();
    if (known.isPresent()) {
      RuleBase cached = CACHE.get(known.get().hash());
      if (cached != null) {
        return cached;
      }
      Map<String, PackageRules> packages = new LinkedHashMap<>();
      boolean allCompiled = true;
      for (Map.Entry<String, String> e : known.get().packageHashes().entrySet()) {
        PackageRules p = new PackageRules(e.getKey(), e.getValue());
        p.folder = dir;
        p.folderHash = known.get().hash();
        packages.put(p.name, p);
        allCompiled &= p.compiledBefore();
      }
      if (allCompiled) {
        lastLoad = "stamp";
        RuleBase built = new RuleBase(dir, files, known.get().hash(), packages, known.get().requiredAssumptions());
        CACHE.put(built.hash, built);
        return built;
      }
    }
    lastLoad = "files";
    Map<String, String> sources = readSources(dir, files);
    String hash = hash(sources);
    RuleBase cached = CACHE.get(hash);
    if (cached != null) {
      return cached;
    }
    Map<String, String> packageOfFile = new LinkedHashMap<>();
    Map<String, Map<String, String>> byPackage = new TreeMap<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      String pkg = packageOf(e.getValue());
      packageOfFile.put(e.getKey(), pkg);
      byPackage.computeIfAbsent(pkg, k -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
    }
    Map<String, PackageRules> packages = new LinkedHashMap<>();
    Map<String, Map<String, String>> toCompile = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> e : byPackage.entrySet()) {
      // the file names of the whole folder are part of each package's key: they set the compile order (see compile)
      PackageRules p = new PackageRules(e.getKey(), packageHash(e.getValue(), sources.keySet()));
      packages.put(p.name, p);
      // the shipped rules run from their executable model; with a rule cache they are still compiled once (as on any
      // first run), so that a later edit finds the index and tokens it compiles incrementally from
      if (!p.compiledBefore() && !(ExecModel.covers(p.name, p.hash) && p.cacheFile.isEmpty())) {
        toCompile.put(p.name, e.getValue());
      }
    }
    if (!toCompile.isEmpty()) {
      List<String> problems = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> e : toCompile.entrySet()) {
        packages.get(e.getKey()).compile(sources, problems, true);
      }
      if (!problems.isEmpty()) {
        throw new RuleSetException(problems.stream().distinct().collect(Collectors.toList()));
      }
    }
    for (PackageRules p : packages.values()) {
      p.sources = sources;
    }
    Map<String, String> required = RequiredAssumptions.named(sources);
    RuleBase built = new RuleBase(dir, List.copyOf(sources.keySet()), hash, packages, required);
    if (statuses.isPresent()) {
      Map<String, String> packageHashes = new LinkedHashMap<>();
      packages.forEach((name, p) -> packageHashes.put(name, p.hash));
      RuleFolderStamp.file(dir).ifPresent(f -> RuleFolderStamp.write(f, examinedAt, statuses.get(),
          new RuleFolderStamp.Digest(hash, packageOfFile, packageHashes, required)));
    }
    CACHE.put(hash, built);
    return built;
  }

  /**
   * The hash of one DRL package of a folder (the key of its compiled form in the rule cache and of its executable model):
   * its own files, and the names of every file of the folder, which set the compile order (see compile).
   */
  static String packageHash(Map<String, String> folder, String packageName) {
    Map<String, String> own = new LinkedHashMap<>();
    folder.forEach((file, text) -> {
      if (packageOf(text).equals(packageName)) {
        own.put(file, text);
      }
    });
    return packageHash(own, folder.keySet());
  }

  private static String packageHash(Map<String, String> own, Collection<String> folderFiles) {
    Map<String, String> keyed = new LinkedHashMap<>(own);
    keyed.put("\u0000files", String.join("\n", folderFiles));
    return hash(keyed);
  }

  /**
   * Fills a compiler's file system with one package of a folder: every file of the folder, the package's own with its
   * text and the others' as a bare package statement, so the rules load (and fire) in the same order whichever compiler
   * reads it (the classic one here, the executable model's in {@link ExecModelGenerator}).
   */
  static void writeCompilerInput(KieFileSystem kfs, ReleaseId releaseId, Map<String, String> folder, String packageName) {
    kfs.generateAndWritePomXML(releaseId);
    for (Map.Entry<String, String> e : folder.entrySet()) {
      String other = packageOf(e.getValue());
      kfs.write("src/main/resources/" + e.getKey(), other.equals(packageName) ? e.getValue() : "package " + other + ";\n");
    }
  }

  /** The DRL package a file declares (its first package statement), as Drools reads it. */
  static String packageOf(String source) {
    Matcher m = PACKAGE.matcher(source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", ""));
    return m.find() ? m.group(1) : DEFAULT_PACKAGE;
  }

  /** Forgets the loaded folders of this process but keeps their compiled packages (tests of the folder stamp use it). */
  static void forgetLoadedFolders() {
    CACHE.clear();
  }

  /** Forgets the compiled rule bases of this process (tests use it to exercise the on-disk cache). */
  static void clearProcessCache() {
    CACHE.clear();
    PACKAGES.clear();
    LAST_COMPILE.clear();
    CompiledRuleCache.forgetWarning();
  }

  /** The text of every *.drl file below the folder by its relative path, sorted. */
  static Map<String, String> readSources(Path dir) throws RuleSetException {
    return readSources(dir, listFiles(dir));
  }

  /** The *.drl files below the folder, relative to it ('/' separated), sorted by path. */
  private static List<String> listFiles(Path dir) throws RuleSetException {
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
    List<String> rel = new ArrayList<>(files.size());
    for (Path f : files) {
      rel.add(dir.relativize(f).toString().replace('\\', '/'));
    }
    return rel;
  }

  private static Map<String, String> readSources(Path dir, List<String> files) throws RuleSetException {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String rel : files) {
      try {
        byte[] bytes = Files.readAllBytes(dir.resolve(rel));
        String notText = dev.llmcap.config.InputLimits.invalidUtf8(bytes);
        if (notText != null) {
          throw new RuleSetException(rel + ": " + notText);
        }
        sources.put(rel, new String(bytes, StandardCharsets.UTF_8));
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

  /**
   * A session over one DRL package's rules (inference, training, forecast...; null for every package), empty as a new
   * one. Each package has a rule base of its own, read or compiled on first use, so a session carries no network of
   * another mode's rules; its sessions come from a pool and are reset when disposed (Drools' KieSessionsPool), which
   * saves building each session's node memories anew.
   */
  public KieSession newSession(String rulePackage) {
    String key = rulePackage == null ? "" : rulePackage;
    return pools.computeIfAbsent(key, k -> kieBase(k).newKieSessionsPool(1)).newKieSession();
  }

  private KieBase kieBase(String packageName) {
    try {
      if (!packageName.isEmpty()) {
        PackageRules p = packages.get(packageName);
        if (p == null) {
          return CompiledRuleCache.ruleBaseOf(List.of()); // no rules of that package: nothing fires
        }
        Optional<KieBase> model = ExecModel.ruleBase(p.name, p.hash);
        ruleSources.put(p.name, model.isPresent() ? "executable model" : "classic");
        return model.isPresent() ? model.get() : p.ruleBase();
      }
      List<KiePackage> all = new ArrayList<>();
      for (PackageRules p : packages.values()) {
        all.addAll(p.ruleBase().getKiePackages());
      }
      return CompiledRuleCache.ruleBaseOf(all);
    } catch (RuleSetException e) {
      throw new IllegalStateException("rules that compiled before no longer compile: " + e.getMessage(), e);
    }
  }

  /**
   * Where a package's rule base came from: "executable model" (generated at build time for the shipped rules) or
   * "classic" (compiled or read from the rule cache); null before its first session.
   */
  public String ruleSource(String packageName) { return ruleSources.get(packageName); }

  /** The names of the DRL packages of this folder. */
  public List<String> packageNames() { return List.copyOf(packages.keySet()); }

  /** One DRL package of the folder: its hash, and its compiled rule base once read or compiled. */
  private static final class PackageRules {
    private final String name;
    private final String hash;
    private final String key;
    private final Optional<Path> cacheFile;
    /** The folder's sources (file to text); null when the folder's stamp let it go unread (then read when needed). */
    private Map<String, String> sources;
    private Path folder;
    private String folderHash;

    PackageRules(String name, String hash) {
      this.name = name;
      this.hash = hash;
      this.cacheFile = CompiledRuleCache.file(name, hash);
      this.key = name + "|" + hash + "|" + CompiledRuleCache.buildStamp();
    }

    /** Whether this process or the on-disk cache holds the package compiled from the same files. */
    boolean compiledBefore() {
      return PACKAGES.containsKey(key) || cacheFile.map(Files::isRegularFile).orElse(false);
    }

    /** The package's rule base: from this process, else the on-disk cache (read once), else compiled now. */
    synchronized KieBase ruleBase() throws RuleSetException {
      KieBase kb = PACKAGES.get(key);
      if (kb != null) {
        return kb;
      }
      Optional<KieBase> fromDisk = cacheFile.flatMap(CompiledRuleCache::read);
      if (fromDisk.isPresent()) {
        PACKAGES.put(key, fromDisk.get());
        return fromDisk.get();
      }
      if (sources == null) {
        sources = reread(folder, folderHash);
      }
      List<String> problems = new ArrayList<>();
      compile(sources, problems, false); // the cache file was unusable: no copy of it, a compilation
      if (!problems.isEmpty()) {
        throw new RuleSetException(problems);
      }
      return PACKAGES.get(key);
    }

    /** The folder's sources when its stamp let it go unread, provided they still hash to what the stamp said. */
    private static Map<String, String> reread(Path folder, String folderHash) throws RuleSetException {
      Map<String, String> now = readSources(folder, listFiles(folder));
      if (!hash(now).equals(folderHash)) {
        throw new RuleSetException("the rule files in " + folder + " changed while this run used them; run again");
      }
      return now;
    }

    /**
     * Compiles the package: not at all when only comments changed since a compilation in the on-disk cache (its cache
     * file is copied to this version's name and read when first needed, like any cache file; reuse allows it), only its
     * changed files when the index of its last compilation allows (see {@link IncrementalCompile}), else all of them.
     * Problems gets one `file:line: message` per error, else the result is kept. For a whole compilation every
     * file of the folder is written to the compiler's file system, those of other packages as an empty package
     * statement: the compiler takes files in its file system's order, and rules of equal priority fire in the order
     * they were compiled, so this keeps the firing order (and the audit trace) the same as compiling the whole folder.
     */
    void compile(Map<String, String> folder, List<String> problems, boolean reuse) throws RuleSetException {
      Map<String, String> own = new LinkedHashMap<>();
      folder.forEach((file, text) -> {
        if (packageOf(text).equals(name)) {
          own.put(file, text);
        }
      });
      Optional<Path> index = cacheFile.isPresent()
          ? CompiledRuleCache.indexFile(name, IncrementalCompile.declarationsKey(own, folder.keySet())) : Optional.empty();
      Optional<Path> tokens = cacheFile.isPresent()
          ? IncrementalCompile.tokensKey(own, folder.keySet()).flatMap(k -> CompiledRuleCache.tokensFile(name, k))
          : Optional.empty();
      if (reuse && tokens.isPresent() && CompiledRuleCache.reuseForSameTokens(tokens.get(), cacheFile.get())) {
        LAST_COMPILE.put(name, "none (only comments changed)");
        if (index.isPresent()) { // the next edit's changed files are those changed since this version
          IncrementalCompile.recordedOrder(index.get())
              .ifPresent(order -> IncrementalCompile.remember(index.get(), cacheFile.get(), order, own));
        }
        return;
      }
      if (index.isPresent()) {
        Optional<List<String>> order = IncrementalCompile.recordedOrder(index.get());
        Optional<List<KiePackage>> changedOnly = order.isPresent()
            ? IncrementalCompile.compile(name, index.get(), own) : Optional.empty();
        if (changedOnly.isPresent()) {
          LAST_COMPILE.put(name, "changed files");
          keep(changedOnly.get(), true);
          IncrementalCompile.remember(index.get(), cacheFile.get(), order.get(), own);
          tokens.ifPresent(t -> CompiledRuleCache.rememberTokens(t, cacheFile.get()));
          return;
        }
      }
      LAST_COMPILE.put(name, "whole");
      checkDuplicateRuleNames(own);
      KieServices ks = KieServices.Factory.get();
      KieFileSystem kfs = ks.newKieFileSystem();
      ReleaseId releaseId = ks.newReleaseId("dev.llmcap.rules", "rules-" + name.replaceAll("[^A-Za-z0-9_.-]", "_"),
          "h" + hash.substring(0, 16));
      writeCompilerInput(kfs, releaseId, folder, name);
      KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
      int before = problems.size();
      List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
      for (Message m : errors) {
        String path = m.getPath() == null ? "?" : m.getPath().replaceFirst("^src/main/resources/", "");
        String text = m.getText() == null ? "" : m.getText().replaceAll("\\s+", " ").trim();
        // the compiler's follow-on to a syntax error already reported for the same file adds nothing
        if (text.equals("Parser returned a null Package") && errors.stream().anyMatch(o -> o != m && Objects.equals(o.getPath(), m.getPath()))) {
          continue;
        }
        problems.add(path + ":" + Math.max(m.getLine(), 0) + ": " + text);
      }
      if (problems.size() > before) {
        return;
      }
      List<KiePackage> compiled = new ArrayList<>();
      for (KiePackage p : ks.newKieContainer(releaseId).getKieBase().getKiePackages()) {
        if (p.getName().equals(name)) {
          compiled.add(p);
        }
      }
      keep(compiled, false);
      if (index.isPresent()) {
        IncrementalCompile.remember(index.get(), cacheFile.get(), IncrementalCompile.compileOrder(compiled), own);
      }
      tokens.ifPresent(t -> CompiledRuleCache.rememberTokens(t, cacheFile.get()));
    }

    /**
     * Caches the compiled package on disk and in this process. A package merged from a previous compilation and the
     * changed files is used as read back from its serialised form: the same rule base a later run reads from the cache.
     */
    private void keep(List<KiePackage> compiled, boolean merged) throws RuleSetException {
      byte[] bytes = null;
      if (cacheFile.isPresent() || merged) {
        try {
          bytes = CompiledRuleCache.serialise(compiled);
        } catch (java.io.IOException e) {
          throw new RuleSetException("compiled rules cannot be serialised: " + e.getMessage());
        }
      }
      if (cacheFile.isPresent()) {
        CompiledRuleCache.write(cacheFile.get(), bytes);
      }
      KieBase kb;
      if (merged) {
        try {
          kb = CompiledRuleCache.rebuild(bytes);
        } catch (java.io.IOException | ClassNotFoundException e) {
          throw new RuleSetException("compiled rules cannot be read back: " + e.getMessage());
        }
      } else {
        kb = CompiledRuleCache.ruleBaseOf(compiled);
      }
      PACKAGES.put(key, kb);
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
