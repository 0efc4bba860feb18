package dev.llmcap.validate;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The classes rules match on (inputs, catalog entries, derived facts) and their properties as DRL names them. */
public final class FactTypes {
  /** Every fact class the rules may match: the inputs, the catalog entries and the facts rules derive. */
  public static final List<Class<?>> ALL = List.of(
      dev.llmcap.model.LLMWorkloadInput.class, dev.llmcap.model.ModelConfig.class, dev.llmcap.model.GpuConfig.class,
      dev.llmcap.model.ServiceInput.class, dev.llmcap.model.TrainingInput.class,
      dev.llmcap.catalog.GpuSpec.class, dev.llmcap.catalog.GpuPrice.class, dev.llmcap.catalog.ModelSpec.class,
      dev.llmcap.model.fact.Assumption.class, dev.llmcap.model.fact.Quantity.class, dev.llmcap.model.fact.Finding.class,
      dev.llmcap.model.fact.Verdict.class, dev.llmcap.model.fact.Recommendation.class, dev.llmcap.model.fact.ModelCandidate.class,
      dev.llmcap.model.fact.Layout.class, dev.llmcap.model.fact.LayoutMemory.class, dev.llmcap.model.fact.LayoutFit.class,
      dev.llmcap.model.fact.LayoutRejected.class, dev.llmcap.model.fact.LayoutThroughput.class, dev.llmcap.model.fact.Roofline.class,
      dev.llmcap.model.fact.TrainingLayout.class, dev.llmcap.model.fact.TrainingMemoryModel.class, dev.llmcap.model.fact.TrainingGoodputModel.class,
      dev.llmcap.model.fact.TrainingStepModel.class, dev.llmcap.model.fact.StepTime.class, dev.llmcap.model.fact.LayoutOption.class,
      dev.llmcap.model.fact.ArchitectureSummary.class, dev.llmcap.model.fact.EfficiencySource.class,
      dev.llmcap.model.fact.InstanceFit.class, dev.llmcap.model.fact.PriceRegion.class,
      dev.llmcap.model.fact.ScenarioRequest.class, dev.llmcap.model.fact.ForecastPeriod.class, dev.llmcap.model.fact.BenchmarkRun.class);

  private FactTypes() {}

  /** The simple names of the fact classes. */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    ALL.forEach(c -> out.add(c.getSimpleName()));
    return out;
  }

  /** A fact class by its full or simple name. */
  public static Optional<Class<?>> byClassName(String name) {
    return ALL.stream().filter(c -> c.getName().equals(name) || c.getSimpleName().equals(name)).findFirst();
  }

  /** The properties a rule can constrain (bean getters), by DRL name, with their Java type. */
  public static Map<String, Class<?>> fields(Class<?> c) {
    Map<String, Class<?>> out = new TreeMap<>();
    for (Method m : c.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
        continue;
      }
      String n = m.getName();
      String prop = null;
      if (n.startsWith("get") && n.length() > 3) {
        prop = n.substring(3);
      } else if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
        prop = n.substring(2);
      }
      if (prop != null) {
        out.put(Character.toLowerCase(prop.charAt(0)) + prop.substring(1), m.getReturnType());
      }
    }
    return out;
  }
}
