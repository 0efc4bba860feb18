package dev.llmcap.engine;

import java.util.List;

/** The rules folder cannot be used: a DRL compile error (as file:line: message), a duplicate rule or a bad assumption. */
public class RuleSetException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public RuleSetException(String message) {
    this(List.of(message));
  }

  public RuleSetException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() { return problems; }
}
