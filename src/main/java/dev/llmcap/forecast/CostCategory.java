package dev.llmcap.forecast;

import java.util.Locale;

/** What a cost record paid for. */
public enum CostCategory {
  GPU_COMPUTE("gpu_compute"),
  STORAGE("storage"),
  NETWORK("network");

  private final String code;

  CostCategory(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Looks a category up by its file name (case-insensitive); null when unknown. */
  public static CostCategory fromCode(String code) {
    String c = code.trim().toLowerCase(Locale.ROOT);
    for (CostCategory k : values()) {
      if (k.code.equals(c)) {
        return k;
      }
    }
    return null;
  }
}
