package dev.llmcap.cli;

import static dev.llmcap.cli.CommonFlags.value;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.batch.RuleDiff;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.InputException;
import dev.llmcap.config.Json;
import dev.llmcap.engine.FigureExplanation;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleLocations;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.PlanRequest;
import dev.llmcap.model.TrainingCapacityPlan;
import dev.llmcap.validate.Coverage;
import dev.llmcap.validate.RuleChanges;
import dev.llmcap.validate.RuleCheck;
import dev.llmcap.validate.RuleScenario;
import dev.llmcap.validate.RuleScenarioRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * `llmcap rules diff --rules NEW --against OLD [CONFIG...]`: plans the shipped examples, the rule tests of NEW and the
 * configs given with both rule folders, and prints which plans and fields change, old and new values, and the changed
 * rules (or assumptions) in the chain behind each changed figure. Field comparison is the batch rule-change diff's.
 */
final class RulesDiffCommand {
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, LLMForecastEngine> engines = new HashMap<>();

  RulesDiffCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    Options o = new Options();
    o.addOption(value("against", "DIR", "the old rules folder to compare with (required)"));
    o.addOption(value("examples", "DIR", "example configs to compare (default examples/ of the llmcap home)"));
    o.addOption(CommonFlags.flag("all", "also list the changed gpu_options.* and latency_vs_load[*] values (counted otherwise)"));
    CommonFlags.addTo(o);
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(o, args);
      if (!cl.hasOption("against")) {
        throw new UsageException("give the old rules folder: --against DIR (and the new one with --rules DIR, default rules/)");
      }
    } catch (ParseException | UsageException e) {
      return CommonFlags.usageError(err, "rules diff", e);
    }
    if (cl.hasOption("help")) {
      out.println("usage: llmcap rules diff --rules NEW --against OLD [CONFIG...]");
      out.println("Plans the examples, the rule tests of NEW and the configs given with both rule folders; prints the plans and");
      out.println("fields that change (old -> new) and the changed rules or assumptions behind each changed figure.");
      return Main.OK;
    }
    Workspace newWs = CommonFlags.workspace(cl);
    Workspace oldWs = newWs.withRules(Path.of(cl.getOptionValue("against")));
    if (!Files.isDirectory(oldWs.rules())) {
      err.println("llmcap rules diff: --against: rules folder not found: " + oldWs.rules());
      return Main.USAGE;
    }
    List<RuleScenario> inputs = new ArrayList<>();
    try {
      String home = System.getProperty(Workspace.HOME_PROPERTY);
      Path examples = cl.hasOption("examples") ? Path.of(cl.getOptionValue("examples"))
          : (home == null ? Path.of("") : Path.of(home)).resolve("examples");
      List<Path> configs = new ArrayList<>(RuleCheck.shippedExamples(examples));
      cl.getArgList().forEach(a -> configs.add(Path.of(a)));
      for (Path c : configs) {
        ConfigLoader loader = new ConfigLoader().load(c);
        inputs.add(new RuleScenario(c, c.toString(), loader.document(), Map.of(), List.of()));
      }
      for (Path t : Coverage.testFiles(newWs.rules().resolve("tests"))) {
        inputs.add(RuleScenario.read(t));
      }
    } catch (InputException e) {
      e.problems().forEach(p -> err.println("llmcap rules diff: " + p));
      return Main.USAGE;
    }
    RuleChanges changes = RuleChanges.between(newWs.rules(), oldWs.rules());
    int changed = 0;
    int errors = 0;
    try {
      RuleLocations newLocations = RuleLocations.of(engine(newWs, Map.of()).rules());
      for (RuleScenario s : inputs) {
        String label = RuleCheck.displayPath(s.file());
        Object oldPlan;
        Object newPlan;
        try {
          oldPlan = plan(engine(withCatalog(oldWs, s), s.set()), s);
          newPlan = plan(engine(withCatalog(newWs, s), s.set()), s);
        } catch (InputException e) {
          out.println(label + ": error: " + String.join("; ", e.problems()));
          errors++;
          continue;
        }
        List<RuleDiff.Change> diff = compare(oldPlan, newPlan);
        if (diff.isEmpty()) {
          out.println(label + ": unchanged");
          continue;
        }
        changed++;
        out.println(label + ": " + diff.size() + " field(s) changed");
        JsonNode tree = Json.shared().valueToTree(newPlan);
        List<TraceEntry> trace = trace(newPlan);
        int hidden = 0;
        for (RuleDiff.Change c : diff) {
          if (!cl.hasOption("all") && (c.field().startsWith("gpu_options.") || c.field().startsWith("latency_vs_load["))) {
            hidden++;
            continue;
          }
          out.println("  " + c.field() + ": " + show(c.oldValue()) + " -> " + show(c.newValue())
              + (c.changePct() == null ? "" : " (" + (c.changePct() >= 0 ? "+" : "") + c.changePct() + "%)")
              + because(c.field(), tree, trace, engine(withCatalog(newWs, s), s.set()), changes, newLocations));
        }
        if (hidden > 0) {
          out.println("  (and " + hidden + " value(s) of gpu_options and latency_vs_load; --all lists them)");
        }
      }
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap rules diff: rules: " + p));
      return Main.USAGE;
    } catch (CatalogException e) {
      err.println("llmcap rules diff: catalog: " + e.getMessage());
      return Main.USAGE;
    }
    for (Map.Entry<String, String> r : changes.rules().entrySet()) {
      String where = newLocations(newWs).of(r.getKey().substring(0, r.getKey().indexOf('/')),
          r.getKey().substring(r.getKey().indexOf('/') + 1)).map(l -> " " + RuleCheck.displayPath(newWs.rules()) + "/" + l).orElse("");
      out.println("rule " + r.getValue() + ": \"" + r.getKey().substring(r.getKey().indexOf('/') + 1) + "\"" + where);
    }
    for (String a : changes.assumptions()) {
      out.println("assumption changed: " + a);
    }
    out.println(inputs.size() + " plan(s) compared: " + changed + " changed, " + (inputs.size() - changed - errors)
        + " unchanged, " + errors + " error(s); " + changes.rules().size() + " rule(s) and " + changes.assumptions().size()
        + " assumption(s) differ");
    return errors == 0 ? Main.OK : Main.FAILED;
  }

  private RuleLocations newLocations(Workspace ws) {
    try {
      return RuleLocations.of(engine(ws, Map.of()).rules());
    } catch (RuleSetException | CatalogException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The changed rules and assumptions in the chain behind a field of the new plan. */
  private static String because(String field, JsonNode tree, List<TraceEntry> trace, LLMForecastEngine engine,
      RuleChanges changes, RuleLocations locations) {
    try {
      FigureExplanation x = FigureExplanation.of(field, tree, trace, engine.rules());
      Set<String> why = new TreeSet<>();
      for (String r : x.rulesReached()) {
        if (changes.rules().containsKey(r)) {
          why.add("rule \"" + r.substring(r.indexOf('/') + 1) + "\"");
        }
      }
      for (String a : x.assumptionsReached()) {
        if (changes.assumptions().contains(a)) {
          why.add("assumption " + a);
        }
      }
      return why.isEmpty() ? "" : "  by changed " + String.join(", ", why);
    } catch (FigureExplanation.UnknownFieldException e) {
      return "";
    }
  }

  private static Workspace withCatalog(Workspace ws, RuleScenario s) {
    return s.gpuCatalog() == null ? ws : ws.withGpuCatalog(s.gpuCatalog());
  }

  private static List<TraceEntry> trace(Object plan) {
    List<TraceEntry> t = plan instanceof LLMCapacityPlan ? ((LLMCapacityPlan) plan).trace() : ((TrainingCapacityPlan) plan).trace();
    return t == null ? List.of() : t;
  }

  /** The batch diff's field comparison for inference plans; the same comparison of every value for training plans. */
  private static List<RuleDiff.Change> compare(Object oldPlan, Object newPlan) {
    if (oldPlan instanceof LLMCapacityPlan && newPlan instanceof LLMCapacityPlan) {
      return RuleDiff.compare((LLMCapacityPlan) oldPlan, (LLMCapacityPlan) newPlan);
    }
    Map<String, String> a = RuleScenarioRunner.values(Json.shared().valueToTree(oldPlan));
    Map<String, String> b = RuleScenarioRunner.values(Json.shared().valueToTree(newPlan));
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<RuleDiff.Change> out = new ArrayList<>();
    for (String k : keys) {
      if (!java.util.Objects.equals(a.get(k), b.get(k))) {
        out.add(new RuleDiff.Change(k, a.get(k), b.get(k), null));
      }
    }
    return out;
  }

  private static Object plan(LLMForecastEngine engine, RuleScenario s) throws InputException, RuleSetException {
    ConfigLoader loader = new ConfigLoader().load(s.config().deepCopy(), s.file().toString());
    PlanRequest request = loader.toRequest();
    return "training".equals(loader.mode()) ? engine.planTraining(request, loader.provenance(), true)
        : engine.planExplained(request, loader.provenance(), true).plan();
  }

  private LLMForecastEngine engine(Workspace ws, Map<String, String> set) throws RuleSetException, CatalogException {
    String key = ws.rules().toAbsolutePath() + "|" + ws.gpuCatalog().toAbsolutePath() + "|" + new java.util.TreeMap<>(set);
    LLMForecastEngine e = engines.get(key);
    if (e == null) {
      e = new LLMForecastEngine(ws, set);
      engines.put(key, e);
    }
    return e;
  }

  private static String show(Object v) {
    return v == null ? "(none)" : String.valueOf(v);
  }
}
