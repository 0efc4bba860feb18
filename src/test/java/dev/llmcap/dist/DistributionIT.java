package dev.llmcap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution zip built by {@code mvn package}, unpacked into a temporary folder, plans the example config
 * from another working directory (integration test: runs after the package phase).
 */
class DistributionIT {
  @TempDir
  static Path scratch;

  private static Path install;

  private record Proc(int exit, String out, String err) {}

  @BeforeAll
  static void unpack() throws IOException {
    Path zip = Path.of("target").resolve("llmcap-" + System.getProperty("llmcap.version", "0.1.0") + "-dist.zip");
    assertThat(zip).as("the distribution zip built by mvn package").exists();
    Path root = scratch.resolve("opt");
    try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = root.resolve(e.getName()).normalize();
        assertThat(target.startsWith(root)).as("entry stays inside the folder: %s", e.getName()).isTrue();
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
    try (var dirs = Files.list(root)) {
      install = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  private static Proc run(Path cwd, List<String> cmd) throws IOException, InterruptedException {
    Path out = scratch.resolve("out.txt");
    Path err = scratch.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(170, TimeUnit.SECONDS)).as("finished in time").isTrue();
    return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theLayoutHasLaunchersLibrariesRulesCatalogsAndExamples() {
    for (String part : List.of("bin/llmcap", "bin/llmcap.cmd", "lib/llmcap.jar", "rules/assumptions.json",
        "gpu-catalog", "model-catalog", "examples/chat-service.json", "README.md")) {
      assertThat(install.resolve(part)).as(part).exists();
    }
    assertThat(install.resolve("lib/commons-cli-1.11.0.jar")).exists();
  }

  @Test
  void theJavaCompilerForEditedRulesShipsWithoutItsSignatureAndWithEveryClass() throws IOException {
    Path ecj;
    try (var libs = Files.list(install.resolve("lib"))) {
      ecj = libs.filter(f -> f.getFileName().toString().matches("ecj-[0-9.]+\\.jar")).findFirst().orElseThrow();
    }
    assertThat(Files.readAllBytes(ecj)).as("the same file as target/lib's")
        .isEqualTo(Files.readAllBytes(Path.of("target/lib").resolve(ecj.getFileName())));
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(ecj.toFile())) {
      assertThat(jar.stream().map(ZipEntry::getName))
          .noneMatch(n -> n.matches("(?i)META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))
          .contains("org/eclipse/jdt/internal/compiler/Compiler.class", "META-INF/services/javax.tools.JavaCompiler");
      assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
          .isEqualTo("org.eclipse.jdt.core.compiler.batch");
      assertThat(jar.getManifest().getEntries()).as("no per-entry digests").isEmpty();
    }
  }

  @Test
  void theManPageGeneratedFromTheOptionDefinitionsIsInstalled() throws IOException {
    Path man = install.resolve("share/man/man1/llmcap.1");
    assertThat(man).as("share/man/man1/llmcap.1").exists();
    String page = Files.readString(man, StandardCharsets.UTF_8);
    assertThat(page).startsWith(".TH LLMCAP 1").contains(".SH SYNOPSIS", "\\-\\-batch\\-size", "\\-\\-fail\\-on",
        "llmcap " + System.getProperty("llmcap.version", "0.1.0"));
    assertThat(page.length()).isGreaterThan(5_000);
  }

  @Test
  void theWindowsLauncherHasDosLineEndings() throws IOException {
    String cmd = Files.readString(install.resolve("bin/llmcap.cmd"), StandardCharsets.UTF_8);
    assertThat(cmd).contains("\r\n").doesNotContainPattern("[^\r]\n");
  }

  @Test
  void binLlmcapPlansTheExampleFromAnotherWorkingDirectory() throws Exception {
    Path elsewhere = Files.createDirectories(scratch.resolve("somewhere-else"));
    Proc r = run(elsewhere, List.of("sh", install.resolve("bin/llmcap").toString(),
        "--config", install.resolve("examples/chat-service.json").toString()));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("llmcap inference plan").contains("per replica");
    assertThat(r.err()).doesNotContain("\u001b[");
  }

  @Test
  void javaDashJarOfTheCheckoutFindsItsRulesFromAnotherFolder() throws Exception {
    Path elsewhere = Files.createDirectories(scratch.resolve("jar-elsewhere"));
    Path checkout = Path.of("").toAbsolutePath();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", checkout.resolve("target/llmcap.jar").toString(),
        "--config", checkout.resolve("examples/chat-service.json").toString()));
    Proc r = run(elsewhere, cmd);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("per replica");
  }

  @Test
  void versionComesFromTheBuild() throws Exception {
    Proc r = run(scratch, List.of("sh", install.resolve("bin/llmcap").toString(), "--version"));
    assertThat(r.exit()).isZero();
    assertThat(r.out().trim()).isEqualTo("llmcap " + System.getProperty("llmcap.version", "0.1.0"));
  }
}
