package dev.llmcap.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcap.config.Json;
import dev.llmcap.engine.TrainingValidation;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/** Prints the training accuracy of `llmcap validate --training` as text, CSV, JSON or Markdown. */
final class TrainingReportWriter {
  private TrainingReportWriter() {}

  static void write(TrainingValidation.Report report, String format, PrintStream out) throws IOException {
    switch (format) {
      case "csv":
        out.println("id,metric,predicted,measured,error_pct,bound,skipped");
        for (TrainingValidation.Row r : report.rows()) {
          out.println(String.join(",", r.id(), "tokens_per_s_per_gpu", r.predicted() == null ? "" : fmt(r.predicted()),
              fmt(r.measured()), r.errorPct() == null ? "" : fmt(r.errorPct()), "", r.skipped() == null ? "" : quote(r.skipped())));
        }
        break;
      case "json":
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("metric", "tokens_per_s_per_gpu");
        root.put("scored", report.scored());
        root.put("median_abs_error_pct", report.medianAbsErrorPct());
        ArrayNode rows = root.putArray("rows");
        report.rows().forEach(r -> rows.add(Json.shared().<ObjectNode>valueToTree(r)));
        out.print(Json.shared().writeValueAsString(root) + "\n");
        break;
      case "markdown":
      case "md":
        out.println("## Training: tokens/s per GPU");
        out.println();
        out.printf(Locale.ROOT, "Median absolute error %.1f%% over %d rows.%n%n", report.medianAbsErrorPct(), report.scored());
        out.println("| id | model | gpu | gpus | precision | seq | method | measured | predicted | error % |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (TrainingValidation.Row r : report.rows()) {
          if (r.skipped() != null) {
            out.printf(Locale.ROOT, "| %s | skipped: %s |||||||||%n", r.id(), r.skipped());
          } else {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s | %.0f | %.0f | %+.1f |%n", r.id(), r.model(), r.gpu(),
                r.gpus() == null ? "-" : r.gpus(), r.precision(), r.seqLen(), r.method(), r.measured(), r.predicted(), r.errorPct());
          }
        }
        break;
      default:
        out.print(report.table());
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
