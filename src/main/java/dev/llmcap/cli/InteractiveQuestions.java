package dev.llmcap.cli;

import dev.llmcap.catalog.Catalog;
import dev.llmcap.catalog.GpuSpec;
import dev.llmcap.catalog.ModelSpec;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.FlagBinding;
import dev.llmcap.config.SchemaValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The questions of the interactive mode, in order, each with its default, an example, a `?` explanation, the names Tab
 * completes, and how an answer becomes command-line flags. Answers are checked by the same schema (and catalog look-ups)
 * as flags, so a bad answer gets the CLI's message.
 */
final class InteractiveQuestions {
  /** What an answer sets (flag name to value, applied like command-line flags), or why it is refused. */
  record Outcome(Map<String, String> flags, String problem) {
    static Outcome set(String flag, String value) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put(flag, value);
      return new Outcome(m, null);
    }

    static Outcome nothing() {
      return new Outcome(Map.of(), null);
    }

    static Outcome refuse(String problem) {
      return new Outcome(Map.of(), problem);
    }
  }

  /** One question. */
  record Question(String key, String text, String example, String defaultValue, String help, List<String> completions,
      Function<String, Outcome> interpret) {}

  private InteractiveQuestions() {}

  /** The inference flow: nine questions, every one answerable with Enter. */
  static List<Question> inference(Catalog catalog, String defaultPrecision, String defaultCloud) {
    List<Question> q = new ArrayList<>();
    q.add(new Question("mode", "Plan for inference (serving) or training", "inference", "inference",
        "inference plans serving capacity (GPUs, replicas, latency, cost) for a request rate. training plans a fine-tuning"
            + " job; for that write a config: llmcap --generate-config training, then llmcap --config training_config.json.",
        List.of("inference", "training"), InteractiveQuestions::mode));
    List<String> models = new ArrayList<>();
    catalog.models().forEach(m -> models.add(m.getId()));
    q.add(new Question("model", "Model: a catalog name or a size in billions", "llama-3.1-8b or 13b", "llama-3.1-70b",
        "The model to serve: a model-catalog id or alias (Tab lists them), or a parameter count in billions such as 70"
            + " or 13b (a size borrows the architecture of the nearest catalog model).",
        models, a -> model(catalog, a)));
    q.add(new Question("precision", "Weight precision", "FP8", defaultPrecision,
        "Precision of the weights. FP16/BF16 is full quality; FP8 halves weight memory (H100, H200, L4, L40S and newer);"
            + " INT8/INT4 are weight-only quantisation. One of FP32 FP16 BF16 FP8 INT8 INT4.",
        List.of("FP16", "BF16", "FP8", "INT8", "INT4", "FP32"), a -> checked("precision", a.toUpperCase(Locale.ROOT))));
    q.add(new Question("rps", "Requests per second (mean at the busy hour)", "12.5", "10",
        "Mean request rate over the busy period to plan for; the plan adds the peak multiplier (1.5x by default) and"
            + " replica headroom on top. Must be > 0.",
        List.of(), a -> checked("rps", a)));
    q.add(new Question("input-tokens", "Average input (prompt) tokens per request", "1200", "500",
        "Prompt length per request in tokens, system prompt and retrieved context included (roughly 0.75 English words"
            + " per token). A whole number >= 1.",
        List.of(), a -> checked("input-tokens", a)));
    q.add(new Question("output-tokens", "Average output tokens per request", "250", "200",
        "Completion length per request in tokens. A whole number >= 1.", List.of(), a -> checked("output-tokens", a)));
    List<String> gpus = new ArrayList<>(List.of("recommend"));
    catalog.gpus().forEach(g -> gpus.add(g.getId()));
    q.add(new Question("gpu", "GPU: a catalog name, or recommend", "H100-80GB", "recommend",
        "A GPU-catalog id or alias to plan on (Tab lists them), or recommend: the rules rank every catalog GPU and pick"
            + " the cheapest that meets the latency target.",
        gpus, a -> gpu(catalog, a)));
    q.add(new Question("p99", "P99 time-to-first-token target in ms (optional)", "1500", "none",
        "The time to first token that 99 % of requests must beat, in milliseconds. none plans without a latency target.",
        List.of("none"), InteractiveQuestions::p99));
    q.add(new Question("cloud", "Cloud for the price list", "gcp", defaultCloud,
        "Whose list prices the cost estimate uses: aws, gcp or azure.", List.of("aws", "gcp", "azure"),
        a -> checked("cloud", a.toLowerCase(Locale.ROOT))));
    return q;
  }

  private static Outcome mode(String a) {
    String m = a.trim().toLowerCase(Locale.ROOT);
    if ("inference".equals(m)) {
      return Outcome.nothing();
    }
    if ("training".equals(m)) {
      return Outcome.refuse("the interactive mode plans inference; for a fine-tuning plan write a config with"
          + " llmcap --generate-config training, then run llmcap --config training_config.json");
    }
    return Outcome.refuse("mode must be one of inference|training (got \"" + a.trim() + "\")");
  }

  private static Outcome model(Catalog catalog, String a) {
    String s = a.trim();
    if (s.matches("[0-9]+(\\.[0-9]+)?\\s*[bB]?")) {
      return checked("model-size", s.replaceAll("\\s*[bB]$", ""));
    }
    if (catalog.model(s).isPresent()) {
      return Outcome.set("model", catalog.model(s).get().getId());
    }
    List<String> names = new ArrayList<>();
    for (ModelSpec m : catalog.models()) {
      names.add(m.getId());
    }
    return Outcome.refuse("model.model_name '" + s + "' is not in the model catalog" + suggest(s, names)
        + " (Tab lists the names; or give a size in billions such as 70)");
  }

  private static Outcome gpu(Catalog catalog, String a) {
    String s = a.trim();
    if ("recommend".equalsIgnoreCase(s)) {
      return Outcome.nothing();
    }
    if (catalog.gpu(s).isPresent()) {
      return Outcome.set("gpu-type", catalog.gpu(s).get().getId());
    }
    List<String> names = new ArrayList<>();
    for (GpuSpec g : catalog.gpus()) {
      names.add(g.getId());
    }
    return Outcome.refuse("gpu.gpu_type '" + s + "' is not in the GPU catalog" + suggest(s, names)
        + " (Tab lists the names; or answer recommend)");
  }

  private static Outcome p99(String a) {
    String s = a.trim();
    if (s.isEmpty() || s.equalsIgnoreCase("none") || s.equals("-")) {
      return Outcome.nothing();
    }
    return checked("p99-ms", s.replaceAll("\\s*ms$", ""));
  }

  /** Sets one flag if the schema accepts its value; otherwise the CLI's message for that field. */
  static Outcome checked(String flag, String value) {
    FlagBinding.Target target = FlagBinding.inference().get(flag);
    ConfigLoader probe = new ConfigLoader().override(flag, target, value.trim());
    for (SchemaValidator.Problem p : SchemaValidator.problems("inference", probe.document())) {
      if (p.path().equals(target.path())) {
        return Outcome.refuse(p.message());
      }
    }
    return Outcome.set(flag, value.trim());
  }

  private static String suggest(String bad, List<String> names) {
    return SchemaValidator.closest(bad, names).map(n -> "; did you mean '" + n + "'?").orElse("");
  }

}
