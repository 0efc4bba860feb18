package dev.llmcap.config;

import java.util.List;

/** Input the planner cannot use; each problem names the field, the bad value and what is allowed. Exit code 2. */
public class InputException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InputException(String problem) {
    this(List.of(problem));
  }

  public InputException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() { return problems; }
}
