package dev.llmcap.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Entry point: dispatches to a command and turns every failure into a message and an exit code (0 ok, 1 failed, 2 usage). */
public final class Main {
  /** Exit code of a successful run. */
  public static final int OK = 0;
  /** Exit code of a run that could not produce its result. */
  public static final int FAILED = 1;
  /** Exit code of a usage or input error. */
  public static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, out, err, System.console() != null, System.getenv());
    out.flush();
    if (out.checkError()) { // e.g. stdout is /dev/full or a closed pipe: the result was not delivered
      err.println("llmcap: cannot write the result to standard output (device full or closed)");
      code = code == OK ? FAILED : code;
    }
    System.exit(code);
  }

  /** Whether --debug was given: stack traces of internal errors and rule faults are printed (never otherwise). */
  private static volatile boolean debug;

  /** Prints the stack trace of a failure's cause on stderr, only under --debug. */
  static void debugTrace(PrintStream err, Throwable cause) {
    if (debug && cause != null) {
      cause.printStackTrace(err);
    }
  }

  /** Runs one command line; never throws. */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean tty) {
    return run(args, out, err, tty, System.getenv());
  }

  /** Runs one command line with the given environment (NO_COLOR, TERM); never throws. */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean tty, Map<String, String> env) {
    debug = Arrays.asList(args).contains("--debug");
    try {
      List<String> rest = new ArrayList<>(Arrays.asList(args));
      boolean noColourFlag = rest.remove("--no-color");
      Io io = new Io(out, err, tty, Colour.allowed(tty, env, noColourFlag));
      if (rest.isEmpty()) {
        return InteractiveSession.start(io);
      }
      String first = rest.get(0);
      if (first.equals("--help") || first.equals("-h")) {
        return HelpCommand.run(rest.subList(1, rest.size()).toArray(new String[0]), io);
      }
      if (!first.startsWith("-")) {
        Optional<CommandSpec> command = Commands.find(first);
        if (command.isEmpty()) {
          String hint = DidYouMean.closest(first, Commands.all().stream().map(CommandSpec::name).toList())
              .map(s -> " (did you mean '" + s + "'?)").orElse("");
          err.println("llmcap: unknown command '" + first + "'" + hint + "; run 'llmcap help' for the list of commands");
          return USAGE;
        }
        return command.get().runner().run(rest.subList(1, rest.size()).toArray(new String[0]), io);
      }
      return new PlanCommand(io).run(rest.toArray(new String[0]));
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError e) {
      err.println("llmcap: internal error: " + dev.llmcap.config.InputLimits.describe(e)
          + (debug ? "" : " (please report it with the command line that caused it; --debug shows the stack trace)"));
      debugTrace(err, e);
      return FAILED;
    }
  }
}
