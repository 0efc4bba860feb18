package dev.llmcap.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted write never leaves a half-written target or a temporary file behind. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writerFailingHalfWayLeavesNoTargetAndNoTempFile() throws IOException {
    Path target = dir.resolve("plan.csv");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write("service_id,gpu_type\nchat-api,".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full (simulated)");
    })).hasMessageContaining("disk full");
    assertThat(target).doesNotExist();
    assertThat(listing()).isEmpty();
  }

  @Test
  void writerFailingHalfWayKeepsTheOldContent() throws IOException {
    Path target = dir.resolve("plan.json");
    Files.writeString(target, "{\"old\": true}\n");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write("{\"new\": ".getBytes(StandardCharsets.UTF_8));
      throw new IllegalStateException("exporter crashed (simulated)");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(Files.readString(target)).isEqualTo("{\"old\": true}\n");
    assertThat(listing()).containsExactly("plan.json");
  }

  @Test
  void successfulWriteReplacesTheFileAndKeepsItsPermissions() throws IOException {
    Path target = dir.resolve("plan.txt");
    AtomicFiles.write(target, "first\n");
    assertThat(Files.readString(target)).isEqualTo("first\n");
    if (Files.getFileAttributeView(target, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
      AtomicFiles.write(target, "second\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw----");
    } else {
      AtomicFiles.write(target, "second\n");
    }
    assertThat(Files.readString(target)).isEqualTo("second\n");
    assertThat(listing()).containsExactly("plan.txt");
  }

  @Test
  void missingFolderIsRefused() {
    assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("nope/plan.json"), "x")).hasMessageContaining("folder does not exist");
  }

  private java.util.List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
