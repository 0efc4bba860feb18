package dev.llmcap.cli;

import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Options;

/** Every command of the CLI, in the order --help lists them; the first (plan) also runs when no command is named. */
final class Commands {
  private Commands() {}

  static List<CommandSpec> all() {
    return List.of(
        new CommandSpec("plan", "plan serving or training capacity from flags and/or config files (the default command)",
            "llmcap [plan] [flags]", () -> PlanOptionsSpec.build(null),
            (a, io) -> new PlanCommand(io).run(a)),
        new CommandSpec("batch", "plan many configs (files, folders, JSONL), sweeps and rule-change diffs",
            "llmcap batch INPUT... [flags]", BatchCommand::options, (a, io) -> new BatchCommand(io.out(), io.err(), io.tty()).run(a)),
        new CommandSpec("compare", "rank GPUs and clouds for one config by monthly cost",
            "llmcap compare CONFIG [flags]", CompareCommand::options, (a, io) -> new CompareCommand(io.out(), io.err(), io.tty()).run(a)),
        new CommandSpec("explain", "the chain of rules, formulas, assumptions and inputs behind one plan figure",
            "llmcap explain FIELD [plan flags | --config FILE] [--depth N] [--format text|json]",
            () -> PlanOptionsSpec.build(null), Commands::explain),
        new CommandSpec("rules", "tools for rule authors: rules check | test | diff | reference",
            "llmcap rules check|test|diff|reference [flags]", Commands::helpOnly,
            (a, io) -> new RulesCommand(io.out(), io.err()).run(a)),
        new CommandSpec("forecast", "forecast load or cost from history, a series or a request trace, and size capacity",
            "llmcap forecast [flags]", ForecastOptionsSpec::build, (a, io) -> new ForecastCommand(io.out(), io.err()).run(a)),
        new CommandSpec("validate", "score the rules against measured serving or training results",
            "llmcap validate --measurements FILE.csv [flags]", ValidateCommand::options,
            (a, io) -> new ValidateCommand(io.out(), io.err()).run(a)),
        new CommandSpec("calibrate", "fit efficiency assumptions to measurements and write an override file",
            "llmcap calibrate --measurements FILE.csv --out FILE.json [flags]", CalibrateCommand::options,
            (a, io) -> new CalibrateCommand(io.out(), io.err()).run(a)),
        new CommandSpec("interactive", "answer questions one at a time on a terminal (also: llmcap with no arguments)",
            "llmcap interactive", InteractiveSession::options, InteractiveSession::command),
        new CommandSpec("gpus", "list the GPU catalog (memory, bandwidth, compute, price)",
            "llmcap gpus [--format text|json]", Listings::options, (a, io) -> Listings.gpus().run(a, io)),
        new CommandSpec("models", "list the model catalog, or add a Hugging Face config to it: llmcap models import PATH",
            "llmcap models [--format text|json] | llmcap models import PATH [flags]", Listings::options,
            (a, io) -> a.length > 0 && a[0].equals("import")
                ? new ModelsImportCommand(io.out(), io.err()).run(java.util.Arrays.copyOfRange(a, 1, a.length))
                : Listings.models().run(a, io)),
        new CommandSpec("clouds", "list clouds, their regions and pricing models",
            "llmcap clouds [--format text|json]", Listings::options, (a, io) -> Listings.clouds().run(a, io)),
        new CommandSpec("completion", "print a shell completion script: llmcap completion bash|zsh",
            "llmcap completion bash|zsh", Commands::helpOnly, (a, io) -> new CompletionCommand(io).run(a)),
        new CommandSpec("man", "print the man page (roff), generated from the option definitions",
            "llmcap man", Commands::helpOnly, (a, io) -> new ManPage(io).run(a)),
        new CommandSpec("help", "show the commands, or one command's flags: llmcap help [COMMAND]",
            "llmcap help [COMMAND]", Commands::helpOnly, HelpCommand::run));
  }

  /** `explain FIELD flags...` runs as the plan command's `--explain FIELD flags...`. */
  private static int explain(String[] args, Io io) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      io.out().println("usage: llmcap explain FIELD [plan flags | --config FILE] [--depth N] [--format text|json]");
      io.out().println("  the chain of rules, formulas, assumptions and inputs behind one plan figure; the plan flags follow");
      io.out().println();
      return new PlanCommand(io).run(new String[] {"--help"});
    }
    if (args.length == 0 || args[0].startsWith("-")) {
      io.err().println("llmcap: explain needs a FIELD first, e.g. llmcap explain gpu_resources.min_gpus_per_replica --config FILE");
      return Main.USAGE;
    }
    String[] planArgs = new String[args.length + 1];
    planArgs[0] = "--explain";
    System.arraycopy(args, 0, planArgs, 1, args.length);
    return new PlanCommand(io).run(planArgs);
  }

  /** The command named NAME, if there is one. */
  static Optional<CommandSpec> find(String name) {
    return all().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The options of a command that takes only --help. */
  static Options helpOnly() {
    Options o = new Options();
    o.addOption(CommonFlags.flag("help", "show this help"));
    return o;
  }

  /** The command list as --help prints it. */
  static String overview() {
    StringBuilder sb = new StringBuilder("Commands:\n");
    for (CommandSpec c : all()) {
      sb.append(String.format("  %-12s %s%n", c.name(), c.summary()));
    }
    sb.append("\nRun 'llmcap help COMMAND' (or 'llmcap COMMAND --help') for a command's flags.\n");
    return sb.toString();
  }
}
