package dev.llmcap.validate;

import java.util.List;

/** Rule test results as JUnit XML (one testsuite, one testcase per rule test), for CI systems. */
public final class JUnitXml {
  private JUnitXml() {}

  public static String render(List<RuleScenarioRunner.Outcome> outcomes) {
    long failures = outcomes.stream().filter(o -> !o.passed()).count();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuite name=\"llmcap rule tests\" tests=\"").append(outcomes.size()).append("\" failures=\"").append(failures)
        .append("\" errors=\"0\" skipped=\"0\">\n");
    for (RuleScenarioRunner.Outcome o : outcomes) {
      b.append("  <testcase classname=\"rules.tests\" name=\"").append(esc(o.scenario().name())).append("\" file=\"")
          .append(esc(RuleCheck.displayPath(o.scenario().file()))).append("\"");
      if (o.passed()) {
        b.append("/>\n");
        continue;
      }
      b.append(">\n");
      StringBuilder detail = new StringBuilder();
      String message;
      if (o.error() != null) {
        message = "cannot plan: " + o.error();
        detail.append(message);
      } else {
        List<RuleScenarioRunner.Check> bad = o.checks().stream().filter(c -> !c.passed()).toList();
        message = bad.size() + " value(s) not as expected";
        for (RuleScenarioRunner.Check c : bad) {
          detail.append(c.expectation().field()).append(": expected ").append(c.expectation().expected()).append(", got ")
              .append(c.actual() == null ? "(absent)" : c.actual()).append(" (line ").append(c.expectation().line()).append(")\n");
          if (c.explanation() != null) {
            detail.append(c.explanation());
          }
        }
      }
      b.append("    <failure message=\"").append(esc(message)).append("\">").append(esc(detail.toString())).append("</failure>\n");
      b.append("  </testcase>\n");
    }
    b.append("</testsuite>\n");
    return b.toString();
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&': b.append("&amp;"); break;
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '"': b.append("&quot;"); break;
        default:
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append(' ');
          } else {
            b.append(c);
          }
      }
    }
    return b.toString();
  }
}
