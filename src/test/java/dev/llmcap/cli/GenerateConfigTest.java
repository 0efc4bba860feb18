package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmcap.config.ConfigLoader;
import dev.llmcap.config.ConfigTemplate;
import dev.llmcap.config.InputException;
import dev.llmcap.config.SchemaValidator;
import dev.llmcap.model.PlanRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --generate-config writes templates that validate against their own schema and never overwrite silently. */
class GenerateConfigTest {
  @TempDir
  Path dir;

  @Test
  void inferenceTemplateIsTheRequirementsExampleAndValidatesAgainstItsSchema() throws Exception {
    ConfigTemplate t = ConfigTemplate.of("inference");
    assertThat(SchemaValidator.validate("inference", t.document())).isEmpty();
    assertThat(t.json()).isEqualTo(Files.readString(Path.of("examples/inference_config.json")));
  }

  @Test
  void trainingTemplateValidatesWhenTheTrainingSchemaExistsAndIsRefusedOtherwise() throws Exception {
    Path out = dir.resolve("training_config.json");
    CliRun r = CliRun.of("--generate-config", "training", "--output", out.toString());
    if (SchemaValidator.hasSchema("training")) {
      assertThat(r.exit()).isZero();
      assertThat(SchemaValidator.validate("training", new ObjectMapper().readTree(out.toFile()))).isEmpty();
    } else {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString().contains("no training schema");
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void writesTheFileAndTheWrittenFileLoadsCleanly() throws Exception {
    Path out = dir.resolve("svc.json");
    CliRun r = CliRun.of("--generate-config", "inference", "--output", out.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains("llmcap --config " + out);
    PlanRequest req = new ConfigLoader().load(out).toRequest();
    assertThat(req.getWorkload().getRequestsPerSecond()).isEqualTo(10.0);
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    Path out = dir.resolve("mine.json");
    Files.writeString(out, "keep me");
    CliRun r = CliRun.of("--generate-config", "inference", "--output", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("refusing to overwrite").contains("--force");
    assertThat(out).hasContent("keep me");
    CliRun forced = CliRun.of("--generate-config", "inference", "--output", out.toString(), "--force");
    assertThat(forced.exit()).isZero();
    assertThat(Files.readString(out)).contains("\"requests_per_second\": 10.0");
  }

  @Test
  void yamlTemplateIsCommentedAndValidatesAgainstTheSameSchema() throws Exception {
    Path out = dir.resolve("svc.yaml");
    assertThat(CliRun.of("--generate-config", "inference", "--output", out.toString()).exit()).isZero();
    String yaml = Files.readString(out);
    assertThat(yaml).contains("# mean request rate, req/s; > 0").contains("# weight precision; one of FP32|FP16|BF16|FP8|INT8|INT4");
    assertThat(SchemaValidator.validate("inference", new ObjectMapper(new YAMLFactory()).readTree(yaml))).isEmpty();
    assertThat(new ConfigLoader().load(out).toRequest().getModel().getModelSizeBillions()).isEqualTo(70.0);
  }

  @Test
  void unknownModeIsAUsageError() {
    CliRun r = CliRun.of("--generate-config", "serving", "--output", dir.resolve("x.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("llmcap: --generate-config must be one of inference|training (got \"serving\")");
  }

  @Test
  void missingTemplateModeIsAnInputException() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigTemplate.of("batch")).isInstanceOf(InputException.class);
  }
}
