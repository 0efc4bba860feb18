package dev.llmcap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, items 1, 4, 8 and 9: hostile documents are bounded while parsing and reported by value, briefly. */
class HostileInputTest {
  private static final String WORKLOAD = "{\"workload\":{\"requests_per_second\":1,\"avg_input_tokens\":1,\"avg_output_tokens\":1},";

  private static InputException load(Path dir, String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return rejected(f);
  }

  private static InputException rejected(Path f) {
    try {
      new ConfigLoader().load(f).toRequest();
    } catch (InputException e) {
      return e;
    }
    throw new AssertionError("accepted " + f);
  }

  @Test
  void hugeExponentIsRejectedByValueNotByTheEnumCheck(@TempDir Path dir) throws Exception {
    InputException e = load(dir, "x.json", WORKLOAD + "\"model\":{\"model_name\":\"llama-3.1-8b\",\"precision\":1e999999999}}");
    assertThat(e.getMessage()).contains("model.precision is too large").contains("(got 1E+999999999)");
    e = load(dir, "y.json", WORKLOAD + "\"model\":{\"model_name\":\"llama-3.1-8b\",\"batch_size\":1e-999999999}}");
    assertThat(e.getMessage()).contains("model.batch_size is too small");
  }

  @Test
  void flagsWithHugeNumbersAreRejectedByValue() {
    for (String[] flag : new String[][] {{"tensor-parallel", "1e999999999"}, {"input-tokens", "1e400"}, {"current-replicas", "1e64"}}) {
      ConfigLoader loader = new ConfigLoader();
      loader.override("rps", FlagBinding.inference().get("rps"), "1");
      loader.override("output-tokens", FlagBinding.inference().get("output-tokens"), "1");
      loader.override("model", FlagBinding.inference().get("model"), "llama-3.1-8b");
      loader.override(flag[0], FlagBinding.inference().get(flag[0]), flag[1]);
      assertThatThrownBy(loader::toRequest).as(flag[0]).isInstanceOf(InputException.class)
          .hasMessageContaining("--" + flag[0] + ":").hasMessageContaining("is too large");
    }
  }

  @Test
  void echoedValuesAreCutAtEightyCharacters(@TempDir Path dir) throws Exception {
    String longValue = "x".repeat(9000);
    InputException e = load(dir, "long.json", WORKLOAD + "\"model\":{\"model_name\":\"llama-3.1-8b\",\"precision\":\"" + longValue + "\"}}");
    assertThat(e.getMessage()).contains("model.precision must be one of").contains("…").hasSizeLessThan(300);
  }

  @Test
  void nestingStringAndDocumentSizeAreBoundedWhileParsing(@TempDir Path dir) throws Exception {
    InputException deep = load(dir, "deep.json", "{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}");
    assertThat(deep.getMessage()).contains("nested deeper than " + Json.MAX_DEPTH + " levels").doesNotContain("StreamReadConstraints");
    InputException str = load(dir, "str.json", "{\"mode\":\"" + "y".repeat(Json.MAX_STRING + 10) + "\"}");
    assertThat(str.getMessage()).contains("longer than " + Json.MAX_STRING + " characters");
    StringBuilder big = new StringBuilder(WORKLOAD + "\"model\":{\"model_name\":\"llama-3.1-8b\"},\"x\":[");
    while (big.length() < 4_000_000) {
      big.append("1,");
    }
    InputException size = load(dir, "big.json", big.append("1]}").toString());
    assertThat(size.getMessage()).contains("bytes are read");
  }

  @Test
  void trailingContentOrASecondDocumentIsAnErrorWithItsLine(@TempDir Path dir) throws Exception {
    String doc = WORKLOAD + "\n\"model\":{\"model_name\":\"llama-3.1-8b\"}}";
    assertThat(load(dir, "a.json", doc + "garbage").getMessage()).contains("a.json:2:")
        .contains("unexpected content after the end of the configuration").doesNotContain("Unrecognized token");
    assertThat(load(dir, "d.json", "[1] x").getMessage()).contains("d.json:1:5: unexpected content after the end of the configuration");
    // stray text where the document should start is a syntax error, not content after the end
    assertThat(load(dir, "e.json", "garbage").getMessage()).contains("e.json:1:1:").doesNotContain("after the end");
    assertThat(load(dir, "b.json", doc + "\n" + doc).getMessage()).contains("b.json:3:").contains("one config per file");
    String yaml = "workload:\n  requests_per_second: 1\n  avg_input_tokens: 1\n  avg_output_tokens: 1\nmodel:\n  model_name: llama-3.1-8b\n";
    InputException y = load(dir, "c.yaml", yaml + "---\n" + yaml);
    assertThat(y.getMessage()).contains("c.yaml:8:").contains("one config per file").doesNotContain("snakeyaml").doesNotContain("org.");
  }

  @Test
  void unreadableTextAndNonFilesGiveMessagesWithoutClassNames(@TempDir Path dir) throws Exception {
    Path bin = dir.resolve("bin.json");
    Files.write(bin, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    assertThat(rejected(bin).getMessage()).doesNotContain("java.").doesNotContain("CharConversion").contains("bin.json");
    assertThat(rejected(dir).getMessage()).contains("is a folder");
    if (Files.exists(Path.of("/dev/null"))) {
      assertThat(rejected(Path.of("/dev/null")).getMessage()).contains("not a regular file");
    }
  }
}
