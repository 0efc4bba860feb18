package dev.llmcap.cli;

import java.io.PrintStream;

/**
 * What a command writes to and how: stdout (the result), stderr (messages), whether stdin/stdout are a terminal, and
 * whether colour may be used (a terminal, no NO_COLOR, TERM not dumb, no --no-color).
 */
record Io(PrintStream out, PrintStream err, boolean tty, boolean colour) {}
