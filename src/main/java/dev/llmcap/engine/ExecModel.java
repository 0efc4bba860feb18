package dev.llmcap.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * Drools' executable model of the shipped rules, generated at build time ({@link ExecModelGenerator}) into the jar: a
 * package whose files hash to the recorded value (rules nobody edited) gets its rule base from the generated classes,
 * with no DRL compiled or read from the rule cache; any other package, or a model that is missing or does not load, takes
 * the classic path. -Dllmcap.execModel=off turns it off.
 */
final class ExecModel {
  /** The class path resource naming each package's rules class and the package hash it was generated from. */
  static final String RESOURCE = "dev/llmcap/engine/exec-model.properties";
  private static final Properties RECORDED = recorded();
  /** Rule bases built from a model in this process, by package hash (a model is the same for the same hash). */
  private static final Map<String, KieBase> BUILT = new ConcurrentHashMap<>();

  private ExecModel() {}

  private static Properties recorded() {
    Properties p = new Properties();
    try (InputStream in = ExecModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException | RuntimeException e) {
      p.clear(); // no usable record: no model
    }
    return p;
  }

  /** The package hash the shipped model of a package was generated from, if the build generated one. */
  static Optional<String> recordedHash(String packageName) {
    return Optional.ofNullable(RECORDED.getProperty(packageName + ".hash"));
  }

  /** Whether a package with these files has a generated model to use (and it is not turned off). */
  static boolean covers(String packageName, String packageHash) {
    return !"off".equalsIgnoreCase(System.getProperty("llmcap.execModel"))
        && recordedHash(packageName).map(packageHash::equals).orElse(false)
        && RECORDED.getProperty(packageName + ".model") != null;
  }

  /**
   * The package's rule base built from its generated model, or empty when it has none for these files or it cannot be
   * loaded (a damaged jar, classes that no longer link): the caller then takes the classic path.
   */
  static Optional<KieBase> ruleBase(String packageName, String packageHash) {
    if (!covers(packageName, packageHash)) {
      return Optional.empty();
    }
    KieBase kb = BUILT.get(packageHash);
    if (kb != null) {
      return Optional.of(kb);
    }
    try {
      Class<?> type = Class.forName(RECORDED.getProperty(packageName + ".model"), true, ExecModel.class.getClassLoader());
      Model model = (Model) type.getConstructor().newInstance();
      kb = KieBaseBuilder.createKieBaseFromModel(List.of(model));
      BUILT.put(packageHash, kb);
      return Optional.of(kb);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Forgets the rule bases built in this process (tests). */
  static void clear() {
    BUILT.clear();
  }
}
