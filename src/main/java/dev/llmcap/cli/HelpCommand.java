package dev.llmcap.cli;

import java.util.Optional;

/** llmcap help [COMMAND] and llmcap --help: the command list with the default command's flags, or one command's help. */
final class HelpCommand {
  private HelpCommand() {}

  static int run(String[] args, Io io) {
    if (args.length == 0) {
      io.out().println("llmcap " + Version.get() + ": capacity planner for serving and fine-tuning large language models");
      io.out().println();
      io.out().print(Commands.overview());
      io.out().println();
      return new PlanCommand(io).run(new String[] {"--help"});
    }
    if (args.length > 1) {
      io.err().println("llmcap help: give one command name (got " + args.length + " arguments)");
      return Main.USAGE;
    }
    Optional<CommandSpec> command = Commands.find(args[0]);
    if (command.isEmpty()) {
      String hint = DidYouMean.closest(args[0], Commands.all().stream().map(CommandSpec::name).toList())
          .map(s -> " (did you mean '" + s + "'?)").orElse("");
      io.err().println("llmcap help: unknown command '" + args[0] + "'" + hint + "; run 'llmcap help' for the list");
      return Main.USAGE;
    }
    if (command.get().name().equals("help")) {
      return run(new String[0], io);
    }
    return command.get().runner().run(new String[] {"--help"}, io);
  }
}
