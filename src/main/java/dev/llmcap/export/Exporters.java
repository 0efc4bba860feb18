package dev.llmcap.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The registry of plan exporters: finds the writer for a format name or a file extension and a plan type. */
public final class Exporters {
  private final List<PlanExporter<?>> all = new ArrayList<>();

  private Exporters() {}

  /** Every built-in exporter: json, yaml, csv, md, pdf, text, k8s (and the training text report). */
  public static Exporters defaults() {
    return new Exporters().add(new JsonExporter()).add(new YamlExporter()).add(new CsvExporter()).add(new MarkdownExporter()).add(new PdfExporter())
        .add(new TextExporter()).add(new K8sExporter())
        .add(new TrainingTextExporter());
  }

  /** Registers one more exporter (e.g. for training plans); a later one does not replace an earlier one of the same format and type. */
  public Exporters add(PlanExporter<?> exporter) {
    all.add(exporter);
    return this;
  }

  /** The exporter for a format name or alias (txt, markdown, yml, kubernetes), for the given plan type. */
  public Optional<PlanExporter<?>> byFormat(String format, Class<?> planType) {
    String f = canonical(format);
    return all.stream().filter(e -> e.format().equals(f) && e.planType().isAssignableFrom(planType)).findFirst();
  }

  /** The format an output file's extension selects, if any exporter claims it. */
  public Optional<String> formatOfFile(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = n.substring(dot + 1);
    return all.stream().filter(e -> e.extensions().contains(ext)).map(PlanExporter::format).findFirst();
  }

  /** True when some exporter (for any plan type) writes this format name or alias. */
  public boolean knows(String format) {
    String f = canonical(format);
    return all.stream().anyMatch(e -> e.format().equals(f));
  }

  /** Format names in registration order, without duplicates, for usage messages. */
  public List<String> formats() {
    return all.stream().map(PlanExporter::format).distinct().toList();
  }

  /** Format names that can write the given plan type, in registration order, for usage messages. */
  public List<String> formats(Class<?> planType) {
    return all.stream().filter(e -> e.planType().isAssignableFrom(planType)).map(PlanExporter::format).distinct().toList();
  }

  /** Runs the exporter on a plan whose type it declared. */
  public static <P> byte[] export(PlanExporter<P> exporter, Object plan, ExportContext context) throws java.io.IOException {
    return exporter.export(exporter.planType().cast(plan), context);
  }

  private static String canonical(String format) {
    String f = format.toLowerCase(Locale.ROOT).trim();
    switch (f) {
      case "txt": return "text";
      case "markdown": return "md";
      case "yml": return "yaml";
      case "kubernetes": return "k8s";
      default: return f;
    }
  }
}
