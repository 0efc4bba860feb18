package dev.llmcap.cli;

import static dev.llmcap.cli.CommonFlags.value;

import dev.llmcap.config.InputException;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.Workspace;
import dev.llmcap.export.AtomicFiles;
import dev.llmcap.validate.Coverage;
import dev.llmcap.validate.JUnitXml;
import dev.llmcap.validate.RuleCheck;
import dev.llmcap.validate.RuleScenario;
import dev.llmcap.validate.RuleScenarioRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** `llmcap rules check|test|diff|reference`: tools for people who edit the rules. */
final class RulesCommand {
  private final PrintStream out;
  private final PrintStream err;

  RulesCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.println("usage: llmcap rules check|test|diff|reference [flags]   (llmcap rules SUBCOMMAND --help for its flags)");
      out.println("  check      compile the rules and report problems as file:line: message (exit 0 clean, 1 findings, 2 does not compile)");
      out.println("  test       run the rule tests rules/tests/*.yaml (exit 0 all pass, 1 a failure)");
      out.println("  diff       which plans and fields change between two rule folders, and the rules that changed them");
      out.println("  reference  write docs/rules-reference.md from the fact classes, rules and assumptions");
      return args.length == 0 ? Main.USAGE : Main.OK;
    }
    String sub = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (sub) {
      case "check": return check(rest);
      case "test": return test(rest);
      case "diff": return new RulesDiffCommand(out, err).run(rest);
      case "reference": return reference(rest);
      default:
        err.println("llmcap rules: unknown subcommand '" + sub + "' (check, test, diff, reference)");
        return Main.USAGE;
    }
  }

  private CommandLine parse(String sub, Options o, String[] args) throws UsageException {
    CommonFlags.addTo(o);
    try {
      return new DefaultParser().parse(o, args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private boolean help(String sub, Options o, CommandLine cl, String what) {
    if (!cl.hasOption("help")) {
      return false;
    }
    Help.print(out, "llmcap rules " + sub + " [flags]", what, o, null);
    return true;
  }

  private int check(String[] args) {
    Options o = new Options();
    o.addOption(value("examples", "DIR", "configs whose plans count for rule coverage (default examples/ of the llmcap home)"));
    CommandLine cl;
    try {
      cl = parse("check", o, args);
      CommonFlags.requireNoArguments(cl);
    } catch (UsageException e) {
      return CommonFlags.usageError(err, "rules check", e);
    }
    if (help("check", o, cl, "Compiles the rules and reports every problem as file:line: message. Exit 0 clean, 1 findings, 2 does not compile.")) {
      return Main.OK;
    }
    Workspace ws = CommonFlags.workspace(cl);
    RuleCheck.Report r = RuleCheck.run(ws, RuleCheck.shippedExamples(examplesDir(cl)));
    if (!r.compiles()) {
      r.compileErrors().forEach(out::println);
      err.println("llmcap rules check: the rules do not compile (" + r.compileErrors().size() + " error(s))");
      return Main.USAGE;
    }
    r.findings().forEach(out::println);
    r.notes().forEach(n -> err.println("llmcap rules check: " + n));
    err.println("llmcap rules check: " + (r.findings().isEmpty() ? "clean" : r.findings().size() + " finding(s)"));
    return r.findings().isEmpty() ? Main.OK : Main.FAILED;
  }

  private static Path examplesDir(CommandLine cl) {
    if (cl.hasOption("examples")) {
      return Path.of(cl.getOptionValue("examples"));
    }
    String home = System.getProperty(Workspace.HOME_PROPERTY);
    return (home == null ? Path.of("") : Path.of(home)).resolve("examples");
  }

  private int test(String[] args) {
    Options o = new Options();
    o.addOption(value("junit", "FILE", "also write the results as JUnit XML (for CI)"));
    o.addOption(value("depth", "N", "levels of the explanation printed for a failing value (default 2)"));
    CommandLine cl;
    try {
      cl = parse("test", o, args);
    } catch (UsageException e) {
      return CommonFlags.usageError(err, "rules test", e);
    }
    if (help("test", o, cl, "Runs the rule tests (rules/tests/*.yaml, or the files given): plans each input and compares the "
        + "plan with the expected outputs. Exit 0 all pass, 1 a failure, 2 usage error.")) {
      return Main.OK;
    }
    Workspace ws = CommonFlags.workspace(cl);
    List<Path> files = new ArrayList<>();
    for (String a : cl.getArgList()) {
      files.add(Path.of(a));
    }
    if (files.isEmpty()) {
      files.addAll(Coverage.testFiles(ws.rules().resolve("tests")));
    }
    if (files.isEmpty()) {
      err.println("llmcap rules test: no rule tests in " + ws.rules().resolve("tests") + " (files *.yaml)");
      return Main.USAGE;
    }
    try {
      List<RuleScenario> scenarios = new ArrayList<>();
      for (Path f : files) {
        scenarios.add(RuleScenario.read(f));
      }
      RuleScenarioRunner runner = new RuleScenarioRunner(ws, testDepth(cl));
      List<RuleScenarioRunner.Outcome> outcomes = new ArrayList<>();
      int failed = 0;
      for (RuleScenario s : scenarios) {
        RuleScenarioRunner.Outcome r = runner.run(s);
        outcomes.add(r);
        print(r);
        failed += r.passed() ? 0 : 1;
      }
      if (cl.hasOption("junit")) {
        Path target = Path.of(cl.getOptionValue("junit"));
        AtomicFiles.write(target, JUnitXml.render(outcomes).getBytes(StandardCharsets.UTF_8));
        err.println("llmcap rules test: JUnit XML written to " + target);
      }
      out.println(scenarios.size() + " rule test(s): " + (scenarios.size() - failed) + " passed, " + failed + " failed");
      return failed == 0 ? Main.OK : Main.FAILED;
    } catch (InputException e) {
      e.problems().forEach(p -> err.println("llmcap rules test: " + p));
      return Main.USAGE;
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap rules test: rules: " + p));
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap rules test: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private static int testDepth(CommandLine cl) throws InputException {
    String d = cl.getOptionValue("depth", "2");
    try {
      int n = Integer.parseInt(d.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException("--depth must be a whole number >= 1 (got '" + d + "')");
  }

  private void print(RuleScenarioRunner.Outcome r) {
    String where = RuleCheck.displayPath(r.scenario().file());
    if (r.error() != null) {
      out.println("FAIL " + r.scenario().name() + " (" + where + "): cannot plan: " + r.error());
      return;
    }
    if (r.passed()) {
      out.println("PASS " + r.scenario().name() + " (" + where + "): " + r.checks().size() + " value(s)");
      return;
    }
    out.println("FAIL " + r.scenario().name() + " (" + where + ")");
    for (RuleScenarioRunner.Check c : r.checks()) {
      if (c.passed()) {
        continue;
      }
      out.println("  " + where + ":" + c.expectation().line() + ": " + c.expectation().field() + ": expected "
          + c.expectation().expected() + ", got " + (c.actual() == null ? "(absent)" : c.actual()));
      if (c.explanation() != null) {
        for (String line : c.explanation().split("\n")) {
          out.println("    | " + line);
        }
      }
    }
  }

  private int reference(String[] args) {
    Options o = new Options();
    o.addOption(value("output", "FILE", "where to write the reference (default docs/rules-reference.md of the llmcap home)"));
    CommandLine cl;
    try {
      cl = parse("reference", o, args);
      CommonFlags.requireNoArguments(cl);
    } catch (UsageException e) {
      return CommonFlags.usageError(err, "rules reference", e);
    }
    if (help("reference", o, cl, "Writes the rules reference (fact types, rules, assumptions) generated from the rules folder.")) {
      return Main.OK;
    }
    Workspace ws = CommonFlags.workspace(cl);
    String home = System.getProperty(Workspace.HOME_PROPERTY);
    Path target = cl.hasOption("output") ? Path.of(cl.getOptionValue("output"))
        : (home == null ? Path.of("") : Path.of(home)).resolve("docs").resolve("rules-reference.md");
    try {
      String text = dev.llmcap.validate.RulesReference.render(ws);
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
      err.println("llmcap rules reference: written to " + target);
      return Main.OK;
    } catch (RuleSetException e) {
      e.problems().forEach(p -> err.println("llmcap rules reference: rules: " + p));
      return Main.USAGE;
    } catch (IOException e) {
      err.println("llmcap rules reference: " + e.getMessage());
      return Main.FAILED;
    }
  }
}
