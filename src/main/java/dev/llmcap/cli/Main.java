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
    System.exit(run(args, out, err, System.console() != null));
  }

  /** Runs one command line; never throws. */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean tty) {
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
          case "models":
            if (rest.length > 0 && rest[0].equals("import")) {
              return new ModelsImportCommand(out, err).run(Arrays.copyOfRange(rest, 1, rest.length));
            }
            err.println("llmcap models: give a subcommand: 'import PATH' (run llmcap models import --help)");
            return USAGE;
          default:
            err.println("llmcap: unknown command '" + command
                + "' (commands: plan, batch, compare, forecast, validate, calibrate, models, interactive; run llmcap --help)");
            return USAGE;
        }
      }
      return new PlanCommand(out, err, tty).run(args);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      err.println("llmcap: internal error: " + e + " (please report it with the command line that caused it)");
      return FAILED;
    }
  }
}
