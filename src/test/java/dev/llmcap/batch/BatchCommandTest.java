package dev.llmcap.batch;

import dev.llmcap.testsupport.CliRun;
import static dev.llmcap.batch.BatchTestSupport.config;
import static dev.llmcap.batch.BatchTestSupport.run;
import static dev.llmcap.batch.BatchTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch command end to end through Main.run: row accounting, statuses, error rows, formats, determinism. */
class BatchCommandTest {
  @TempDir
  static Path dir;
  static Path inputs;

  /** 4 config files (one valid JSON, one valid YAML, one invalid, one malformed) and a JSONL file of 4 lines (3 configs + 1 broken, plus a blank line). */
  @BeforeAll
  static void inputs() throws Exception {
    inputs = dir.resolve("inputs");
    write(inputs.resolve("a-ok.json"), config("llama-3.1-8b", "FP16", 5, "H100-80GB"));
    write(inputs.resolve("b-ok.yaml"), "workload:\n  requests_per_second: 2\n  avg_input_tokens: 300\n  avg_output_tokens: 100\n"
        + "model:\n  model_name: mistral-7b\n  precision: FP8\ngpu:\n  gpu_type: L40S\n");
    write(inputs.resolve("sub/c-invalid.json"), "{\"workload\": {\"requests_per_second\": -3, \"avg_input_tokens\": 10, "
        + "\"avg_output_tokens\": 10}, \"model\": {\"model_name\": \"llama-3.1-8b\"}}");
    write(inputs.resolve("sub/d-malformed.json"), "{\"workload\": {\"requests_per_second\": 3,");
    write(inputs.resolve("sub/ignored.txt"), "not a config");
    write(dir.resolve("more.jsonl"), config("llama-3.1-8b", "FP8", 1, "A10G") + "\n"
        + config("llama-3.1-405b", "FP16", 50, "T4") + "\n"
        + "\n"
        + "{not json\n"
        + config("llama-3.1-70b", "FP8", 1, "H100-80GB").replace("2000", "1") + "\n");
  }

  @Test
  void aLineWithTextOrASecondObjectAfterTheConfigIsAnErrorRowSayingSo() throws Exception {
    String doc = config("llama-3.1-8b", "FP8", 1, "A10G");
    Path in = dir.resolve("trailing.jsonl");
    write(in, doc + "garbage\n" + doc + doc + "\n" + doc + "\n");
    Path out = dir.resolve("trailing.csv");
    CliRun r = run("batch", in.toString(), "--output", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    List<String> rows = lines(out);
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1)).contains(":1,error,").contains("unexpected content after the end of the configuration: one config per line")
        .doesNotContain("Unrecognized token");
    assertThat(rows.get(2)).contains(":2,error,").contains("unexpected content after the end of the configuration");
    assertThat(rows.get(3)).contains(":3,").doesNotContain(",error,");
  }

  static List<String> lines(Path p) throws Exception {
    return Files.readAllLines(p, StandardCharsets.UTF_8);
  }

  @Test
  void mixedBatchHasOneRowPerConfigInInputOrderAndExitsOneOnErrors() throws Exception {
    Path out = dir.resolve("mixed.csv");
    CliRun r = run("batch", inputs.toString(), dir.resolve("more.jsonl").toString(), dir.resolve("missing.json").toString(),
        "--output", out.toString(), "--threads", "2");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    List<String> rows = lines(out);
    assertThat(rows.get(0)).isEqualTo("source,status,error,reason,gpu,gpus_per_replica,min_replicas,max_replicas,total_gpus,ttft_p50_ms,"
        + "ttft_p99_ms,itl_ms,meets_sla,monthly_gpu_cost_usd,monthly_total_cost_usd,cost_per_million_tokens_usd");
    List<String> sources = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",", -1);
      sources.add(cells[0].replace(dir.toString(), "DIR"));
      statuses.add(cells[1]);
    }
    assertThat(sources).containsExactly("DIR/inputs/a-ok.json", "DIR/inputs/b-ok.yaml", "DIR/inputs/sub/c-invalid.json",
        "DIR/inputs/sub/d-malformed.json", "DIR/more.jsonl:1", "DIR/more.jsonl:2", "DIR/more.jsonl:4", "DIR/more.jsonl:5",
        "DIR/missing.json");
    assertThat(statuses).containsExactly("ok", "ok", "error", "error", "ok", "infeasible", "error", "sla_miss", "error");
    assertThat(rows.get(3)).contains("workload.requests_per_second must be > 0 (got -3)");
    assertThat(rows.get(4)).contains("at 1:");
    assertThat(rows.get(7)).contains("column 2");
    assertThat(rows.get(9)).contains("input not found");
    // every non-ok planned row says why (the rules' verdict), in the reason column
    assertThat(rows.get(6)).containsPattern(",infeasible,,\"?infeasible: \\S");
    assertThat(rows.get(8)).containsPattern(",sla_miss,,\"?sla_miss: \\S");
    assertThat(r.err()).contains("9 configs in, 9 rows out: 3 ok, 1 sla_miss, 1 infeasible, 4 error")
        .contains("infeasible: " + dir.resolve("more.jsonl") + ":2")
        .contains("sla_miss: " + dir.resolve("more.jsonl") + ":5")
        .doesNotContain("\r");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void allValidBatchExitsZeroAndWritesCsvToStdout() {
    CliRun r = run("batch", inputs.resolve("a-ok.json").toString(), inputs.resolve("b-ok.yaml").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out().split("\n")).hasSize(3);
    assertThat(r.err()).contains("2 configs in, 2 rows out: 2 ok, 0 sla_miss, 0 infeasible, 0 error");
  }

  @Test
  void sameBatchTwiceAndOnOneOrTwoThreadsIsByteIdentical() throws Exception {
    String[] in = {inputs.toString(), dir.resolve("more.jsonl").toString()};
    byte[][] outs = new byte[3][];
    String[] threads = {"1", "2", "2"};
    for (int i = 0; i < 3; i++) {
      Path out = dir.resolve("det-" + i + ".jsonl");
      CliRun r = run("batch", in[0], in[1], "--threads", threads[i], "--output", out.toString());
      assertThat(r.code()).isEqualTo(1);
      outs[i] = Files.readAllBytes(out);
    }
    assertThat(outs[1]).isEqualTo(outs[0]);
    assertThat(outs[2]).isEqualTo(outs[0]);
    assertThat(new String(outs[0], StandardCharsets.UTF_8).split("\n")).hasSize(8);
  }

  @Test
  void jsonArrayHasOneObjectPerConfigWithNumbersAndNulls() throws Exception {
    Path out = dir.resolve("rows.json");
    CliRun r = run("batch", dir.resolve("more.jsonl").toString(), "--output", out.toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode rows = new ObjectMapper().readTree(out.toFile());
    assertThat(rows.size()).isEqualTo(4);
    assertThat(rows.get(0).get("status").asText()).isEqualTo("ok");
    assertThat(rows.get(0).get("total_gpus").isInt()).isTrue();
    assertThat(rows.get(0).get("monthly_total_cost_usd").isNumber()).isTrue();
    assertThat(rows.get(2).get("status").asText()).isEqualTo("error");
    assertThat(rows.get(2).get("gpu").isNull()).isTrue();
  }

  @Test
  void existingOutputIsNotOverwrittenWithoutForce() throws Exception {
    Path out = write(dir.resolve("exists.csv"), "keep");
    CliRun r = run("batch", inputs.resolve("a-ok.json").toString(), "--output", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--force");
    assertThat(Files.readString(out)).isEqualTo("keep");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("batch").code()).isEqualTo(2);
    assertThat(run("batch", "x.json", "--threads", "0").code()).isEqualTo(2);
    CliRun r = run("batch", "x.json", "--sweep", "colour=red");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown key 'colour'").contains("rps").contains("gpu-type").contains("precision");
  }

  @Test
  void sweepExpandsEachBaseConfigIntoTheCrossProductWithSweptValuesFirst() throws Exception {
    Path out = dir.resolve("sweep.csv");
    CliRun r = run("batch", inputs.resolve("a-ok.json").toString(), inputs.resolve("b-ok.yaml").toString(),
        "--sweep", "gpu=A100-80GB,H100-80GB,L40S", "--sweep", "rps=5,10,20,40", "--sweep", "precision=FP16,FP8",
        "--output", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    List<String> rows = lines(out);
    assertThat(rows).hasSize(1 + 2 * 24);
    assertThat(rows.get(0)).startsWith("source,sweep_gpu,sweep_rps,sweep_precision,status,error,reason,gpu,");
    assertThat(rows.get(1)).startsWith(inputs.resolve("a-ok.json") + ",A100-80GB,5,FP16,");
    assertThat(rows.get(2)).startsWith(inputs.resolve("a-ok.json") + ",A100-80GB,5,FP8,");
    assertThat(rows.get(3)).startsWith(inputs.resolve("a-ok.json") + ",A100-80GB,10,FP16,");
    assertThat(rows.get(24)).startsWith(inputs.resolve("a-ok.json") + ",L40S,40,FP8,");
    assertThat(rows.get(25)).startsWith(inputs.resolve("b-ok.yaml") + ",A100-80GB,5,FP16,");
    // the swept GPU is the planned GPU
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split(",", -1);
      assertThat(c[7]).isEqualTo(c[1]);
    }
    assertThat(r.err()).contains("48 configs in, 48 rows out");
    // alternatives are summarised one by one, never added up into one fleet
    assertThat(r.err()).contains("per alternative").contains("[gpu=A100-80GB rps=5 precision=FP16] 2/2 planned: ")
        .contains("... and 4 more combinations")
        .doesNotContain("planned fleet");
  }

  @Test
  void sweepOfABrokenConfigGivesOneErrorRowPerCombination() throws Exception {
    Path out = dir.resolve("sweep-broken.csv");
    CliRun r = run("batch", inputs.resolve("sub/d-malformed.json").toString(), "--sweep", "rps=1,2,3",
        "--output", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(lines(out)).hasSize(4);
    assertThat(r.err()).contains("3 configs in, 3 rows out");
  }
}
