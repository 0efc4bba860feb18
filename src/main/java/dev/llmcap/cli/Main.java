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

  /** `explain FIELD flags...` as the plan command's `--explain FIELD flags...`. */
  private static String[] explainArgs(String[] rest) {
    String[] args = new String[rest.length + 1];
    args[0] = "--explain";
    System.arraycopy(rest, 0, args, 1, rest.length);
    return args;
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
          case "rules":
            return new RulesCommand(out, err).run(rest);
          case "explain":
            if (rest.length == 0 || rest[0].startsWith("-")) {
              err.println("llmcap: explain needs a FIELD first, e.g. llmcap explain gpu_resources.min_gpus_per_replica --config FILE");
              return USAGE;
            }
            return new PlanCommand(out, err, tty).run(explainArgs(rest));
          default:
            err.println("llmcap: unknown command '" + command
                + "' (commands: plan, batch, compare, explain, rules, forecast, validate, calibrate, interactive; run llmcap --help)");
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
