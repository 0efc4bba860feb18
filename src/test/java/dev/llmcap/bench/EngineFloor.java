package dev.llmcap.bench;

import dev.llmcap.engine.Assumptions;
import dev.llmcap.engine.Workspace;
import dev.llmcap.model.fact.Assumption;
import dev.llmcap.model.fact.Quantity;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.internal.utils.KieHelper;

/**
 * The cost of a rule session of the planner's shape with no physics in it: the shipped assumptions inserted, then a
 * chain of trivial rules each concluding one Quantity with insertLogical (as the planner's rules do), on a pooled
 * session. It bounds from below what one plan can cost in this engine, whatever the rules compute.
 *
 * <p>Run: {@code bench/engine-floor.sh [FIRINGS]} (default 86, the firings of a batch plan for one GPU).
 */
public final class EngineFloor {
  private EngineFloor() {}

  public static void main(String[] args) throws Exception {
    int firings = args.length > 0 ? Integer.parseInt(args[0]) : 86;
    int perStep = 10;
    int steps = Math.max(1, firings / perStep);
    StringBuilder drl = new StringBuilder("package floor;\nimport dev.llmcap.model.fact.*;\n");
    drl.append("rule \"floor step 0\" when Assumption(group == \"floor\", $m : member, $v : value)\n")
        .append("then insertLogical(Quantity.of(\"\", \"s0_\" + $m, $v * 2, \"u\", \"2 x \" + $v)); end\n");
    for (int i = 1; i < steps; i++) {
      drl.append("rule \"floor step ").append(i).append("\" when $q : Quantity(scope == \"\", $n : name, $v : value, name.startsWith(\"s")
          .append(i - 1).append("_\")) $b : Assumption(name == \"floor_k").append(i).append("\")\n")
          .append("then insertLogical(Quantity.of(\"\", \"s").append(i).append("_\" + $n, $v + $b.getValue(), \"u\", $v + \" + \" + $b.getValue())); end\n");
    }
    KieBase kb = new KieHelper().addContent(drl.toString(), ResourceType.DRL).build();
    List<Assumption> facts = new ArrayList<>(Assumptions.load(Workspace.fromEnvironment().rules()).all());
    for (int i = 0; i < perStep; i++) {
      facts.add(new Assumption("floor.m" + i, (double) i, null, "u", null, null, "floor", "floor"));
    }
    for (int i = 1; i < steps; i++) {
      facts.add(new Assumption("floor_k" + i, 1.0, null, "u", null, null, "floor", "floor"));
    }
    KieSessionsPool pool = kb.newKieSessionsPool(1);
    int n = 20000;
    for (int round = 1; round <= 5; round++) {
      long fired = 0;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        KieSession s = pool.newKieSession();
        for (Assumption a : facts) {
          s.insert(a);
        }
        fired += s.fireAllRules();
        if (s.getObjects(o -> o instanceof Quantity).isEmpty()) {
          throw new IllegalStateException("no conclusions");
        }
        s.dispose();
      }
      double us = (System.nanoTime() - start) / 1e3 / n;
      System.out.printf("round %d: %d facts inserted, %.0f firings per session: %.1f us per session (%.0f sessions/s on one thread)%n",
          round, facts.size(), fired * 1.0 / n, us, 1e6 / us);
    }
  }
}
