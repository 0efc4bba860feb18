package dev.llmcap.engine;

import dev.llmcap.model.LLMWorkloadInput;
import dev.llmcap.model.ModelConfig;
import dev.llmcap.model.PlanRequest;
import java.nio.file.Path;
import java.util.Map;

/** One shared engine over the repository's rules and catalogs for tests (compiling rules once per JVM). */
public final class Engines {
  private static LLMForecastEngine shared;

  private Engines() {}

  public static synchronized LLMForecastEngine shared() {
    if (shared == null) {
      try {
        shared = new LLMForecastEngine(Workspace.under(Path.of(".")), Map.of());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return shared;
  }

  /** A request for a named model with the given load, on one GPU type (no comparison with other GPUs). */
  public static PlanRequest request(String model, String precision, String gpu, double rps, int in, int out) {
    PlanRequest r = new PlanRequest();
    r.setWorkload(new LLMWorkloadInput(rps, in, out));
    ModelConfig m = new ModelConfig();
    m.setModelName(model);
    m.setPrecision(precision);
    r.setModel(m);
    r.getGpu().setGpuType(gpu);
    r.getOptions().setCompareGpus(false);
    return r;
  }
}
