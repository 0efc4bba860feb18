package dev.llmcap.engine;

import dev.llmcap.model.fact.Assumption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.core.common.InternalFactHandle;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Rule sessions of one DRL package that keep the assumption facts of one {@link Assumptions} between plans. A session is
 * made and given the assumptions once; after a plan every other fact (the plan's inputs, catalog rows and every
 * conclusion, logical or stated) is deleted, so the next plan starts from the same facts a fresh session holding only
 * the assumptions would have. This saves inserting ~300 assumptions per plan and resetting every node memory.
 *
 * <p>It is used only for a package in which every rule matches at least one fact that is not an assumption outside a
 * {@code not}/{@code exists} (checked on the compiled rules): a rule matching assumptions alone would fire in a
 * session's first plan only. Otherwise {@link #usable} is false and the caller uses fresh (reset) sessions.
 */
final class AssumptionSessions {
  /** At most this many idle sessions are kept per package and assumption set (one per planning thread is the need). */
  static final int MAX_IDLE = 8;

  private final KieBase kieBase;
  private final boolean usable;
  /** Idle sessions by assumption set; weak keys, so an assumption set dropped by its owner (calibration) frees them. */
  private final Map<Assumptions, Deque<KieSession>> idle = new WeakHashMap<>();

  AssumptionSessions(KieBase kieBase) {
    this.kieBase = kieBase;
    this.usable = rulesWithoutPlanFacts(kieBase).isEmpty();
  }

  KieBase kieBase() { return kieBase; }

  /** Whether this package's sessions can keep their assumptions (see the class comment). */
  boolean usable() { return usable; }

  /** An idle session holding exactly the assumptions of the set, or a new one given them now. */
  KieSession take(Assumptions assumptions) {
    synchronized (idle) {
      Deque<KieSession> d = idle.get(assumptions);
      KieSession s = d == null ? null : d.pollFirst();
      if (s != null) {
        return s;
      }
    }
    KieSession s = kieBase.newKieSession();
    for (Assumption a : assumptions.all()) {
      s.insert(a);
    }
    return s;
  }

  /**
   * Deletes every fact of the session that is not one of its assumptions and keeps the session for the next plan of the
   * same assumption set; a session whose clean-up fails, or one more than {@link #MAX_IDLE}, is disposed.
   */
  void giveBack(Assumptions assumptions, KieSession s) {
    try {
      clear(s);
    } catch (RuntimeException e) {
      s.dispose();
      return;
    }
    synchronized (idle) {
      Deque<KieSession> d = idle.computeIfAbsent(assumptions, k -> new ArrayDeque<>());
      if (d.size() < MAX_IDLE) {
        d.addFirst(s);
        return;
      }
    }
    s.dispose();
  }

  /** Deletes every fact that is not an assumption (stated facts first, so truth maintenance withdraws what they justify). */
  static void clear(KieSession s) {
    List<FactHandle> handles = new ArrayList<>(s.getFactHandles(o -> !(o instanceof Assumption))); // a live view
    List<FactHandle> logical = new ArrayList<>();
    for (FactHandle h : handles) {
      InternalFactHandle ih = (InternalFactHandle) h;
      if (ih.getEqualityKey() != null && ih.getEqualityKey().getStatus() == org.drools.core.common.EqualityKey.JUSTIFIED) {
        logical.add(h);
      } else if (ih.isValid()) {
        s.delete(h);
      }
    }
    for (FactHandle h : logical) {
      if (((InternalFactHandle) h).isValid()) {
        s.delete(h);
      }
    }
    ((StatefulKnowledgeSessionImpl) s).flushPropagations();
  }

  /** The rules (package/name) whose every fact pattern outside not/exists is an assumption. */
  static List<String> rulesWithoutPlanFacts(KieBase kieBase) {
    List<String> out = new ArrayList<>();
    for (KiePackage p : kieBase.getKiePackages()) {
      for (Rule r : p.getRules()) {
        if (!matchesPlanFact(((RuleImpl) r).getLhs())) {
          out.add(r.getPackageName() + "/" + r.getName());
        }
      }
    }
    return out;
  }

  private static boolean matchesPlanFact(RuleConditionElement e) {
    if (e instanceof Pattern) {
      Pattern p = (Pattern) e;
      if (p.getSource() != null) {
        return false; // from / accumulate / collect: not a fact of the session by itself
      }
      return !(p.getObjectType() instanceof ClassObjectType)
          || !Assumption.class.isAssignableFrom(((ClassObjectType) p.getObjectType()).getClassType());
    }
    if (e instanceof GroupElement) {
      GroupElement g = (GroupElement) e;
      if (g.isNot() || g.isExists()) {
        return false;
      }
      if (g.isOr()) {
        for (RuleConditionElement c : g.getChildren()) {
          if (!matchesPlanFact(c)) {
            return false;
          }
        }
        return !g.getChildren().isEmpty();
      }
      for (RuleConditionElement c : g.getChildren()) {
        if (matchesPlanFact(c)) {
          return true;
        }
      }
    }
    return false;
  }
}
