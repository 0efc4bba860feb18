package dev.llmcap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcap.config.Json;
import dev.llmcap.engine.FigureExplanation;
import dev.llmcap.engine.RuleBase;
import dev.llmcap.engine.RuleSetException;
import dev.llmcap.engine.TraceEntry;
import dev.llmcap.model.LLMCapacityPlan;
import dev.llmcap.model.TrainingCapacityPlan;
import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** `llmcap explain FIELD` and `--explain FIELD`: prints the chain of rules behind one figure of the plan just made. */
final class FigureCommand {
  private FigureCommand() {}

  /** Refuses flags that cannot go with an explanation before any plan is computed. */
  static void checkFlags(CommandLine cl) throws UsageException {
    if (cl.hasOption("depth")) {
      if (cl.getOptionValue("explain") == null) {
        throw new UsageException("--depth goes with --explain FIELD (or llmcap explain FIELD)");
      }
      depth(cl);
    }
    if (cl.getOptionValue("explain") != null) {
      if (cl.hasOption("no-trace")) {
        throw new UsageException("--explain FIELD needs the audit trace: leave out --no-trace");
      }
      if (cl.hasOption("output") || cl.hasOption("export-autoscaling")) {
        throw new UsageException("--explain FIELD prints to stdout: leave out --output and --export-autoscaling");
      }
      String f = cl.getOptionValue("format");
      if (f != null && !f.equals("text") && !f.equals("json")) {
        throw new UsageException("--format with --explain FIELD must be text or json (got '" + f + "')");
      }
    }
  }

  private static int depth(CommandLine cl) throws UsageException {
    String d = cl.getOptionValue("depth");
    if (d == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(d.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--depth must be a whole number >= 1 (got '" + d + "')");
  }

  /** Prints the explanation of the field named by --explain; 2 (with suggestions) when the plan has no such figure. */
  static int print(PrintStream out, PrintStream err, CommandLine cl, Object plan) throws UsageException {
    String field = cl.getOptionValue("explain");
    JsonNode tree = Json.shared().valueToTree(plan);
    List<TraceEntry> trace = plan instanceof LLMCapacityPlan ? ((LLMCapacityPlan) plan).trace()
        : ((TrainingCapacityPlan) plan).trace();
    try {
      RuleBase rules = RuleBase.load(CommonFlags.workspace(cl).rules());
      FigureExplanation x = FigureExplanation.of(field, tree, trace == null ? List.of() : trace, rules);
      if ("json".equals(cl.getOptionValue("format"))) {
        out.print(Json.shared().writerWithDefaultPrettyPrinter().writeValueAsString(x.json(depth(cl))) + "\n");
      } else {
        out.print(x.text(depth(cl)));
      }
      out.flush();
      return Main.OK;
    } catch (FigureExplanation.UnknownFieldException e) {
      err.println("llmcap: explain: " + e.getMessage()
          + (e.suggestions().isEmpty() ? "" : "; did you mean " + String.join(", ", e.suggestions()) + "?"));
      err.println("llmcap: explain: the figures of this plan are listed by `llmcap --config FILE --format json` "
          + "(sections gpu_resources, throughput, storage, network, scaling, cost; plus verdict)");
      return Main.USAGE;
    } catch (RuleSetException e) {
      throw new UsageException(String.join("; ", e.problems()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
