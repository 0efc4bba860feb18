package dev.llmcap.forecast;

/** Why a request-trace row was not used. */
public enum TraceDropReason {
  /** Wrong number of fields, or a timestamp or count that does not parse. */
  UNPARSABLE,
  /** A negative token count. */
  NEGATIVE_TOKENS,
  /** Zero context or zero generated tokens: not a served request. */
  ZERO_TOKENS,
  /** A token count above the configured plausibility limit. */
  IMPLAUSIBLE_TOKENS
}
