package dev.llmcap.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a plan is exported: colour (terminal only), the audit-trace appendix, and where each input came from. */
public record ExportContext(boolean colour, boolean explain, Map<String, String> provenance) {
  /** Copies provenance, keeping its order (the order the inputs were read). */
  public ExportContext {
    provenance = provenance == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  /** No colour, no trace appendix, no provenance: what files get. */
  public static ExportContext plain() {
    return new ExportContext(false, false, Map.of());
  }
}
