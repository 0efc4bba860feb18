package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan whose only output is the terminal's text report is made without the audit trace (it shows none of it); every
 * output that shows the trace still gets it: --explain, another format, a file, Kubernetes manifests.
 */
class TraceOnlyWhenShownTest {
  private static final String[] PLAN = {"--model", "llama-3.1-8b", "--rps", "2", "--input-tokens", "300",
      "--output-tokens", "100", "--gpu-type", "L4", "--no-compare"};

  private static String[] with(String... more) {
    String[] all = java.util.Arrays.copyOf(PLAN, PLAN.length + more.length);
    System.arraycopy(more, 0, all, PLAN.length, more.length);
    return all;
  }

  private static CliRun ok(CliRun r) {
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  @Test
  void theTextReportIsTheSameAsWithTheTraceOff() {
    assertThat(ok(CliRun.of(PLAN)).out()).isEqualTo(ok(CliRun.of(with("--no-trace"))).out());
    assertThat(ok(CliRun.of("--config", "examples/chat-service.json")).out())
        .isEqualTo(ok(CliRun.of("--config", "examples/chat-service.json", "--no-trace")).out());
  }

  @Test
  void explainAndOtherFormatsStillCarryTheTrace() {
    String explained = ok(CliRun.of(with("--explain"))).out();
    assertThat(explained.substring(explained.indexOf("Audit trace"))).contains("\n   1. [");
    assertThat(ok(CliRun.of(with("--format", "json"))).out()).contains("\"trace\" : [ {");
    assertThat(ok(CliRun.of(with("--format", "yaml"))).out()).contains("\ntrace:\n");
  }

  @Test
  void aFileCarriesTheTrace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plan.json");
    ok(CliRun.of(with("--output", file.toString())));
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\"trace\" : [ {");
  }
}
