package dev.llmcap.cli;

import java.util.function.Supplier;
import org.apache.commons.cli.Options;

/**
 * One command of the CLI: its name, a one-line summary, its usage line, its options (the single definition used to
 * parse, for help, shell completion and the man page) and how it runs. Adding a command is one entry in
 * {@link Commands#all()}.
 */
record CommandSpec(String name, String summary, String usage, Supplier<Options> options, Runner runner) {
  /** Runs the command on its arguments (the command name removed); returns the exit code. */
  interface Runner {
    int run(String[] args, Io io);
  }
}
