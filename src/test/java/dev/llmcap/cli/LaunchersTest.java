package dev.llmcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Windows launchers cannot run here, so their text is checked for what they must do: find their files relative to
 * themselves, stop on a failed build (the checkout's), pass every argument and the exit code through, and escape the
 * parentheses of messages inside blocks. Also: no deprecated Commons CLI help API anywhere in the sources.
 */
class LaunchersTest {
  private static final Path CHECKOUT_CMD = Path.of("llmcap.cmd");
  private static final Path DIST_CMD = Path.of("src/dist/bin/llmcap.cmd");

  @Test
  void theCheckoutLauncherStopsOnAFailedBuildBeforeStartingJava() throws IOException {
    String cmd = Files.readString(CHECKOUT_CMD, StandardCharsets.UTF_8);
    assertThat(cmd).contains("set \"HOME_DIR=%~dp0\"", "pushd \"%HOME_DIR%\"", "call mvnw.cmd", "if defined JAVA_HOME");
    assertThat(cmd).as("CRLF line endings, as cmd.exe expects (like mvnw.cmd)").doesNotContainPattern("[^\r]\n");
    int build = cmd.indexOf("call mvnw.cmd");
    int check = cmd.indexOf("if errorlevel 1", build);
    int stop = cmd.indexOf("exit /b 1", check);
    int java = cmd.indexOf("\"%JAVA%\" %LLMCAP_JAVA_OPTS%");
    assertThat(check).as("the build's exit code is checked right after it").isGreaterThan(build);
    assertThat(cmd.substring(build, check).lines().count()).isLessThanOrEqualTo(2);
    assertThat(stop).as("a failed build exits 1").isGreaterThan(check).isLessThan(java);
    assertThat(cmd.substring(java)).contains("-Dllmcap.home=\"%HOME_DIR%\"", "%HOME_DIR%\\target\\lib\\*", "dev.llmcap.cli.Main %*")
        .contains("exit /b %ERRORLEVEL%");
  }

  @Test
  void theDistributionLauncherFindsItsInstallationFromItsOwnFolder() throws IOException {
    String cmd = Files.readString(DIST_CMD, StandardCharsets.UTF_8);
    assertThat(cmd).contains("for %%I in (\"%~dp0..\") do set \"LLMCAP_HOME=%%~fI\"", "if defined JAVA_HOME",
        "-Dllmcap.home=\"%LLMCAP_HOME%\"", "-cp \"%LLMCAP_HOME%\\lib\\*\"", "dev.llmcap.cli.Main %*", "exit /b %ERRORLEVEL%");
  }

  @Test
  void messagesInsideBlocksEscapeTheirParentheses() throws IOException {
    for (Path p : List.of(CHECKOUT_CMD, DIST_CMD)) {
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        String t = line.strip();
        if (t.startsWith("echo ")) {
          // an unescaped ) would end the enclosing if-block early
          assertThat(t.replace("^(", "").replace("^)", "")).as(p + ": " + t).doesNotContain("(", ")");
        }
      }
    }
  }

  @Test
  void noSourceUsesTheDeprecatedCommonsCliHelpFormatter() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      List<Path> offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          return Files.readString(f).contains("org.apache.commons.cli.HelpFormatter");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
      assertThat(offenders).isEmpty();
    }
  }
}
