package dev.llmcap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcap.catalog.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field mapping of the config.json reader: layer patterns, MoE layout and quantization_config, on stored copies and small files. */
class HuggingFaceConfigTest {
  private static final Path CONFIGS = Path.of("src/test/resources/hf-configs");

  @Test
  void layerPatternsOfTheHybridFamilies() throws Exception {
    ModelSpec oss = HuggingFaceConfig.read(CONFIGS.resolve("gpt-oss-120b"));
    assertEquals(128, oss.getSlidingWindow());
    assertEquals(18, oss.getWindowedLayers());
    assertEquals("MXFP4", oss.getCheckpointPrecision());
    ModelSpec gemma3 = HuggingFaceConfig.read(CONFIGS.resolve("gemma-3-27b"));
    assertEquals(52, gemma3.getWindowedLayers()); // every 6th of 62 layers is global
    assertTrue(gemma3.isTieWordEmbeddings());
    assertEquals(21, HuggingFaceConfig.read(CONFIGS.resolve("gemma-2-9b")).getWindowedLayers());
    ModelSpec scout = HuggingFaceConfig.read(CONFIGS.resolve("llama-4-scout"));
    assertEquals(8192, scout.getSlidingWindow());
    assertEquals(36, scout.getWindowedLayers()); // no_rope_layers [1,1,1,0] x 12: RoPE layers are chunked
    assertEquals(32, HuggingFaceConfig.read(CONFIGS.resolve("mistral-7b-v0.1")).getWindowedLayers());
    assertNull(HuggingFaceConfig.read(CONFIGS.resolve("qwen2.5-7b")).getSlidingWindow()); // use_sliding_window false
  }

  @Test
  void moeLayoutOfEachFamily() throws Exception {
    ModelSpec maverick = HuggingFaceConfig.read(CONFIGS.resolve("llama-4-maverick"));
    assertEquals(24, maverick.getMoeLayers());
    assertEquals(16384, maverick.getFfnSize());
    assertEquals(1, maverick.getSharedExperts());
    ModelSpec ds = HuggingFaceConfig.read(CONFIGS.resolve("deepseek-v3"));
    assertEquals("mla", ds.getAttention());
    assertEquals(3, ds.getFirstDenseLayers());
    assertEquals(192, ds.getHeadDim());
    assertEquals("FP8", ds.getCheckpointPrecision());
    ModelSpec qwen2moe = HuggingFaceConfig.read(CONFIGS.resolve("qwen2-57b-a14b"));
    assertEquals(20480, qwen2moe.getSharedExpertFfnSize());
    assertEquals(28, qwen2moe.getMoeLayers());
  }

  @Test
  void quantizationConfigsMapToPrecisions(@TempDir Path dir) throws Exception {
    assertEquals("INT4", quantized(dir, "{\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128}"));
    assertEquals("INT4", quantized(dir, "{\"quant_method\": \"gptq\", \"bits\": 4}"));
    assertEquals("NVFP4", quantized(dir, "{\"quant_method\": \"modelopt\", \"quant_algo\": \"NVFP4\"}"));
    assertEquals("NVFP4", quantized(dir, "{\"quant_method\": \"compressed-tensors\", \"format\": \"nvfp4-pack-quantized\"}"));
    assertEquals("FP8", quantized(dir, "{\"quant_method\": \"compressed-tensors\", \"format\": \"float-quantized\"}"));
    InputException e = assertThrows(InputException.class, () -> quantized(dir, "{\"quant_method\": \"bitsandbytes\"}"));
    assertTrue(e.getMessage().contains("field 'quantization_config.quant_method' = 'bitsandbytes' is not supported"), e.getMessage());
  }

  private static String quantized(Path dir, String q) throws Exception {
    Path f = Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\", \"num_hidden_layers\": 2, \"hidden_size\": 256,"
        + " \"num_attention_heads\": 4, \"num_key_value_heads\": 2, \"intermediate_size\": 512, \"vocab_size\": 1000,"
        + " \"quantization_config\": " + q + "}");
    return HuggingFaceConfig.read(dir).getCheckpointPrecision();
  }
}
