package dev.llmcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules folder's stamp: an unchanged folder is not read again and gets the same hash as reading it; any change of a
 * file (also one that keeps its size and modification time), a new or removed file, a damaged stamp or a file too fresh
 * to trust makes the folder be read and hashed as before.
 */
class RuleFolderStampTest extends TempRuleCacheTest {
  @TempDir Path rules;
  private long margin;

  private static final String A = "package tiny;\nimport dev.llmcap.model.fact.*;\n\n// a comment: Assumption(name == \"not_required\")\n"
      + "rule \"Tiny: one assumption named\"\nwhen\n    Assumption(name == \"tiny_a\")\nthen\nend\n";
  private static final String B = "package other;\nimport dev.llmcap.model.fact.*;\n\n"
      + "rule \"Other: two assumptions named\"\nwhen\n    $x : Assumption(name == \"tiny_b\")\n    Assumption(name == \"tiny_a\")\nthen\nend\n";

  @BeforeEach
  void setUp() throws Exception {
    margin = RuleFolderStamp.settleMillis;
    RuleFolderStamp.settleMillis = 100;
    Files.writeString(rules.resolve("a.drl"), A);
    Files.createDirectories(rules.resolve("sub"));
    Files.writeString(rules.resolve("sub/b.drl"), B);
    settle();
  }

  @AfterEach
  void tearDown() {
    RuleFolderStamp.settleMillis = margin;
  }

  /** Waits until every file written so far is older than the (test) margin. */
  private static void settle() throws InterruptedException {
    Thread.sleep(RuleFolderStamp.settleMillis * 3);
  }

  /** The rule files' hash as the plan shows it: SHA-256 over each file's relative path, a 0 byte, its text, a 0 byte. */
  private String fullHash() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    List<Path> files;
    try (Stream<Path> s = Files.walk(rules)) {
      files = s.filter(p -> p.toString().endsWith(".drl")).sorted().collect(Collectors.toList());
    }
    for (Path f : files) {
      md.update(rules.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(Files.readAllBytes(f));
      md.update((byte) 0);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private RuleBase load() throws Exception {
    RuleBase.forgetLoadedFolders();
    return RuleBase.load(rules);
  }

  private Path stamp() {
    return RuleFolderStamp.file(rules.toAbsolutePath().normalize()).orElseThrow();
  }

  @Test
  void anUnchangedFolderIsNotReadAgainAndHashesTheSame() throws Exception {
    RuleBase first = load();
    assertThat(RuleBase.lastLoad).isEqualTo("files");
    assertThat(Files.isRegularFile(stamp())).isTrue();
    RuleBase second = load();
    assertThat(RuleBase.lastLoad).isEqualTo("stamp");
    assertThat(second.hash()).isEqualTo(first.hash()).isEqualTo(fullHash());
    assertThat(second.ruleFiles()).isEqualTo(first.ruleFiles()).containsExactly("a.drl", "sub/b.drl");
    assertThat(second.packageNames()).isEqualTo(first.packageNames());
    assertThat(second.requiredAssumptions()).isEqualTo(first.requiredAssumptions())
        .containsExactly(Map.entry("tiny_a", "a.drl:7"), Map.entry("tiny_b", "sub/b.drl:6"));
    second.newSession("tiny").dispose(); // its packages come from the cache as usual
  }

  @Test
  void anEditKeepingSizeAndModificationTimeIsStillSeen() throws Exception {
    String first = load().hash();
    Path a = rules.resolve("a.drl");
    FileTime mtime = Files.getLastModifiedTime(a);
    Files.writeString(a, A.replace("a comment", "b comment")); // same size
    Files.setLastModifiedTime(a, mtime);
    assertThat(Files.size(a)).isEqualTo(A.length());
    RuleBase edited = load();
    assertThat(RuleBase.lastLoad).isEqualTo("files");
    assertThat(edited.hash()).isNotEqualTo(first).isEqualTo(fullHash());
  }

  @Test
  void aNewOrRemovedFileChangesTheHash() throws Exception {
    String first = load().hash();
    Files.writeString(rules.resolve("sub/c.drl"), "package other;\n");
    settle();
    RuleBase added = load();
    assertThat(RuleBase.lastLoad).isEqualTo("files");
    assertThat(added.hash()).isNotEqualTo(first).isEqualTo(fullHash());
    assertThat(load().hash()).isEqualTo(added.hash());
    assertThat(RuleBase.lastLoad).isEqualTo("stamp");
    Files.delete(rules.resolve("sub/c.drl"));
    RuleBase removed = load();
    assertThat(RuleBase.lastLoad).isEqualTo("files");
    assertThat(removed.hash()).isEqualTo(first).isEqualTo(fullHash());
  }

  @Test
  void aDamagedStampIsIgnoredAndRewritten() throws Exception {
    String first = load().hash();
    byte[] bytes = Files.readAllBytes(stamp());
    bytes[bytes.length - 3] ^= 0x20;
    Files.write(stamp(), bytes);
    assertThat(load().hash()).isEqualTo(first);
    assertThat(RuleBase.lastLoad).isEqualTo("files");
    assertThat(load().hash()).isEqualTo(first);
    assertThat(RuleBase.lastLoad).isEqualTo("stamp");
  }

  @Test
  void filesNewerThanTheMarginAreReadOnEveryRun() throws Exception {
    RuleFolderStamp.settleMillis = 60_000;
    String first = load().hash();
    assertThat(Files.exists(stamp())).isFalse();
    assertThat(load().hash()).isEqualTo(first).isEqualTo(fullHash());
    assertThat(RuleBase.lastLoad).isEqualTo("files");
  }

  @Test
  void aMissingCacheFileMakesTheFolderBeReadAndCompiled() throws Exception {
    String first = load().hash();
    try (Stream<Path> s = Files.list(cache)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".kpkg")).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
    RuleBase.clearProcessCache();
    assertThat(RuleBase.load(rules).hash()).isEqualTo(first);
    assertThat(RuleBase.lastLoad).isEqualTo("files");
  }

  @Test
  void aDamagedCacheFileBehindAStampIsCompiledFromTheFiles() throws Exception {
    String first = load().hash();
    RuleBase.clearProcessCache();
    try (Stream<Path> s = Files.list(cache)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".kpkg")).collect(Collectors.toList())) {
        Files.write(p, "damaged".getBytes(StandardCharsets.UTF_8));
      }
    }
    RuleBase again = RuleBase.load(rules);
    assertThat(RuleBase.lastLoad).isEqualTo("stamp");
    again.newSession("tiny").dispose(); // the damaged file is reported and the package compiled from the files
    assertThat(again.hash()).isEqualTo(first);
    assertThat(RuleBase.LAST_COMPILE.get("tiny")).isEqualTo("whole");
  }
}
