package dev.llmcap.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    int code = run(args, out, err, System.console() != null);
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
    debug = Arrays.asList(args).contains("--debug");
    try {
      if (args.length == 0) {
        return InteractiveSession.start(out, err, tty);
      }
      if (args.length > 0 && !args[0].startsWith("-")) {
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
          case "plan":
            return new PlanCommand(out, err, tty).run(rest);
          case "forecast":
            return new ForecastCommand(out, err).run(rest);
          case "interactive":
            return InteractiveSession.start(out, err, tty);
          case "validate":
            return new ValidateCommand(out, err).run(rest);
          case "calibrate":
            return new CalibrateCommand(out, err).run(rest);
          case "batch":
            return new BatchCommand(out, err, tty).run(rest);
          case "compare":
            return new CompareCommand(out, err, tty).run(rest);
          default:
            err.println("llmcap: unknown command '" + command
                + "' (commands: plan, batch, compare, forecast, validate, calibrate, interactive; run llmcap --help)");
            return USAGE;
        }
      }
      return new PlanCommand(out, err, tty).run(args);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError e) {
      err.println("llmcap: internal error: " + dev.llmcap.config.InputLimits.describe(e)
          + (debug ? "" : " (please report it with the command line that caused it; --debug shows the stack trace)"));
      debugTrace(err, e);
      return FAILED;
    }
  }
}
