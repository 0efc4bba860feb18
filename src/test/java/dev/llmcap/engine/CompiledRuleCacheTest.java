package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcap.export.PlanJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk cache of compiled rules: one checked file per DRL package, the same plans as a fresh compilation, a
 * damaged file replaced by a compilation (said once on stderr), and only the edited package recompiled.
 */
class CompiledRuleCacheTest extends TempRuleCacheTest {

  /** The shipped rules from the cache too, not their executable model (ExecModel): what an edited folder does. */
  private static void classicPathOnly() {
    System.setProperty("llmcap.execModel", "off");
  }

  private static String plan(Path rules) throws Exception {
    LLMForecastEngine engine = new LLMForecastEngine(Workspace.under(Path.of(".")).withRules(rules), Map.of());
    return PlanJson.write(engine.plan(Engines.request("llama-3.1-8b", "FP16", "L40S", 4, 700, 150)));
  }

  /** Cache files by name, with their modification times. */
  private Map<String, FileTime> cacheFiles() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      Map<String, FileTime> out = new TreeMap<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".kpkg")).collect(Collectors.toList())) {
        out.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
      }
      return out;
    }
  }

  private Path cacheFileOf(String pkg) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(p -> p.getFileName().toString().startsWith(pkg + "-") && p.toString().endsWith(".kpkg")).findFirst()
          .orElseThrow();
    }
  }

  @Test
  void cachedRulesPlanExactlyLikeCompiledRules() throws Exception {
    classicPathOnly();
    String compiled = plan(Path.of("rules"));
    assertThat(cacheFiles().keySet()).hasSize(3)
        .anyMatch(n -> n.startsWith("inference-")).anyMatch(n -> n.startsWith("training-")).anyMatch(n -> n.startsWith("forecast-"));
    RuleBase.clearProcessCache();
    assertThat(plan(Path.of("rules"))).isEqualTo(compiled);
  }

  @Test
  void aBitFlippedCacheFileIsRemovedReportedOnceAndRecompiled() throws Exception {
    classicPathOnly();
    String compiled = plan(Path.of("rules"));
    Path inference = cacheFileOf("inference");
    byte[] bytes = Files.readAllBytes(inference);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(inference, bytes);
    Path training = cacheFileOf("training");
    Files.write(training, new byte[] {1, 2, 3});

    StringBuilder captured = new StringBuilder();
    String recovered = withStderrInto(captured, () -> {
      RuleBase.clearProcessCache();
      String p = plan(Path.of("rules"));
      RuleBase.load(Path.of("rules")).newSession("training").dispose();
      return p;
    });
    assertThat(recovered).isEqualTo(compiled);
    String warnings = captured.toString();
    assertThat(warnings).contains("ignored the compiled-rule cache " + inference.getFileName())
        .contains("checksum mismatch").contains("compiled the rules again");
    assertThat(warnings.lines().filter(l -> l.contains("compiled-rule cache")).count()).isEqualTo(1);
    // both bad entries were replaced by good ones, which read back without a compilation
    assertThat(CompiledRuleCache.read(inference)).isPresent();
    assertThat(CompiledRuleCache.read(training)).isPresent();
  }

  @Test
  void theChecksumCatchesEveryFlippedByteTruncationAndAnOlderFormat() throws Exception {
    byte[] payload = new byte[4096];
    new java.util.Random(7).nextBytes(payload);
    byte[] file = CompiledRuleCache.withChecksum(payload);
    assertThat(CompiledRuleCache.payload(file)).isEqualTo(payload);
    int head = file.length - payload.length;
    for (int i = 0; i < file.length; i++) { // any single changed byte: magic, check bytes or payload
      byte[] damaged = file.clone();
      damaged[i] ^= (byte) (1 << (i % 8));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompiledRuleCache.payload(damaged)).as("byte " + i)
          .isInstanceOf(CompiledRuleCache.CorruptCacheException.class);
    }
    for (int cut : new int[] {1, 100, payload.length - 1}) {
      byte[] truncated = java.util.Arrays.copyOf(file, file.length - cut);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompiledRuleCache.payload(truncated))
          .isInstanceOf(CompiledRuleCache.CorruptCacheException.class);
    }
    byte[] appended = java.util.Arrays.copyOf(file, file.length + 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompiledRuleCache.payload(appended))
        .isInstanceOf(CompiledRuleCache.CorruptCacheException.class);
    // a file of the previous format (SHA-256 after the magic "llmcap-kpkg-2") is not read as this one
    byte[] older = file.clone();
    older["llmcap-kpkg-".length()] = '2';
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompiledRuleCache.payload(older))
        .hasMessageContaining("not a compiled-rule cache file of this version");
    assertThat(head).isEqualTo("llmcap-kpkg-3\n".length() + 8);
  }

  @Test
  void editingOneRuleFileRecompilesOnlyItsPackage(@TempDir Path tmp) throws Exception {
    Path rules = copyOfShippedRules(tmp);
    plan(rules);
    Map<String, FileTime> first = cacheFiles();
    assertThat(first).hasSize(3);

    Path drl = rules.resolve("training/storage.drl");
    Files.writeString(drl, Files.readString(drl) + "\n// edited\n");
    RuleBase.clearProcessCache();
    assertThat(plan(rules)).contains("\"gpus_per_replica\"");
    Map<String, FileTime> second = cacheFiles();
    assertThat(second).hasSize(4);
    for (Map.Entry<String, FileTime> e : first.entrySet()) {
      assertThat(second.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue()); // not rewritten
    }
    assertThat(second.keySet().stream().filter(n -> n.startsWith("training-")).count()).isEqualTo(2);

    Path inference = rules.resolve("inference/storage.drl");
    Files.writeString(inference, Files.readString(inference) + "\n// edited\n");
    RuleBase.clearProcessCache();
    RuleBase.load(rules);
    assertThat(cacheFiles().keySet().stream().filter(n -> n.startsWith("inference-")).count()).isEqualTo(2);
  }

  /** The plan of the rules in a fresh compilation of the whole folder, no cache involved. */
  private String planCompiledWhole(Path rules) throws Exception {
    String dir = System.getProperty("llmcap.cache");
    System.setProperty("llmcap.cache", "off");
    RuleBase.clearProcessCache();
    try {
      return plan(rules);
    } finally {
      System.setProperty("llmcap.cache", dir);
      RuleBase.clearProcessCache();
    }
  }

  private static String withoutRulesHash(String planJson) {
    return planJson.replaceAll("\"sha256\"\\s*:\\s*\"[0-9a-f]{64}\"", "");
  }

  /** Runs the step with stderr captured into {@code err} (restored afterwards) and returns its result. */
  private static <T> T withStderrInto(StringBuilder err, java.util.concurrent.Callable<T> step) throws Exception {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return step.call();
    } finally {
      System.setErr(saved);
      err.append(captured.toString(StandardCharsets.UTF_8));
    }
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  @Test
  void editingRulesCompilesOnlyTheEditedFilesAndPlansExactlyLikeAWholeCompilation(@TempDir Path tmp) throws Exception {
    Path rules = copyOfShippedRules(tmp);
    plan(rules);
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "whole");

    // a rule's formula text changed, a rule added (rules after it move in the load order), a comment appended elsewhere
    Path storage = rules.resolve("inference/storage.drl");
    edit(storage, "n($w) + \" GB weights + \" + n($img.getValue())", "n($w) + \" GB of weights + \" + n($img.getValue())");
    Files.writeString(storage, Files.readString(storage) + "\nrule \"Storage note: an added rule\"\nwhen\n"
        + "    Quantity(scope == \"\", name == \"model_storage_gb\")\nthen\nend\n");
    Path latency = rules.resolve("inference/latency.drl");
    Files.writeString(latency, Files.readString(latency) + "\n// a note\n");
    RuleBase.clearProcessCache();
    String changed = plan(rules);
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "changed files");
    assertThat(changed).contains("GB of weights +");
    assertThat(changed).isEqualTo(planCompiledWhole(rules));
    // the merged package is cached like any other: the next run reads it and plans the same
    RuleBase.clearProcessCache();
    assertThat(plan(rules)).isEqualTo(changed);
    assertThat(RuleBase.LAST_COMPILE).doesNotContainKey("inference");

    // a rule removed from another file, after the previous merge
    Path sanity = rules.resolve("inference/sanity.drl");
    String text = Files.readString(sanity);
    int start = text.lastIndexOf("\nrule ");
    Files.writeString(sanity, text.substring(0, start + 1));
    RuleBase.clearProcessCache();
    String removed = plan(rules);
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "changed files");
    assertThat(removed).isEqualTo(planCompiledWhole(rules));
  }

  @Test
  void anEditToCommentsOnlyCompilesNothingAndPlansExactlyLikeAWholeCompilation(@TempDir Path tmp) throws Exception {
    Path rules = copyOfShippedRules(tmp);
    String original = plan(rules);
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "whole");

    // a comment appended after the last rule and one reworded in place
    Path storage = rules.resolve("inference/storage.drl");
    Files.writeString(storage, Files.readString(storage) + "\n// a note after the last rule\n");
    edit(storage, "// Storage: model weights, node caches, logs", "// Storage (reworded): weights, caches, logs");
    RuleBase.clearProcessCache();
    String commented = plan(rules);
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "none (only comments changed)")
        .doesNotContainKey("training").doesNotContainKey("forecast");
    assertThat(commented).isEqualTo(planCompiledWhole(rules));
    assertThat(withoutRulesHash(commented)).isEqualTo(withoutRulesHash(original)); // only the rule files' hash moved
    assertThat(cacheFiles().keySet().stream().filter(n -> n.startsWith("inference-")).count()).isEqualTo(2);
    RuleBase.clearProcessCache();
    assertThat(plan(rules)).isEqualTo(commented);
    assertThat(RuleBase.LAST_COMPILE).doesNotContainKey("inference"); // read from its own cache file now

    // a change to a rule's text after that recompiles the edited file, against the comment-edited version
    edit(storage, "\" GB weights + \"", "\" GB of weights + \"");
    RuleBase.clearProcessCache();
    String changed = plan(rules);
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "changed files");
    assertThat(changed).contains("GB of weights +").isEqualTo(planCompiledWhole(rules));

    // a line comment added inside a rule moves the lines below it: compiled (only that file), same plan
    edit(storage, "rule \"Total storage\"\nwhen\n", "rule \"Total storage\"\nwhen\n    // every part of the storage\n");
    RuleBase.clearProcessCache();
    String moved = plan(rules);
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "changed files");
    assertThat(withoutRulesHash(moved)).isEqualTo(withoutRulesHash(changed));
    assertThat(moved).isEqualTo(planCompiledWhole(rules));
  }

  @Test
  void anUnreadableCopyForSameTokensIsReportedAndCompiled(@TempDir Path tmp) throws Exception {
    Path rules = copyOfShippedRules(tmp);
    plan(rules);
    Path before = cacheFileOf("inference");
    byte[] bytes = Files.readAllBytes(before);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(before, bytes);
    Path storage = rules.resolve("inference/storage.drl");
    Files.writeString(storage, Files.readString(storage) + "\n// a note\n");
    RuleBase.clearProcessCache();
    StringBuilder err = new StringBuilder();
    String planned = withStderrInto(err, () -> plan(rules));
    assertThat(err.toString()).contains("ignored the compiled-rule cache").contains("checksum mismatch");
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "whole");
    assertThat(planned).isEqualTo(planCompiledWhole(rules));
  }

  @Test
  void anEditedFunctionADuplicatedRuleNameOrACompileErrorCompileTheWholePackage(@TempDir Path tmp) throws Exception {
    Path rules = copyOfShippedRules(tmp);
    plan(rules);
    Path functions = rules.resolve("inference/functions.drl");
    edit(functions, "return Math.abs(Math.log(a / b));", "return Math.abs(Math.log(b / a));");
    RuleBase.clearProcessCache();
    RuleBase.load(rules);
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "whole");

    Path storage = rules.resolve("inference/storage.drl");
    String original = Files.readString(storage);
    edit(storage, "rule \"Log storage: request records over the retention period\"", "rule \"Total storage\"");
    RuleBase.clearProcessCache();
    assertThat(org.junit.jupiter.api.Assertions.assertThrows(RuleSetException.class, () -> RuleBase.load(rules)).getMessage())
        .contains("duplicate rule name \"Total storage\"");
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "whole");

    Files.writeString(storage, original.replace("double v = $w + $img.getValue();", "double v = $w + $img.getValu();"));
    RuleBase.clearProcessCache();
    assertThat(org.junit.jupiter.api.Assertions.assertThrows(RuleSetException.class, () -> RuleBase.load(rules)).getMessage())
        .contains("inference/storage.drl:").contains("getValu");
    assertThat(RuleBase.LAST_COMPILE).containsEntry("inference", "whole");
  }

  @Test
  void theBuildStampChangesWithTheJarTheDroolsJarAndTheJvm(@TempDir Path tmp) throws Exception {
    Path jar = Files.writeString(tmp.resolve("llmcap.jar"), "jar one");
    Path drools = Files.writeString(tmp.resolve("drools-core.jar"), "drools");
    String stamp = CompiledRuleCache.stampOf(jar, drools, "Vendor 17.0.15");
    assertThat(CompiledRuleCache.stampOf(jar, drools, "Vendor 17.0.15")).isEqualTo(stamp);
    assertThat(CompiledRuleCache.stampOf(jar, drools, "Vendor 25.0.1")).isNotEqualTo(stamp);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
    String rebuilt = CompiledRuleCache.stampOf(jar, drools, "Vendor 17.0.15");
    assertThat(rebuilt).isNotEqualTo(stamp);
    Files.writeString(drools, "drools, another version");
    assertThat(CompiledRuleCache.stampOf(jar, drools, "Vendor 17.0.15")).isNotEqualTo(rebuilt);
    // the stamp is part of every cache file's name, so another build or JVM never reads this one's files
    assertThat(CompiledRuleCache.file("inference", "ab".repeat(32)).orElseThrow().getFileName().toString())
        .endsWith("-" + CompiledRuleCache.buildStamp() + ".kpkg");
  }

  @Test
  void aFileIsInThePackageItDeclares() {
    assertThat(RuleBase.packageOf("// package nope;\n/* package no;\n */\npackage inference;\nrule")).isEqualTo("inference");
    assertThat(RuleBase.packageOf("rule \"x\" when then end")).isEqualTo("defaultpkg");
  }

  /** A copy of the repository's rules folder below tmp (ExecModelTest uses it too). */
  static Path copyOfShippedRules(Path tmp) throws IOException {
    Path rules = tmp.resolve("rules");
    copy(Path.of("rules"), rules);
    return rules;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
