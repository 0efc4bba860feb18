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
          out.println(String.join(",", r.id(), r.metric(), r.predicted() == null ? "" : fmt(r.predicted()),
              fmt(r.measured()), r.errorPct() == null ? "" : fmt(r.errorPct()), "", r.skipped() == null ? "" : quote(r.skipped())));
        }
        break;
      case "json":
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scored_tokens_per_s_per_gpu", report.scored());
        root.put("median_abs_error_pct", report.medianAbsErrorPct());
        ArrayNode sums = root.putArray("medians");
        report.summaries().forEach(m -> sums.add(Json.shared().<ObjectNode>valueToTree(m)));
        ArrayNode rows = root.putArray("rows");
        report.rows().forEach(r -> rows.add(Json.shared().<ObjectNode>valueToTree(r)));
        out.print(Json.shared().writeValueAsString(root) + "\n");
        break;
      case "markdown":
      case "md":
        out.println("## Training: tokens/s per GPU, GPU-hours and MFU");
        out.println();
        out.println("| metric | rows | median abs error |");
        out.println("|---|---:|---:|");
        for (TrainingValidation.Summary m : report.summaries()) {
          out.printf(Locale.ROOT, "| %s (%s) | %d | %.1f%% |%n", m.metric(), m.group(), m.rows(), m.medianAbsErrorPct());
        }
        out.println();
        out.println("| id | metric | model | gpu | gpus | precision | seq | method | layout | measured | predicted | error % |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (TrainingValidation.Row r : report.rows()) {
          if (r.skipped() != null) {
            out.printf(Locale.ROOT, "| %s | %s | skipped: %s ||||||||||%n", r.id(), r.metric(), r.skipped());
          } else {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d | %s | %s | %.4g | %.4g | %+.1f |%n", r.id(), r.metric(), r.model(), r.gpu(),
                r.gpus() == null ? "-" : r.gpus(), r.precision(), r.seqLen(), r.method(), r.layout(), r.measured(), r.predicted(), r.errorPct());
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
