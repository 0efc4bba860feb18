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
        "inference plans serving capacity (GPUs, replicas, latency, cost) for a request rate. training plans a training"
            + " or fine-tuning job (full, LoRA or QLoRA): memory per GPU, GPU count, duration and cost.",
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

  /** The answer's mode, stored under the key "mode" (not a flag: it chooses the rest of the questions). */
  private static Outcome mode(String a) {
    String m = a.trim().toLowerCase(Locale.ROOT);
    if ("inference".equals(m) || "training".equals(m)) {
      return Outcome.set(MODE, m);
    }
    return Outcome.refuse("mode must be one of inference|training (got \"" + a.trim() + "\")");
  }

  /** Key of the mode answer in an outcome's flags. */
  static final String MODE = "mode";

  /**
   * The training flow after the mode question (the seed's training inputs): method, model, precision, dataset,
   * sequence length, epochs, global batch, optimizer, gradient checkpointing, training precision, GPU and cloud.
   */
  static List<Question> training(Catalog catalog, String defaultPrecision, String defaultCloud) {
    List<Question> q = new ArrayList<>();
    q.add(new Question("method", "Method: full fine-tuning, lora or qlora", "lora", "full",
        "full trains every weight (weights, gradients and optimizer state for all parameters); lora trains small"
            + " adapters on frozen weights; qlora does the same on 4-bit (NF4) frozen weights, the least memory.",
        List.of("full", "lora", "qlora"), a -> trainingChecked("method", a.toLowerCase(Locale.ROOT))));
    List<String> models = new ArrayList<>();
    catalog.models().forEach(m -> models.add(m.getId()));
    q.add(new Question("model", "Model: a catalog name or a size in billions", "llama-3.1-8b or 13b", "llama-3.1-8b",
        "The model to train: a model-catalog id or alias (Tab lists them), or a parameter count in billions such as 70"
            + " or 13b (a size borrows the architecture of the nearest catalog model).",
        models, a -> model(catalog, a)));
    q.add(new Question("precision", "Weight precision", "BF16", "BF16".equals(defaultPrecision) ? defaultPrecision : "BF16",
        "Precision the model weights are stored in: BF16 or FP16 for full and LoRA training (QLoRA quantises the frozen"
            + " weights itself). One of FP32 FP16 BF16 FP8 INT8 INT4.",
        List.of("BF16", "FP16", "FP8", "FP32", "INT8", "INT4"), a -> trainingChecked("precision", a.toUpperCase(Locale.ROOT))));
    q.add(new Question("dataset-size", "Dataset size in tokens (one epoch)", "1000000000", "100000000",
        "Tokens in one pass over the training data (about 1.3 tokens per English word). A whole number >= 1.",
        List.of(), a -> trainingChecked("dataset-size", a.replace("_", "").replace(",", ""))));
    q.add(new Question("sequence-length", "Sequence length in tokens", "4096", "4096",
        "Tokens per training sequence (packed examples); activation memory grows with it.", List.of(),
        a -> trainingChecked("sequence-length", a)));
    q.add(new Question("epochs", "Epochs (passes over the dataset)", "3", "1",
        "How many times the dataset is seen; duration and cost scale with it.", List.of(), a -> trainingChecked("epochs", a)));
    q.add(new Question("global-batch-size", "Global batch size in sequences per optimizer step", "64", "64",
        "Sequences per optimizer step across all GPUs (micro batch x gradient accumulation x data-parallel GPUs).",
        List.of(), a -> trainingChecked("global-batch-size", a)));
    q.add(new Question("optimizer", "Optimizer", "AdamW", "AdamW",
        "Adam/AdamW keep two FP32 moments per trained parameter (8 bytes), Adafactor factored ones, SGD with momentum one.",
        List.of("Adam", "AdamW", "Adafactor", "SGD"), a -> trainingChecked("optimizer", a)));
    q.add(new Question("gradient-checkpointing", "Gradient checkpointing (recompute activations)? yes or no", "yes", "yes",
        "yes keeps only layer-boundary activations and recomputes the rest in the backward pass: much less memory for"
            + " about a third more compute. no keeps them all.",
        List.of("yes", "no"), InteractiveQuestions::yesNoCheckpointing));
    q.add(new Question("training-precision", "Training (compute) precision", "BF16", "BF16",
        "Precision of the matrix multiplications and activations: BF16 (usual), FP16, FP8 (Hopper and newer) or FP32.",
        List.of("BF16", "FP16", "FP8", "FP32"), a -> trainingChecked("training-precision", a.toUpperCase(Locale.ROOT))));
    List<String> gpus = new ArrayList<>(List.of("recommend"));
    catalog.gpus().forEach(g -> gpus.add(g.getId()));
    q.add(new Question("gpu", "GPU: a catalog name, or recommend", "H100-80GB", "recommend",
        "A GPU-catalog id or alias to plan on (Tab lists them), or recommend: the rules rank every catalog GPU and pick"
            + " the cheapest that fits.",
        gpus, a -> gpu(catalog, a)));
    q.add(new Question("cloud", "Cloud for the price list", "gcp", defaultCloud,
        "Whose list prices the cost estimate uses: aws, gcp or azure.", List.of("aws", "gcp", "azure"),
        a -> trainingChecked("cloud", a.toLowerCase(Locale.ROOT))));
    return q;
  }

  private static Outcome yesNoCheckpointing(String a) {
    String s = a.trim().toLowerCase(Locale.ROOT);
    if (List.of("y", "yes", "true", "on").contains(s)) {
      return Outcome.set("gradient-checkpointing", "true");
    }
    if (List.of("n", "no", "false", "off").contains(s)) {
      return Outcome.set("gradient-checkpointing", "false");
    }
    return Outcome.refuse("training.gradient_checkpointing must be yes or no (got \"" + a.trim() + "\")");
  }

  /** Sets one training flag if the training schema accepts its value; otherwise the CLI's message for that field. */
  static Outcome trainingChecked(String flag, String value) {
    FlagBinding.Target target = FlagBinding.training().get(flag);
    ConfigLoader probe = new ConfigLoader().override(flag, target, value.trim());
    // enum answers are matched without regard to case (adamw is AdamW), as in config files
    SchemaValidator.canonicaliseEnums("training", probe.document());
    for (SchemaValidator.Problem p : SchemaValidator.problems("training", probe.document())) {
      if (p.path().equals(target.path())) {
        return Outcome.refuse(p.message());
      }
    }
    String[] path = target.path().split("\\.");
    com.fasterxml.jackson.databind.JsonNode canonical = probe.document().path(path[0]).path(path[1]);
    return Outcome.set(flag, canonical.isTextual() ? canonical.asText() : value.trim());
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
