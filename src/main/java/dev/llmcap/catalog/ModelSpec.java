package dev.llmcap.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** One model architecture of the model catalog (a file in model-catalog/); rules read it as a fact. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"id", "display_name", "family", "aliases", "params_b", "active_params_b", "layers",
    "hidden_size", "attention_heads", "kv_heads", "head_dim", "ffn_size", "moe_ffn_size", "vocab_size", "max_context", "experts",
    "experts_per_token", "shared_experts", "first_dense_layers", "attention", "kv_lora_rank", "qk_rope_head_dim", "sliding_window",
    "tie_word_embeddings", "kv_cache_bytes_per_token_bf16", "model_type", "sliding_window_layers", "moe_layers",
    "shared_expert_ffn_size", "q_lora_rank", "qk_nope_head_dim", "v_head_dim", "gated_mlp", "checkpoint_precision",
    "active_params_exclude_input_embedding", "notes", "sources"})
public class ModelSpec {
  private String id;
  private String displayName;
  private String family;
  private List<String> aliases = new ArrayList<>();
  private double paramsB;
  private double activeParamsB;
  private int layers;
  private int hiddenSize;
  private int attentionHeads;
  private int kvHeads;
  private int headDim;
  private Integer ffnSize;
  private Integer moeFfnSize;
  private int vocabSize;
  private int maxContext;
  private int experts;
  private int expertsPerToken;
  private int sharedExperts;
  private int firstDenseLayers;
  private String attention = "gqa";
  private Integer kvLoraRank;
  private Integer qkRopeHeadDim;
  private Integer slidingWindow;
  private boolean tieWordEmbeddings;
  private Long kvCacheBytesPerTokenBf16;
  private String modelType;
  private Integer slidingWindowLayers;
  private Integer moeLayers;
  private Integer sharedExpertFfnSize;
  private Integer qLoraRank;
  private Integer qkNopeHeadDim;
  private Integer vHeadDim;
  private Boolean gatedMlp;
  private String checkpointPrecision;
  private Boolean activeParamsExcludeInputEmbedding;
  private String notes;
  private List<String> sources = new ArrayList<>();

  public ModelSpec() {}

  public String getId() { return id; }
  public void setId(String v) { this.id = v; }
  public String getDisplayName() { return displayName; }
  public void setDisplayName(String v) { this.displayName = v; }
  public String getFamily() { return family; }
  public void setFamily(String v) { this.family = v; }
  public List<String> getAliases() { return aliases; }
  public void setAliases(List<String> v) { this.aliases = v == null ? new ArrayList<>() : v; }
  public double getParamsB() { return paramsB; }
  public void setParamsB(double v) { this.paramsB = v; }
  public double getActiveParamsB() { return activeParamsB > 0 ? activeParamsB : paramsB; }
  public void setActiveParamsB(Double v) { this.activeParamsB = v == null ? 0 : v; }
  public int getLayers() { return layers; }
  public void setLayers(int v) { this.layers = v; }
  public int getHiddenSize() { return hiddenSize; }
  public void setHiddenSize(int v) { this.hiddenSize = v; }
  public int getAttentionHeads() { return attentionHeads; }
  public void setAttentionHeads(int v) { this.attentionHeads = v; }
  public int getKvHeads() { return kvHeads > 0 ? kvHeads : attentionHeads; }
  public void setKvHeads(Integer v) { this.kvHeads = v == null ? 0 : v; }
  public int getHeadDim() { return headDim > 0 ? headDim : (attentionHeads > 0 ? hiddenSize / attentionHeads : 0); }
  public void setHeadDim(Integer v) { this.headDim = v == null ? 0 : v; }
  public Integer getFfnSize() { return ffnSize; }
  public void setFfnSize(Integer v) { this.ffnSize = v; }
  public Integer getMoeFfnSize() { return moeFfnSize; }
  public void setMoeFfnSize(Integer v) { this.moeFfnSize = v; }
  public int getVocabSize() { return vocabSize; }
  public void setVocabSize(int v) { this.vocabSize = v; }
  public int getMaxContext() { return maxContext; }
  public void setMaxContext(int v) { this.maxContext = v; }
  public int getExperts() { return experts; }
  public void setExperts(Integer v) { this.experts = v == null ? 0 : v; }
  public int getExpertsPerToken() { return expertsPerToken; }
  public void setExpertsPerToken(Integer v) { this.expertsPerToken = v == null ? 0 : v; }
  public int getSharedExperts() { return sharedExperts; }
  public void setSharedExperts(Integer v) { this.sharedExperts = v == null ? 0 : v; }
  public int getFirstDenseLayers() { return firstDenseLayers; }
  public void setFirstDenseLayers(Integer v) { this.firstDenseLayers = v == null ? 0 : v; }
  public String getAttention() { return attention; }
  public void setAttention(String v) { this.attention = v == null ? "gqa" : v; }
  public Integer getKvLoraRank() { return kvLoraRank; }
  public void setKvLoraRank(Integer v) { this.kvLoraRank = v; }
  public Integer getQkRopeHeadDim() { return qkRopeHeadDim; }
  public void setQkRopeHeadDim(Integer v) { this.qkRopeHeadDim = v; }
  public Integer getSlidingWindow() { return slidingWindow; }
  public void setSlidingWindow(Integer v) { this.slidingWindow = v; }
  public boolean isTieWordEmbeddings() { return tieWordEmbeddings; }
  public void setTieWordEmbeddings(Boolean v) { this.tieWordEmbeddings = v != null && v; }
  public Long getKvCacheBytesPerTokenBf16() { return kvCacheBytesPerTokenBf16; }
  public void setKvCacheBytesPerTokenBf16(Long v) { this.kvCacheBytesPerTokenBf16 = v; }
  /** Hugging Face model_type the entry was read from (llama, qwen3_moe, ...); null for hand-written entries. */
  public String getModelType() { return modelType; }
  public void setModelType(String v) { this.modelType = v; }
  /** Layers that attend only within sliding_window (or a chunk of that size); null = all layers when sliding_window is set. */
  public Integer getSlidingWindowLayers() { return slidingWindowLayers; }
  public void setSlidingWindowLayers(Integer v) { this.slidingWindowLayers = v; }
  /** Layers with a mixture-of-experts MLP; null = layers - first_dense_layers for MoE models. */
  public Integer getMoeLayers() { return moeLayers; }
  public void setMoeLayers(Integer v) { this.moeLayers = v; }
  /** Intermediate size of the always-on shared expert(s) together; null = shared_experts x moe_ffn_size. */
  public Integer getSharedExpertFfnSize() { return sharedExpertFfnSize; }
  public void setSharedExpertFfnSize(Integer v) { this.sharedExpertFfnSize = v; }
  /** MLA query low-rank size; null when queries are projected directly. */
  @com.fasterxml.jackson.annotation.JsonProperty("q_lora_rank")
  public Integer getQLoraRank() { return qLoraRank; }
  @com.fasterxml.jackson.annotation.JsonProperty("q_lora_rank")
  public void setQLoraRank(Integer v) { this.qLoraRank = v; }
  /** MLA query/key dims without RoPE. */
  public Integer getQkNopeHeadDim() { return qkNopeHeadDim; }
  public void setQkNopeHeadDim(Integer v) { this.qkNopeHeadDim = v; }
  /** Value head dim when it differs from head_dim (MLA). */
  public Integer getVHeadDim() { return vHeadDim; }
  public void setVHeadDim(Integer v) { this.vHeadDim = v; }
  /** True (default) for gated MLPs with three matrices (SwiGLU/GeGLU); false for two-matrix GELU MLPs. */
  public boolean usesGatedMlp() { return gatedMlp == null || gatedMlp; }
  public Boolean getGatedMlp() { return gatedMlp; }
  public void setGatedMlp(Boolean v) { this.gatedMlp = v; }
  /** Precision the weights are published in when quantised (FP8, MXFP4, NVFP4, INT4); null for 16-bit checkpoints. */
  public String getCheckpointPrecision() { return checkpointPrecision; }
  public void setCheckpointPrecision(String v) { this.checkpointPrecision = v; }
  /** True when the published active count leaves out the input-embedding lookup (gpt-oss model card convention). */
  public boolean excludesInputEmbeddingFromActive() { return activeParamsExcludeInputEmbedding != null && activeParamsExcludeInputEmbedding; }
  public Boolean getActiveParamsExcludeInputEmbedding() { return activeParamsExcludeInputEmbedding; }
  public void setActiveParamsExcludeInputEmbedding(Boolean v) { this.activeParamsExcludeInputEmbedding = v; }
  public String getNotes() { return notes; }
  public void setNotes(String v) { this.notes = v; }
  public List<String> getSources() { return sources; }
  public void setSources(List<String> v) { this.sources = v == null ? new ArrayList<>() : v; }

  /** True for mixture-of-experts models. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isMoe() { return experts > 0; }

  /** Layers that hold the KV of every token of the context (the rest keep only the window). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public int getFullAttentionLayers() {
    if (slidingWindow == null) { return layers; }
    return slidingWindowLayers == null ? 0 : layers - slidingWindowLayers;
  }

  /** Layers that keep only the last sliding_window tokens. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public int getWindowedLayers() { return layers - getFullAttentionLayers(); }

  /** True for multi-head latent attention (compressed KV). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isMla() { return "mla".equals(attention); }

  /** An independent copy (used when an estimate starts from a catalog entry). */
  public ModelSpec copy() {
    ModelSpec c = Catalog.mapper().convertValue(this, ModelSpec.class);
    c.setAliases(new ArrayList<>(aliases));
    c.setSources(new ArrayList<>(sources));
    return c;
  }

  @Override
  public String toString() {
    return "model " + id + " (" + paramsB + "B, " + layers + " layers, h " + hiddenSize + ", " + attentionHeads + " heads, "
        + getKvHeads() + " KV heads, " + attention + ")";
  }
}
