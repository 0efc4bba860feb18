package dev.llmcap.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, item 2: every JSONL line is accounted for, as bytes; rows are written one at a time with the same bytes. */
class JsonlLinesTest {
  private static final String LINE = "{\"workload\":{\"requests_per_second\":1,\"avg_input_tokens\":100,\"avg_output_tokens\":100},"
      + "\"model\":{\"model_name\":\"llama-3.1-8b\"}}";

  @Test
  void anUndecodableLineIsAnErrorRowWithItsNumberAndNoLineIsLost(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 1; i <= 5000; i++) {
      byte[] line = LINE.getBytes(StandardCharsets.UTF_8);
      if (i == 2500) {
        line[line.length - 10] = (byte) 0xFF;
      }
      if (i == 3000) {
        line = LINE.replace(",\"model\"", ",\r\"model\"").getBytes(StandardCharsets.UTF_8); // a raw CR is JSON whitespace
      }
      bytes.write(line);
      bytes.write('\n');
    }
    Path f = Files.write(dir.resolve("in.jsonl"), bytes.toByteArray());
    List<ConfigSource> sources = BatchInputs.expand(List.of(f.toString()));
    assertThat(sources).hasSize(5000);
    assertThat(BatchInputs.count(List.of(f.toString()))).isEqualTo(5000);
    ConfigSource bad = sources.get(2499);
    assertThat(bad.source()).isEqualTo(f + ":2500");
    assertThat(bad.error()).contains(":2500: the line is not valid UTF-8 text (byte 0xFF");
    assertThat(sources.get(2999).source()).isEqualTo(f + ":3000");
    assertThat(sources.get(2999).line()).contains("\r");
    assertThat(sources.get(4999).source()).isEqualTo(f + ":5000");
    assertThat(sources).filteredOn(s -> s.error() != null).hasSize(1);
  }

  @Test
  void blankLinesAreSkippedButKeepTheNumberingAndAnOverlongLineIsOneErrorRow(@TempDir Path dir) throws Exception {
    String longLine = "{\"x\":\"" + "a".repeat(dev.llmcap.config.Json.MAX_DOCUMENT_BYTES + 5) + "\"}";
    Path f = Files.writeString(dir.resolve("in.jsonl"), LINE + "\n\n   \n" + longLine + "\n" + LINE);
    List<ConfigSource> sources = BatchInputs.expand(List.of(f.toString()));
    assertThat(sources).extracting(ConfigSource::source).containsExactly(f + ":1", f + ":4", f + ":5");
    assertThat(sources.get(1).error()).contains("longer than");
  }

  @Test
  void streamedTablesAreByteForByteTheRenderedOnes() throws Exception {
    List<String> columns = List.of("source", "status", "error", "gpu", "total_gpus", "monthly_total_cost_usd");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("source", "a,\"b\":" + i);
      r.put("status", i == 1 ? "error" : "ok");
      r.put("error", i == 1 ? "bad\nthing" : null);
      r.put("gpu", "L4");
      r.put("total_gpus", i);
      r.put("monthly_total_cost_usd", 1234.5 * i);
      rows.add(r);
    }
    for (String format : List.of("csv", "jsonl", "json")) {
      for (List<Map<String, Object>> table : List.of(rows, List.<Map<String, Object>>of())) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BatchTable.RowWriter w = new BatchTable.RowWriter(format, columns, out)) {
          for (Map<String, Object> r : table) {
            w.write(r);
          }
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).as(format + " " + table.size()).isEqualTo(BatchTable.render(format, columns, table));
      }
    }
  }
}
