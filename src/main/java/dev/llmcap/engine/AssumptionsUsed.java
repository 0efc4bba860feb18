package dev.llmcap.engine;

import dev.llmcap.model.fact.Assumption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/** Records which assumptions fired rules matched (by name), without building an audit trace: the cheap listener for batch plans. */
final class AssumptionsUsed extends DefaultAgendaEventListener {
  private final Map<String, Assumption> used = new HashMap<>(); // sorted by name when read: cheaper per firing

  @Override
  public void beforeMatchFired(BeforeMatchFiredEvent event) {
    for (Object o : event.getMatch().getObjects()) {
      if (o instanceof Assumption) {
        Assumption a = (Assumption) o;
        used.put(a.getName(), a);
      }
    }
  }

  /** The assumptions matched so far, sorted by name. */
  List<Assumption> assumptions() {
    return new ArrayList<>(new TreeMap<>(used).values());
  }
}
