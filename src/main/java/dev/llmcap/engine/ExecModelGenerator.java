package dev.llmcap.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Build step (run by Maven in process-classes, left out of the jar): generates Drools' executable model of one DRL
 * package of the shipped rules folder and writes its compiled classes into the classes folder, with the package hash they
 * were built from in {@link ExecModel#RESOURCE}. The compiler's file system is filled exactly as {@link RuleBase} fills
 * the classic compiler's (every file of the folder, other packages' as a bare package statement), so the rules load and
 * fire in the same order. Skips the work when the rules and the classes they were generated against are unchanged.
 * Usage: ExecModelGenerator RULES_DIR PACKAGE CLASSES_DIR. A package the executable model rejects is reported and left
 * without a model (the planner then compiles it as edited rules); the build goes on.
 */
public final class ExecModelGenerator {
  private ExecModelGenerator() {}

  /** Entry point of the build step. */
  public static void main(String[] args) throws Exception {
    Path rules = Path.of(args[0]).toAbsolutePath().normalize();
    String pkg = args[1];
    Path classes = Path.of(args[2]);
    Map<String, String> folder = RuleBase.readSources(rules);
    String packageHash = RuleBase.packageHash(folder, pkg);
    String inputs = inputsDigest(packageHash, classes);
    Path recorded = classes.resolve(ExecModel.RESOURCE);
    Properties old = new Properties();
    if (Files.isRegularFile(recorded)) {
      try (var in = Files.newInputStream(recorded)) {
        old.load(in);
      }
      String cls = old.getProperty(pkg + ".model");
      if (inputs.equals(old.getProperty(pkg + ".inputs")) && cls != null
          && Files.isRegularFile(classes.resolve(cls.replace('.', '/') + ".class"))) {
        System.out.println("executable model of " + pkg + ": up to date");
        return;
      }
    }
    long t0 = System.nanoTime();
    removeGenerated(classes, old, pkg);
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId rid = ks.newReleaseId("dev.llmcap.rules", "rules-" + pkg, "exec");
    RuleBase.writeCompilerInput(kfs, rid, folder, pkg);
    KieBuilder b = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
    List<Message> errors = b.getResults().getMessages(Message.Level.ERROR);
    if (!errors.isEmpty()) {
      System.err.println("WARNING: no executable model of the " + pkg + " rules (the planner compiles them at run time): "
          + errors.size() + " errors");
      for (Message m : errors) {
        System.err.println("  " + m.getPath() + ":" + m.getLine() + ": " + m.getText());
      }
      Properties none = new Properties();
      old.forEach((k, v) -> {
        if (!String.valueOf(k).startsWith(pkg + ".")) {
          none.put(k, v);
        }
      });
      store(none, recorded);
      return;
    }
    InternalKieModule km = (InternalKieModule) b.getKieModule();
    String modelList = new String(km.getBytes("META-INF/kie/dev.llmcap.rules/rules-" + pkg + "/drools-model"),
        StandardCharsets.UTF_8);
    List<String> models = modelList.lines().map(String::trim).filter(l -> l.startsWith(pkg + ".")).collect(Collectors.toList());
    if (models.size() != 1) {
      throw new IllegalStateException("expected one rules class of package " + pkg + ", found " + models);
    }
    List<String> written = new ArrayList<>();
    for (String name : km.getFileNames()) {
      if (name.endsWith(".class")) {
        Path out = classes.resolve(name);
        Files.createDirectories(out.getParent());
        Files.write(out, km.getBytes(name));
        written.add(name);
      }
    }
    Properties p = new Properties();
    p.putAll(old);
    p.setProperty(pkg + ".hash", packageHash);
    p.setProperty(pkg + ".model", models.get(0));
    p.setProperty(pkg + ".inputs", inputs);
    p.setProperty(pkg + ".classes", String.join(",", written));
    store(p, recorded);
    System.out.println("executable model of " + pkg + ": " + written.size() + " classes in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  /** The package hash, the class path's file names and every llmcap class file: what the generated classes depend on. */
  private static String inputsDigest(String packageHash, Path classes) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(packageHash.getBytes(StandardCharsets.UTF_8));
    for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      md.update(Path.of(e).getFileName().toString().getBytes(StandardCharsets.UTF_8));
    }
    List<Path> own;
    try (Stream<Path> s = Files.walk(classes.resolve("dev/llmcap"))) {
      own = s.filter(f -> f.toString().endsWith(".class")).sorted().collect(Collectors.toList());
    }
    for (Path f : own) {
      md.update(classes.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
      md.update(Files.readAllBytes(f));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Deletes the classes a previous generation of the package wrote (a changed rule set names its classes anew). */
  private static void removeGenerated(Path classes, Properties old, String pkg) throws IOException {
    String list = old.getProperty(pkg + ".classes", "");
    for (String name : list.split(",")) {
      if (!name.isEmpty() && name.endsWith(".class") && !name.contains("..")) {
        Files.deleteIfExists(classes.resolve(name));
      }
    }
  }

  private static void store(Properties p, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder text = new StringBuilder("# executable model of the shipped rules (ExecModelGenerator)\n");
    new java.util.TreeMap<>(p).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(file, text.toString(), StandardCharsets.ISO_8859_1);
  }
}
