package dev.llmcap.testsupport;

import dev.llmcap.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the llmcap command line: its exit code and what it wrote on stdout and stderr. */
public record CliRun(int code, String out, String err) {

  /** Runs the command line with stdout and stderr captured, not attached to a terminal. */
  public static CliRun of(String... args) {
    return of(false, args);
  }

  /** Runs the command line with stdout and stderr captured; {@code tty} says whether Main is told it writes to a terminal. */
  public static CliRun of(boolean tty, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), tty);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
