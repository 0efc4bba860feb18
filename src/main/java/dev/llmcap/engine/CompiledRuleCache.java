package dev.llmcap.engine;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.impl.KnowledgePackageImpl;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * Compiled DRL packages cached on disk, one file per package, so a rerun with unchanged rules skips DRL compilation (the
 * slowest part of start-up) and an edit to one package recompiles only that package. A file is keyed by a hash of its
 * package's rule files and a stamp of the llmcap build, the Drools build and the JVM (compiled rules hold bytecode of
 * the fact classes), and carries a CRC-32 and the length of its contents (a check against damage: truncation, flipped
 * bits; a SHA-256 of the inference package took ~45 ms of a plan under the launcher's C1-only JIT): a file that fails
 * the check or cannot be read back (corrupt, truncated, or classes that no longer link) is removed, said once on stderr,
 * and the package is compiled again. Location: -Dllmcap.cache=DIR, else $XDG_CACHE_HOME/llmcap or ~/.cache/llmcap;
 * -Dllmcap.cache=off disables it.
 */
final class CompiledRuleCache {
  /** First bytes of a cache file: format name and version. */
  private static final byte[] MAGIC = "llmcap-kpkg-3\n".getBytes(StandardCharsets.US_ASCII);
  /** Check bytes after the magic: the payload's CRC-32 and its length, 4 bytes each, big-endian. */
  private static final int DIGEST_BYTES = 8;
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private static volatile String stamp;

  private CompiledRuleCache() {}

  /** The cache file of one package (by the hash of its rule files), or empty when caching is off or has no home. */
  static Optional<Path> file(String packageName, String packageHash) {
    return file(packageName, packageHash, ".kpkg");
  }

  /** The index of a package's last compilation (by its declarations key, see {@link IncrementalCompile}). */
  static Optional<Path> indexFile(String packageName, String declarationsKey) {
    return file(packageName, declarationsKey, ".kidx");
  }

  /** The note naming the cache file compiled from a package's files without comments (see {@link IncrementalCompile#tokensKey}). */
  static Optional<Path> tokensFile(String packageName, String tokensKey) {
    return file(packageName, tokensKey, ".ktok");
  }

  /** The stamp of a rules folder (by a hash of its path; see {@link RuleFolderStamp}). */
  static Optional<Path> stampFile(String folderKey) {
    return file("rules-folder", folderKey, ".kstat");
  }

  /** Records that the cache file was compiled from files with these tokens (a failure only costs a later compile). */
  static void rememberTokens(Path tokensFile, Path cacheFile) {
    write(tokensFile, cacheFile.getFileName().toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Copies the cache file compiled from files with the same tokens (only comments differed) to the given cache file;
   * false when there is none, or it cannot be read or copied (the caller then compiles). The copy is checked when read,
   * like any cache file.
   */
  static boolean reuseForSameTokens(Path tokensFile, Path cacheFile) {
    try {
      Optional<byte[]> named = readChecked(tokensFile);
      if (named.isEmpty()) {
        return false;
      }
      String name = new String(named.get(), StandardCharsets.UTF_8);
      if (name.contains("/") || name.contains("\\") || !name.endsWith(".kpkg")) {
        return false;
      }
      Path source = tokensFile.resolveSibling(name);
      if (!Files.isRegularFile(source)) {
        return false;
      }
      if (!source.equals(cacheFile)) {
        replaceAtomically(cacheFile, Files.readAllBytes(source));
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static Optional<Path> file(String packageName, String packageHash, String extension) {
    String configured = System.getProperty("llmcap.cache");
    if ("off".equalsIgnoreCase(configured)) {
      return Optional.empty();
    }
    Path dir;
    if (configured != null && !configured.isBlank()) {
      dir = Path.of(configured);
    } else {
      String xdg = System.getenv("XDG_CACHE_HOME");
      String home = System.getProperty("user.home");
      if ((xdg == null || xdg.isBlank()) && (home == null || home.isBlank())) {
        return Optional.empty();
      }
      dir = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache")).resolve("llmcap");
    }
    String safeName = packageName.replaceAll("[^A-Za-z0-9_.-]", "_");
    return Optional.of(dir.resolve(safeName + "-" + packageHash.substring(0, 24) + "-" + buildStamp() + extension));
  }

  /** The stamp of this process's llmcap build, Drools build and JVM (computed once). */
  static String buildStamp() {
    String s = stamp;
    if (s == null) {
      s = stampOf(codeLocation(CompiledRuleCache.class), codeLocation(KnowledgeBaseFactory.class),
          System.getProperty("java.vm.vendor", "") + " " + System.getProperty("java.vm.version", ""));
      stamp = s;
    }
    return s;
  }

  /**
   * A short stamp that changes when the llmcap jar (or classes folder) is rebuilt, when the Drools jar changes, or when
   * another JVM runs: name, size and modification time of each code location, and the JVM's vendor and version.
   */
  static String stampOf(Path llmcapCode, Path droolsCode, String jvm) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path where : new Path[] {llmcapCode, droolsCode}) {
        md.update(String.valueOf(where).getBytes(StandardCharsets.UTF_8));
        if (where != null) {
          Path probe = Files.isDirectory(where) ? where.resolve("dev/llmcap/model/fact/Quantity.class") : where;
          if (Files.exists(probe)) {
            md.update((Files.getLastModifiedTime(probe).toMillis() + ":" + Files.size(probe)).getBytes(StandardCharsets.UTF_8));
          }
        }
        md.update((byte) 0);
      }
      md.update(jvm.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (IOException | NoSuchAlgorithmException e) {
      return "nostamp";
    }
  }

  private static Path codeLocation(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** The packages of a compiled rule base as bytes. */
  static byte[] serialise(Collection<KiePackage> packages) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new DroolsObjectOutputStream(new BufferedOutputStream(bytes))) {
      oos.writeObject(new ArrayList<>(packages));
    }
    return bytes.toByteArray();
  }

  /** A fresh rule base holding the given compiled packages. */
  static KieBase ruleBaseOf(Collection<KiePackage> packages) {
    InternalKnowledgeBase kb = KnowledgeBaseFactory.newKnowledgeBase();
    kb.addPackages(packages);
    return kb;
  }

  /** A fresh rule base holding the serialised packages. */
  static KieBase rebuild(byte[] bytes) throws IOException, ClassNotFoundException {
    try (DroolsObjectInputStream ois = new DroolsObjectInputStream(new ByteArrayInputStream(bytes),
        CompiledRuleCache.class.getClassLoader())) {
      @SuppressWarnings("unchecked")
      Collection<KiePackage> packages = (Collection<KiePackage>) ois.readObject();
      return ruleBaseOf(packages);
    }
  }

  /**
   * The rule base cached in the file, read once; empty when there is none. A file that fails its checksum or cannot be
   * read back is removed and reported once on stderr (the caller then compiles the package).
   */
  static Optional<KieBase> read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      return Optional.empty(); // no cache entry (or unreadable): compile
    }
    try {
      return Optional.of(rebuild(payload(all)));
    } catch (Exception | LinkageError e) {
      discard(file, e instanceof CorruptCacheException ? e.getMessage() : e.toString());
      return Optional.empty();
    }
  }

  /** The checked contents of a cache or index file; empty when it fails its check, an exception when it cannot be read. */
  static Optional<byte[]> readChecked(Path file) throws IOException {
    try {
      return Optional.of(payload(Files.readAllBytes(file)));
    } catch (CorruptCacheException e) {
      return Optional.empty();
    }
  }

  /** The compiled packages held in a cache file, not yet in a rule base; empty when there is no usable file. */
  static List<KiePackage> readPackages(Path file) {
    try {
      Optional<byte[]> payload = readChecked(file);
      if (payload.isEmpty()) {
        return List.of();
      }
      try (DroolsObjectInputStream ois = new DroolsObjectInputStream(new ByteArrayInputStream(payload.get()),
          CompiledRuleCache.class.getClassLoader())) {
        @SuppressWarnings("unchecked")
        Collection<KiePackage> packages = (Collection<KiePackage>) ois.readObject();
        return new ArrayList<>(packages);
      }
    } catch (Exception | LinkageError e) {
      return List.of();
    }
  }

  /** A compiled package without rules. */
  static KiePackage emptyPackage(String name) {
    return new KnowledgePackageImpl(name);
  }

  /** The serialised packages of a cache file after checking its format and checksum. */
  static byte[] payload(byte[] all) throws CorruptCacheException {
    int head = MAGIC.length + DIGEST_BYTES;
    if (all.length < head || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new CorruptCacheException("not a compiled-rule cache file of this version");
    }
    byte[] payload = Arrays.copyOfRange(all, head, all.length);
    if (!Arrays.equals(check(payload), 0, DIGEST_BYTES, all, MAGIC.length, head)) {
      throw new CorruptCacheException("checksum mismatch");
    }
    return payload;
  }

  /** The bytes of a cache file holding the serialised packages. */
  static byte[] withChecksum(byte[] payload) {
    byte[] all = new byte[MAGIC.length + DIGEST_BYTES + payload.length];
    System.arraycopy(MAGIC, 0, all, 0, MAGIC.length);
    System.arraycopy(check(payload), 0, all, MAGIC.length, DIGEST_BYTES);
    System.arraycopy(payload, 0, all, MAGIC.length + DIGEST_BYTES, payload.length);
    return all;
  }

  /** The check bytes of a payload: its CRC-32 (java.util.zip, native) and its length. */
  static byte[] check(byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload, 0, payload.length);
    return ByteBuffer.allocate(DIGEST_BYTES).putInt((int) crc.getValue()).putInt(payload.length).array();
  }

  private static void discard(Path file, String reason) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a cache entry that cannot be removed is simply not used
    }
    if (WARNED.compareAndSet(false, true)) {
      System.err.println("llmcap: ignored the compiled-rule cache " + file.getFileName() + " (" + reason
          + "); removed it and compiled the rules again");
    }
  }

  /** Lets the next unusable cache file be reported again (tests start each case afresh). */
  static void forgetWarning() {
    WARNED.set(false);
  }

  /** Writes a cache file atomically (a temporary file moved into place); failures only cost the next run a compile. */
  static void write(Path file, byte[] payload) {
    try {
      Files.createDirectories(file.getParent());
      replaceAtomically(file, withChecksum(payload));
    } catch (IOException | RuntimeException e) {
      // caching is an optimisation: a read-only home or a full disk must not fail the plan
    }
  }

  /** Writes the bytes to a temporary file beside the target and moves it over the target in one step. */
  private static void replaceAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), ".kpkg", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A cache file whose format or checksum is wrong. */
  static final class CorruptCacheException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptCacheException(String message) {
      super(message);
    }
  }
}
