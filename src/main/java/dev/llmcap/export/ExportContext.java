package dev.llmcap.export;

import java.util.Map;
import java.util.TreeMap;

/** How a plan is exported: colour (terminal only), the audit-trace appendix, and where each input came from. */
public record ExportContext(boolean colour, boolean explain, Map<String, String> provenance) {
  /** Copies provenance into a sorted map so every format lists it in the same order. */
  public ExportContext {
    provenance = provenance == null ? Map.of() : new TreeMap<>(provenance);
  }

  /** No colour, no trace appendix, no provenance: what files get. */
  public static ExportContext plain() {
    return new ExportContext(false, false, Map.of());
  }
}
