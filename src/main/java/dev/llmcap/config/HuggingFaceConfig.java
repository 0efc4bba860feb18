package dev.llmcap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmcap.catalog.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a Hugging Face config.json (offline) into the architecture facts the rules use. It only maps field names;
 * parameter counts and KV sizes are derived by the rules. Bad input names the file, the field and the value.
 */
public final class HuggingFaceConfig {
  /** The model_type values this reader maps. */
  public static final Set<String> SUPPORTED = new TreeSet<>(List.of("llama", "llama4", "mistral", "mixtral", "qwen2", "qwen2_moe",
      "qwen3", "qwen3_moe", "deepseek_v3", "gpt_oss", "gemma2", "gemma3", "gemma3_text", "phi3"));

  private final Path file;
  private final JsonNode top;
  private final JsonNode text;
  private final String modelType;
  private final List<String> problems = new ArrayList<>();

  private HuggingFaceConfig(Path file, JsonNode top) {
    this.file = file;
    this.top = top;
    this.text = top.has("text_config") && top.get("text_config").isObject() ? top.get("text_config") : top;
    this.modelType = top.path("model_type").asText("");
  }

  /** Reads the config.json at path (or inside the folder path) into a catalog entry without parameter counts. */
  public static ModelSpec read(Path path) throws InputException {
    Path file = Files.isDirectory(path) ? path.resolve("config.json") : path;
    if (!Files.isRegularFile(file)) {
      throw new InputException("model.config_path '" + path + "': no such file" + (Files.isDirectory(path) ? " (the folder holds no config.json)" : ""));
    }
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new InputException(file + ": not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new InputException(file + ": a config.json must be a JSON object");
    }
    return new HuggingFaceConfig(file, node).toSpec();
  }

  private ModelSpec toSpec() throws InputException {
    if (!SUPPORTED.contains(modelType)) {
      throw new InputException(file + ": field 'model_type' = '" + (modelType.isEmpty() ? "(missing)" : modelType)
          + "' is not supported; supported model_type values: " + String.join(", ", SUPPORTED));
    }
    ModelSpec m = new ModelSpec();
    m.setModelType(modelType);
    int layers = positive("num_hidden_layers");
    int hidden = positive("hidden_size");
    int heads = positive("num_attention_heads");
    m.setLayers(layers);
    m.setHiddenSize(hidden);
    m.setAttentionHeads(heads);
    Integer kv = optionalPositive("num_key_value_heads");
    m.setKvHeads(kv == null ? heads : kv);
    if (kv != null && heads % kv != 0) {
      problems.add(file + ": field 'num_key_value_heads' = " + kv + " does not divide num_attention_heads = " + heads);
    }
    Integer headDim = optionalPositive("head_dim");
    if (headDim == null && !modelType.equals("deepseek_v3")) {
      if (heads > 0 && hidden % heads != 0) {
        problems.add(file + ": field 'num_attention_heads' = " + heads + " does not divide hidden_size = " + hidden
            + " and no head_dim is given");
      }
      headDim = heads > 0 ? hidden / heads : 0;
    }
    m.setVocabSize(positive("vocab_size"));
    Integer maxPos = optionalPositive("max_position_embeddings");
    m.setMaxContext(maxPos == null ? 0 : maxPos);
    boolean gemma = modelType.startsWith("gemma");
    m.setTieWordEmbeddings(bool("tie_word_embeddings", gemma));
    m.setAttention(m.getKvHeads() == heads ? "mha" : m.getKvHeads() == 1 ? "mqa" : "gqa");
    switch (modelType) {
      case "mixtral":
        moe(m, "num_local_experts", "intermediate_size");
        m.setMoeLayers(layers);
        break;
      case "gpt_oss":
        moe(m, "num_local_experts", "intermediate_size");
        m.setMoeLayers(layers);
        break;
      case "qwen2_moe":
      case "qwen3_moe":
        moe(m, "num_experts", "moe_intermediate_size");
        m.setFfnSize(optionalPositive("intermediate_size"));
        m.setMoeLayers(sparseLayers(layers));
        Integer sharedFfn = optionalPositive("shared_expert_intermediate_size");
        if (sharedFfn != null) {
          m.setSharedExperts(1);
          m.setSharedExpertFfnSize(sharedFfn);
        }
        break;
      case "deepseek_v3":
        moe(m, "n_routed_experts", "moe_intermediate_size");
        m.setFfnSize(positive("intermediate_size"));
        m.setSharedExperts(optionalNonNegative("n_shared_experts"));
        Integer firstDense = optionalNonNegative("first_k_dense_replace");
        m.setFirstDenseLayers(firstDense == null ? 0 : firstDense);
        m.setAttention("mla");
        m.setKvLoraRank(positive("kv_lora_rank"));
        m.setQLoraRank(optionalPositive("q_lora_rank"));
        int rope = positive("qk_rope_head_dim");
        int nope = positive("qk_nope_head_dim");
        m.setQkRopeHeadDim(rope);
        m.setQkNopeHeadDim(nope);
        m.setVHeadDim(positive("v_head_dim"));
        m.setKvHeads(heads);
        headDim = rope + nope;
        break;
      case "llama4":
        moe(m, "num_local_experts", "intermediate_size");
        m.setFfnSize(positive("intermediate_size_mlp"));
        Integer step = optionalPositive("interleave_moe_layer_step");
        m.setMoeLayers(layers / (step == null ? 1 : step));
        m.setSharedExperts(1);
        break;
      default:
        m.setFfnSize(positive("intermediate_size"));
        break;
    }
    m.setHeadDim(headDim);
    window(m, layers);
    m.setCheckpointPrecision(quantization());
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    String name = top.path("_name_or_path").asText("");
    String parent = file.toAbsolutePath().getParent() == null ? "model" : file.toAbsolutePath().getParent().getFileName().toString();
    String display = name.isEmpty() ? parent : name.substring(name.lastIndexOf('/') + 1);
    m.setId(display.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-|-$", ""));
    m.setDisplayName(display);
    m.setFamily(modelType);
    if (!name.isEmpty()) {
      m.setAliases(new ArrayList<>(List.of(name)));
    }
    m.setSources(new ArrayList<>(List.of("config.json read from " + file)));
    return m;
  }

  // routed experts, experts per token and expert intermediate size
  private void moe(ModelSpec m, String expertsField, String expertFfnField) {
    int experts = positive(expertsField);
    Integer k = optionalPositive("num_experts_per_tok");
    if (k == null) {
      k = optionalPositive("experts_per_token");
    }
    if (k == null) {
      problems.add(file + ": field 'num_experts_per_tok' is missing (needed for a mixture-of-experts model_type " + modelType + ")");
      k = 0;
    } else if (k > experts) {
      problems.add(file + ": field 'num_experts_per_tok' = " + k + " exceeds " + expertsField + " = " + experts);
    }
    m.setExperts(experts);
    m.setExpertsPerToken(k);
    m.setMoeFfnSize(positive(expertFfnField));
  }

  // Qwen MoE: every decoder_sparse_step-th layer is MoE unless listed in mlp_only_layers
  private int sparseLayers(int layers) {
    Integer step = optionalPositive("decoder_sparse_step");
    int s = step == null ? 1 : step;
    Set<Integer> dense = new TreeSet<>();
    text.path("mlp_only_layers").forEach(n -> dense.add(n.asInt()));
    int moe = 0;
    for (int i = 0; i < layers; i++) {
      if (!dense.contains(i) && (i + 1) % s == 0) {
        moe++;
      }
    }
    return moe;
  }

  // sliding-window or chunked layers: layer_types when given, else each family's published pattern
  private void window(ModelSpec m, int layers) {
    JsonNode types = text.path("layer_types");
    Integer w = optionalPositive("sliding_window");
    if (modelType.equals("llama4")) {
      Integer chunk = optionalPositive("attention_chunk_size");
      if (chunk != null) {
        JsonNode noRope = text.path("no_rope_layers");
        int chunked = 0;
        if (noRope.isArray() && noRope.size() > 0) {
          for (JsonNode n : noRope) {
            chunked += n.asInt() != 0 ? 1 : 0; // 1 = RoPE layer = chunked attention; 0 = global NoPE layer
          }
        } else {
          Integer interval = optionalPositive("no_rope_layer_interval");
          int every = interval == null ? 4 : interval;
          chunked = layers - layers / every;
        }
        m.setSlidingWindow(chunk);
        m.setSlidingWindowLayers(chunked);
      }
      return;
    }
    if (w == null) {
      return;
    }
    if ((modelType.startsWith("qwen") && !bool("use_sliding_window", false))) {
      return; // Qwen configs carry a sliding_window value but disable it
    }
    if (types.isArray() && types.size() > 0) {
      int windowed = 0;
      for (JsonNode t : types) {
        String s = t.asText();
        windowed += s.equals("sliding_attention") || s.equals("chunked_attention") ? 1 : 0;
      }
      if (types.size() != layers) {
        problems.add(file + ": field 'layer_types' has " + types.size() + " entries but num_hidden_layers = " + layers);
      }
      m.setSlidingWindow(w);
      m.setSlidingWindowLayers(windowed);
      return;
    }
    m.setSlidingWindow(w);
    switch (modelType) {
      case "gemma2":
        m.setSlidingWindowLayers((layers + 1) / 2); // even layers are local
        break;
      case "gemma3":
      case "gemma3_text": {
        Integer pattern = optionalPositive("sliding_window_pattern");
        int p = pattern == null ? 6 : pattern;
        m.setSlidingWindowLayers(layers - layers / p); // every p-th layer is global
        break;
      }
      case "qwen2":
      case "qwen3":
      case "qwen2_moe":
      case "qwen3_moe": {
        Integer maxWindowLayers = optionalNonNegative("max_window_layers");
        int full = maxWindowLayers == null ? 0 : Math.min(maxWindowLayers, layers);
        m.setSlidingWindowLayers(layers - full);
        break;
      }
      default:
        m.setSlidingWindowLayers(layers); // mistral, mixtral, phi3: every layer
        break;
    }
  }

  // precision of the published checkpoint from quantization_config
  private String quantization() {
    JsonNode q = top.path("quantization_config");
    if (!q.isObject()) {
      q = text.path("quantization_config");
    }
    if (!q.isObject()) {
      return null;
    }
    String method = q.path("quant_method").asText("").toLowerCase(Locale.ROOT);
    switch (method) {
      case "fp8":
        return "FP8";
      case "mxfp4":
        return "MXFP4";
      case "awq":
      case "gptq":
        int bits = q.path("bits").asInt(q.path("w_bit").asInt(4));
        if (bits == 4) {
          return "INT4";
        }
        if (bits == 8) {
          return "INT8";
        }
        problems.add(file + ": field 'quantization_config.bits' = " + bits + " is not supported for " + method + " (4 or 8)");
        return null;
      case "modelopt": {
        String algo = q.path("quant_algo").asText("").toUpperCase(Locale.ROOT);
        if (algo.contains("NVFP4")) {
          return "NVFP4";
        }
        if (algo.contains("FP8")) {
          return "FP8";
        }
        problems.add(file + ": field 'quantization_config.quant_algo' = '" + algo + "' is not supported (NVFP4 or FP8)");
        return null;
      }
      case "compressed-tensors": {
        String format = q.path("format").asText("").toLowerCase(Locale.ROOT);
        if (format.contains("nvfp4")) {
          return "NVFP4";
        }
        if (format.contains("float")) {
          return "FP8";
        }
        if (format.contains("pack")) {
          return "INT4";
        }
        if (format.contains("int")) {
          return "INT8";
        }
        problems.add(file + ": field 'quantization_config.format' = '" + format
            + "' is not supported (nvfp4-pack-quantized, float-quantized, pack-quantized, int-quantized)");
        return null;
      }
      default:
        problems.add(file + ": field 'quantization_config.quant_method' = '" + method
            + "' is not supported (fp8, mxfp4, awq, gptq, modelopt, compressed-tensors)");
        return null;
    }
  }

  private JsonNode field(String name) {
    JsonNode n = text.get(name);
    return n == null || n.isNull() ? top.get(name) : n;
  }

  private int positive(String name) {
    JsonNode n = field(name);
    if (n == null || n.isNull()) {
      problems.add(file + ": field '" + name + "' is missing (needed for model_type " + modelType + ")");
      return 0;
    }
    return check(name, n, 1);
  }

  private Integer optionalPositive(String name) {
    JsonNode n = field(name);
    return n == null || n.isNull() ? null : check(name, n, 1);
  }

  private Integer optionalNonNegative(String name) {
    JsonNode n = field(name);
    return n == null || n.isNull() ? null : check(name, n, 0);
  }

  private int check(String name, JsonNode n, int min) {
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min) {
      problems.add(file + ": field '" + name + "' = " + n + " must be a whole number >= " + min);
      return 0;
    }
    return n.asInt();
  }

  private boolean bool(String name, boolean fallback) {
    JsonNode n = field(name);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      problems.add(file + ": field '" + name + "' = " + n + " must be true or false");
      return fallback;
    }
    return n.asBoolean();
  }
}
