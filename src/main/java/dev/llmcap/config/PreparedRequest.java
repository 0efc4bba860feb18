package dev.llmcap.config;

import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.model.PlanRequest;
import java.util.List;
import java.util.Map;

/**
 * A validated request with defaults filled in and catalog names made canonical, plus the catalog entries to insert
 * as candidates and where each input value came from (config, flag or default).
 */
public record PreparedRequest(PlanRequest request, List<GpuSpec> gpus, List<ModelSpec> models, Map<String, String> provenance) {}
