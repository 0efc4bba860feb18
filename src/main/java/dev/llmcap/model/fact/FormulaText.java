package dev.llmcap.model.fact;

/**
 * The formula text of a {@link Quantity}, written only when it is read (the audit trace, an explanation): a lambda of a
 * rule consequence, which may call the rule file's functions (Drools declares those to throw {@code Exception}).
 */
@FunctionalInterface
public interface FormulaText {
  /** Writes the text; the same text on every call. */
  String write() throws Exception;
}
