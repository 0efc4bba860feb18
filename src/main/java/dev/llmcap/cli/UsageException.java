package dev.llmcap.cli;

/** A command line the planner cannot run: unknown flag, missing value, bad number. Exit code 2. */
public class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
