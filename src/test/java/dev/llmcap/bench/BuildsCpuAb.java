package dev.llmcap.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Two builds of llmcap compared in one JVM on a shared machine: each build in a class loader of its own, the same
 * configs planned for their key figures (what a batch row needs) in chunks taken in turn (A B, B A, A B...), CPU time of
 * the planning thread per plan. Both builds see the same load at nearly the same moment, so the ratio of a pair holds
 * when the load swings; the figures are per build after a warm-up pass over every config.
 *
 * <p>Run: {@code bench/ab-cpu.sh BUILD_A BUILD_B [CONFIGS.jsonl] [CHUNK] [ROUNDS]}; a build is a folder with llmcap.jar
 * and lib/ (a copy of target/llmcap.jar and target/lib), and optionally rules/, gpu-catalog/ and model-catalog/ of its
 * own (then that build plans with them; otherwise with those of -Dllmcap.home), so rule edits can be compared too.
 */
public final class BuildsCpuAb {
  private BuildsCpuAb() {}

  /** The rules folder, hash and file list a plan names. */
  private static final String RULES_INFO = "\"rules\"\\s*:\\s*\\{[^}]*\\}";

  /** One build, loaded in its own class loader, planning through its public API by reflection. */
  static final class Build {
    final String name;
    final ClassLoader loader;
    final Object engine;
    final Object mapper;
    final Method readTree;
    final Constructor<?> newLoader;
    final Method load;
    final Method option;
    final Method toRequest;
    final Method planKeyFigures;
    final Method writePlan;
    final List<Double> msPerPlan = new ArrayList<>();
    int errors;

    Build(String name, Path dir) throws Exception {
      this.name = name;
      List<URL> urls = new ArrayList<>();
      urls.add(dir.resolve("llmcap.jar").toUri().toURL());
      try (Stream<Path> jars = Files.list(dir.resolve("lib"))) {
        for (Path p : (Iterable<Path>) jars.sorted()::iterator) {
          urls.add(p.toUri().toURL());
        }
      }
      loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
      Thread.currentThread().setContextClassLoader(loader);
      String home = System.getProperty("llmcap.home");
      if (Files.isDirectory(dir.resolve("rules"))) {
        System.setProperty("llmcap.home", dir.toString()); // the engine reads its folders when it is made
      }
      try {
        engine = loader.loadClass("dev.llmcap.engine.LLMForecastEngine").getConstructor().newInstance();
      } finally {
        if (home == null) {
          System.clearProperty("llmcap.home");
        } else {
          System.setProperty("llmcap.home", home);
        }
      }
      Class<?> configLoader = loader.loadClass("dev.llmcap.config.ConfigLoader");
      newLoader = configLoader.getConstructor();
      load = configLoader.getMethod("load", loader.loadClass("com.fasterxml.jackson.databind.JsonNode"), String.class);
      option = configLoader.getMethod("option", String.class, boolean.class, String.class);
      toRequest = configLoader.getMethod("toRequest");
      planKeyFigures = engine.getClass().getMethod("planKeyFigures", loader.loadClass("dev.llmcap.model.PlanRequest"));
      writePlan = loader.loadClass("dev.llmcap.export.PlanJson").getMethod("write", Object.class);
      mapper = loader.loadClass("dev.llmcap.config.Json").getMethod("documents").invoke(null);
      readTree = mapper.getClass().getMethod("readTree", String.class);
    }

    /** Plans n configs from index from (wrapping round), returns CPU ms per plan; plans, when given, gets each plan's JSON. */
    double plan(List<String> configs, int from, int n, StringBuilder plans) throws Exception {
      Thread.currentThread().setContextClassLoader(loader);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long start = threads.getCurrentThreadCpuTime();
      for (int i = from; i < from + n; i++) {
        try {
          Object l = newLoader.newInstance();
          load.invoke(l, readTree.invoke(mapper, configs.get(i % configs.size())), "config " + (i % configs.size() + 1));
          option.invoke(l, "compare_gpus", false, "batch");
          Object plan = planKeyFigures.invoke(engine, toRequest.invoke(l));
          if (plans != null) {
            plans.append(writePlan.invoke(null, plan)).append('\n');
          }
        } catch (InvocationTargetException e) {
          errors++;
          if (plans != null) {
            plans.append("error ").append(e.getCause()).append('\n');
          }
        }
      }
      return (threads.getCurrentThreadCpuTime() - start) / 1e6 / n;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: BuildsCpuAb BUILD_A BUILD_B CONFIGS.jsonl [CHUNK] [ROUNDS]");
      System.exit(2);
    }
    List<String> configs = Files.readAllLines(Path.of(args[2]));
    configs.removeIf(String::isBlank);
    int chunk = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    Build a = new Build("A " + args[0], Path.of(args[0]));
    Build b = new Build("B " + args[1], Path.of(args[1]));
    StringBuilder va = new StringBuilder();
    StringBuilder vb = new StringBuilder();
    a.plan(configs, 0, configs.size(), va); // warm-up, and a check that both builds give the same plans
    b.plan(configs, 0, configs.size(), vb);
    // a plan names its rules folder and the folder's hash, which differ when the builds carry rules of their own
    String ja = va.toString().replaceAll(RULES_INFO, "\"rules\":{}");
    String jb = vb.toString().replaceAll(RULES_INFO, "\"rules\":{}");
    System.out.println("configs: " + configs.size() + "; errors A " + a.errors + ", B " + b.errors
        + "; plans (JSON, rules folder and hash aside) " + (ja.equals(jb) ? "identical" : "DIFFER"));
    if (!ja.equals(jb)) {
      String[] la = ja.split("\n");
      String[] lb = jb.split("\n");
      for (int i = 0; i < Math.min(la.length, lb.length); i++) {
        if (!la[i].equals(lb[i])) {
          System.out.println("first difference, plan " + (i + 1) + ":\nA " + la[i] + "\nB " + lb[i]);
          break;
        }
      }
    }
    List<Double> ratios = new ArrayList<>();
    int at = 0;
    for (int r = 0; r < rounds; r++) {
      Build first = r % 2 == 0 ? a : b;
      Build second = r % 2 == 0 ? b : a;
      first.msPerPlan.add(first.plan(configs, at, chunk, null));
      second.msPerPlan.add(second.plan(configs, at, chunk, null));
      ratios.add(b.msPerPlan.get(r) / a.msPerPlan.get(r));
      at += chunk;
    }
    for (Build x : List.of(a, b)) {
      List<Double> s = new ArrayList<>(x.msPerPlan);
      Collections.sort(s);
      System.out.printf(Locale.ROOT, "%s: median %.3f ms CPU per plan (%.3f-%.3f over %d chunks of %d)%n", x.name,
          s.get(s.size() / 2), s.get(0), s.get(s.size() - 1), s.size(), chunk);
    }
    Collections.sort(ratios);
    System.out.printf(Locale.ROOT, "B/A of each pair: median %.3f, quartiles %.3f-%.3f, range %.3f-%.3f%n",
        ratios.get(ratios.size() / 2), ratios.get(ratios.size() / 4), ratios.get(3 * ratios.size() / 4), ratios.get(0),
        ratios.get(ratios.size() - 1));
    System.exit(0);
  }
}
