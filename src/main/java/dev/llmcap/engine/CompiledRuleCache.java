package dev.llmcap.engine;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * Compiled rule packages as bytes: kept in memory to build one rule base per DRL package on demand, and cached on disk,
 * keyed by a hash of the rule files and of the llmcap build, so a rerun with unchanged rules skips DRL compilation (the
 * slowest part of start-up). Any problem reading the cache falls back to compiling. Location: -Dllmcap.cache=DIR, else
 * $XDG_CACHE_HOME/llmcap or ~/.cache/llmcap; -Dllmcap.cache=off disables it.
 */
final class CompiledRuleCache {
  private CompiledRuleCache() {}

  static Optional<Path> file(String rulesHash) {
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
    return Optional.of(dir.resolve(rulesHash.substring(0, 32) + "-" + buildStamp() + ".kpkg"));
  }

  /** Identifies the llmcap build (jar or classes folder and its modification time), since facts are compiled into rules. */
  private static String buildStamp() {
    try {
      Path where = Path.of(CompiledRuleCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path probe = Files.isDirectory(where) ? where.resolve("dev/llmcap/model/fact/Quantity.class") : where;
      long stamp = Files.getLastModifiedTime(probe).toMillis() ^ Files.size(probe);
      return Long.toHexString(stamp ^ where.toString().hashCode());
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "nostamp";
    }
  }

  /** The packages of a compiled rule base as bytes. */
  static byte[] serialise(KieBase kieBase) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new DroolsObjectOutputStream(new BufferedOutputStream(bytes))) {
      oos.writeObject(new ArrayList<>(kieBase.getKiePackages()));
    }
    return bytes.toByteArray();
  }

  /** A fresh rule base holding the serialised packages the filter accepts (by package name). */
  static KieBase rebuild(byte[] bytes, Predicate<String> packageFilter) throws IOException, ClassNotFoundException {
    try (DroolsObjectInputStream ois = new DroolsObjectInputStream(new ByteArrayInputStream(bytes),
        CompiledRuleCache.class.getClassLoader())) {
      @SuppressWarnings("unchecked")
      Collection<KiePackage> packages = (Collection<KiePackage>) ois.readObject();
      List<KiePackage> kept = new ArrayList<>();
      for (KiePackage p : packages) {
        if (packageFilter.test(p.getName())) {
          kept.add(p);
        }
      }
      InternalKnowledgeBase kb = KnowledgeBaseFactory.newKnowledgeBase();
      kb.addPackages(kept);
      return kb;
    }
  }

  /** The cached bytes, checked by rebuilding them once; empty (and the file removed) when unusable. */
  static Optional<byte[]> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      rebuild(bytes, name -> false);
      return Optional.of(bytes);
    } catch (Exception | LinkageError e) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a cache that cannot be removed is simply not used
      }
      return Optional.empty();
    }
  }

  static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".kpkg", ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // caching is an optimisation: a read-only home or a full disk must not fail the plan
    }
  }
}
