package dev.llmcap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.catalog.Catalog;
import dev.llmcap.catalog.CatalogException;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.ConfigTemplate;
import dev.llmcap.config.FlagBinding;
import dev.llmcap.config.InputException;
import dev.llmcap.engine.Assumptions;
import dev.llmcap.engine.ExplainedPlan;
import dev.llmcap.engine.LLMForecastEngine;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import dev.llmcap.export.AtomicFiles;
import dev.llmcap.export.PlanJson;
import dev.llmcap.export.TextReport;
import dev.llmcap.model.PlanRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive mode (FR-4.1): `llmcap` with no arguments on a terminal asks one question at a time (default in
 * brackets, an example, `?` explains, Tab completes catalog names, history and line editing via JLine), plans, prints
 * the report and offers to save the plan and the equivalent config. Ctrl-D quits (exit 0), Ctrl-C interrupts (exit 130).
 */
public final class InteractiveSession {
  /** Exit code after Ctrl-C (128 + SIGINT, as shells report it). */
  public static final int INTERRUPTED = 130;

  private final Terminal terminal;
  private final Workspace workspace;
  private final PrintWriter w;
  private final LineReader reader;
  private List<String> completions = List.of();
  private boolean colourAllowed = true;

  /** A session on a terminal (a real one, or a test terminal with piped streams). */
  public InteractiveSession(Terminal terminal, Workspace workspace) {
    this.terminal = terminal;
    this.workspace = workspace;
    this.w = terminal.writer();
    this.reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("llmcap")
        .completer((r, line, candidates) -> completions.forEach(c -> candidates.add(new Candidate(c))))
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        .variable(LineReader.HISTORY_SIZE, 200)
        .build();
  }

  /** Entry point for `llmcap` with no arguments: the flow on a terminal, a usage hint (exit 2) without one. */
  public static int start(PrintStream out, PrintStream err, boolean tty) {
    return start(new Io(out, err, tty, tty));
  }

  static int start(Io io) {
    if (!io.tty()) {
      io.err().println("llmcap: no arguments and no terminal to ask on: give --config FILE or the workload flags"
          + " (run llmcap --help), or run llmcap in a terminal for the interactive mode");
      return Main.USAGE;
    }
    try (Terminal t = TerminalBuilder.builder().system(true).build()) {
      InteractiveSession session = new InteractiveSession(t, Workspace.fromEnvironment());
      session.colourAllowed = io.colour(); // NO_COLOR, TERM=dumb and --no-color hold here too
      return session.run();
    } catch (IOException e) {
      io.err().println("llmcap: cannot open the terminal: " + e.getMessage());
      return Main.FAILED;
    }
  }

  /** The interactive command's flags: only --help (the questions are the input). */
  static org.apache.commons.cli.Options options() {
    return Commands.helpOnly();
  }

  /** llmcap interactive [--help]. */
  static int command(String[] args, Io io) {
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      Help.print(io.out(), "llmcap interactive   (or llmcap with no arguments, on a terminal)",
          "Asks one question at a time (default in brackets, ? explains, Tab completes catalog names): inference "
              + "(serving) or training/fine-tuning, then the workload, model and GPU; plans with the same rules and "
              + "validation as the flags, prints the report and offers to save the plan and the equivalent config.",
          options(), "Ctrl-D quits (exit 0), Ctrl-C interrupts (exit 130).");
      return Main.OK;
    }
    if (args.length > 0) {
      return CommonFlags.usageError(io.err(), "interactive", new UsageException("unexpected argument '" + args[0] + "'"));
    }
    return start(io);
  }

  /** Runs the whole conversation; returns the exit code. Never throws. */
  public int run() {
    CompletableFuture<LLMForecastEngine> engine = CompletableFuture.supplyAsync(this::engine);
    try {
      return converse(engine);
    } catch (UserInterruptException e) {
      say("");
      say("Interrupted; nothing was planned or saved. Goodbye.");
      return INTERRUPTED;
    } catch (EndOfFileException e) {
      say("");
      say("Goodbye.");
      return Main.OK;
    } finally {
      w.flush();
    }
  }

  private int converse(CompletableFuture<LLMForecastEngine> engineFuture) {
    Catalog catalog;
    try {
      catalog = Catalog.load(workspace.gpuCatalog(), workspace.modelCatalog());
    } catch (CatalogException e) {
      say("llmcap: catalog: " + e.getMessage());
      return Main.USAGE;
    }
    String precision = defaultText("default.precision", "FP16");
    String cloud = defaultText("default.cloud", "aws");
    List<InteractiveQuestions.Question> questions = new ArrayList<>(InteractiveQuestions.inference(catalog, precision, cloud));
    say("llmcap interactive planner: " + questions.size() + " questions. Enter takes the [default], ? explains a question,"
        + " Tab completes names, Ctrl-D quits.");
    Map<String, String> flags = new LinkedHashMap<>();
    String mode = "inference";
    int n = 0;
    for (int i = 0; i < questions.size(); i++) {
      InteractiveQuestions.Question q = questions.get(i);
      n++;
      String prefix = "[" + n + "/" + questions.size() + "] ";
      while (true) {
        String answer = ask(prefix + q.text() + ", e.g. " + q.example() + " [" + q.defaultValue() + "]: ", q.completions());
        if (answer.equals("?")) {
          say("  " + q.help());
          continue;
        }
        InteractiveQuestions.Outcome o = q.interpret().apply(answer.isEmpty() ? q.defaultValue() : answer);
        if (o.problem() != null) {
          say("  " + o.problem());
          continue;
        }
        if (o.flags().containsKey(InteractiveQuestions.MODE)) {
          mode = o.flags().get(InteractiveQuestions.MODE);
          if ("training".equals(mode)) {
            // the training flow replaces the serving questions after this one
            questions = new ArrayList<>(questions.subList(0, i + 1));
            questions.addAll(InteractiveQuestions.training(catalog, precision, cloud));
            say("  Training or fine-tuning: " + (questions.size() - 1) + " more questions.");
          }
          break;
        }
        flags.putAll(o.flags());
        break;
      }
    }
    boolean training = "training".equals(mode);
    ConfigLoader loader = new ConfigLoader();
    ObjectNode doc = (ObjectNode) loader.document();
    doc.put("mode", mode);
    for (String section : training ? List.of("training", "model", "gpu", "service") : List.of("workload", "model", "gpu", "service")) {
      doc.putObject(section);
    }
    Map<String, FlagBinding.Target> bindings = training ? FlagBinding.training() : FlagBinding.inference();
    flags.forEach((flag, value) -> loader.override(flag, bindings.get(flag), value));
    if (training) {
      return planTraining(engineFuture, loader, doc);
    }
    Planned<ExplainedPlan> planned = plan(engineFuture, loader, (engine, request) -> engine.planExplained(request, loader.provenance(), false));
    if (planned.exit() != Main.OK) {
      return planned.exit();
    }
    ExplainedPlan plan = planned.plan();
    boolean colour = colourAllowed && !terminal.getType().startsWith(Terminal.TYPE_DUMB);
    w.print(TextReport.render(plan.plan(), colour, false, plan.inputs()));
    w.flush();
    offerSave("Save the plan as JSON? file name, or Enter to skip", "capacity_plan.json", PlanJson.write(plan.plan()), null);
    offerSave("Save your answers as a config for non-interactive runs? file name, or Enter to skip", "my_service.json",
        configJson(doc), "next time: llmcap --config ");
    return Main.OK;
  }

  /** Plans the training answers with the same validation as the flags, prints the report and offers to save both. */
  private int planTraining(CompletableFuture<LLMForecastEngine> engineFuture, ConfigLoader loader, ObjectNode doc) {
    Planned<dev.llmcap.model.TrainingCapacityPlan> planned =
        plan(engineFuture, loader, (engine, request) -> engine.planTraining(request, loader.provenance(), false));
    if (planned.exit() != Main.OK) {
      return planned.exit();
    }
    dev.llmcap.model.TrainingCapacityPlan plan = planned.plan();
    boolean colour = colourAllowed && !terminal.getType().startsWith(Terminal.TYPE_DUMB);
    w.print(dev.llmcap.export.TrainingTextReport.render(plan, colour, false, loader.provenance()));
    w.flush();
    offerSave("Save the plan as JSON? file name, or Enter to skip", "training_plan.json", PlanJson.write(plan), null);
    offerSave("Save your answers as a config for non-interactive runs? file name, or Enter to skip", "my_training.json",
        configJson(doc), "next time: llmcap --config ");
    return Main.OK;
  }

  /** One way of planning a validated request with the engine (inference or training). */
  private interface Planner<P> {
    P plan(LLMForecastEngine engine, PlanRequest request) throws InputException, RuleSetException;
  }

  /** A plan, or the exit code of the problem that stopped it (already reported on the terminal). */
  private record Planned<P>(P plan, int exit) {}

  /** Validates the answers, waits for the engine and plans; every failure is said on the terminal with its exit code. */
  private <P> Planned<P> plan(CompletableFuture<LLMForecastEngine> engineFuture, ConfigLoader loader, Planner<P> planner) {
    try {
      PlanRequest request = loader.toRequest();
      say("Planning...");
      return new Planned<>(planner.plan(engineFuture.get(), request), Main.OK);
    } catch (InputException e) {
      e.problems().forEach(p -> say("llmcap: " + p));
      return new Planned<>(null, Main.USAGE);
    } catch (RuleSetException e) {
      e.problems().forEach(p -> say("llmcap: rules: " + p));
      return new Planned<>(null, Main.USAGE);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof EngineFailure) {
        ((EngineFailure) c).problems.forEach(p -> say("llmcap: " + p));
        return new Planned<>(null, Main.USAGE);
      }
      say("llmcap: internal error: " + c + " (please report it)");
      return new Planned<>(null, Main.FAILED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserInterruptException("");
    }
  }

  private void offerSave(String question, String example, String content, String hint) {
    while (true) {
      String name = ask(question + ", e.g. " + example + " [skip]: ", List.of());
      if (name.isEmpty() || name.equalsIgnoreCase("skip") || name.equalsIgnoreCase("n") || name.equalsIgnoreCase("no")) {
        return;
      }
      if (name.equals("?")) {
        say("  The file is written atomically inside the working directory (or at an absolute path); an existing file"
            + " is only replaced if you confirm.");
        continue;
      }
      try {
        Path target = OutputPaths.resolve(name, true);
        if (Files.exists(target)) {
          String yes = ask("  " + name + " exists; overwrite it? [y/N]: ", List.of("y", "n"));
          if (!yes.toLowerCase(Locale.ROOT).startsWith("y")) {
            continue;
          }
        }
        AtomicFiles.write(target, content);
        say("  wrote " + target + (hint == null ? "" : "; " + hint + name));
        return;
      } catch (UsageException e) {
        say("  " + e.getMessage());
      } catch (IOException e) {
        say("  cannot write " + name + ": " + e.getMessage());
      }
    }
  }

  /** The answers as a config file in the seed's section order, empty sections left out. */
  static String configJson(ObjectNode doc) {
    ObjectNode copy = doc.deepCopy();
    List<String> empty = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = copy.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject() && e.getValue().isEmpty()) {
        empty.add(e.getKey());
      }
    }
    copy.remove(empty);
    return ConfigTemplate.prettyJson(copy);
  }

  private String ask(String prompt, List<String> names) {
    completions = names;
    String line;
    try {
      line = reader.readLine(prompt);
    } catch (EndOfFileException e) {
      if (Thread.interrupted()) {
        throw new UserInterruptException("");
      }
      throw e;
    }
    if (Thread.interrupted()) {
      // Ctrl-C seen while the line was read (a terminal whose input then ended)
      throw new UserInterruptException(line);
    }
    return line == null ? "" : line.trim();
  }

  private void say(String line) {
    w.println(line);
    w.flush();
  }

  private String defaultText(String assumption, String fallback) {
    try {
      return Assumptions.load(workspace.rules()).text(assumption);
    } catch (RuleSetException | RuntimeException e) {
      return fallback;
    }
  }

  private LLMForecastEngine engine() {
    try {
      return new LLMForecastEngine(workspace, Map.of());
    } catch (RuleSetException e) {
      throw new EngineFailure(prefixed("rules: ", e.problems()));
    } catch (CatalogException e) {
      throw new EngineFailure(List.of("catalog: " + e.getMessage()));
    }
  }

  private static List<String> prefixed(String prefix, List<String> lines) {
    List<String> out = new ArrayList<>();
    lines.forEach(l -> out.add(prefix + l));
    return out;
  }

  /** The rules or catalogs could not be loaded in the background. */
  private static final class EngineFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    EngineFailure(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = problems;
    }
  }
}
