package dev.llmcap.engine;

/**
 * A rule failed while it ran (an exception or Error in its consequence or condition, a loop, a time-out): reported as
 * {@code file:line: rule "NAME" failed: MESSAGE}, with the original failure kept as the cause for --debug.
 */
public class RuleFaultException extends RuleSetException {
  private static final long serialVersionUID = 1L;

  public RuleFaultException(String message, Throwable cause) {
    super(message);
    if (cause != null) {
      initCause(cause);
    }
  }
}
