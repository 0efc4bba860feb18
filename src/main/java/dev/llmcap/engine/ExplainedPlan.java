package dev.llmcap.engine;

import dev.llmcap.model.LLMCapacityPlan;
import java.util.Map;

/** A plan and where each of its inputs came from: the config file, a flag, or the default assumption that filled it. */
public record ExplainedPlan(LLMCapacityPlan plan, Map<String, String> inputs) {}
