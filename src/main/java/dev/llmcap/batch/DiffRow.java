package dev.llmcap.batch;

import java.util.List;

/**
 * The rule-change diff of one config: changed (with the changed fields), unchanged, or error (either rule set could
 * not plan it; the message says which).
 */
public record DiffRow(String source, List<String> sweepValues, String status, String error, List<RuleDiff.Change> changes) {}
