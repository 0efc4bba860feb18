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
  void theWindowsLaunchersGiveSingleCommandsTheSameOptionsAsThePosixOnes() throws IOException {
    for (Path[] pair : List.of(new Path[] {Path.of("llmcap"), CHECKOUT_CMD}, new Path[] {Path.of("src/dist/bin/llmcap"), DIST_CMD})) {
      String sh = Files.readString(pair[0], StandardCharsets.UTF_8);
      String cmd = Files.readString(pair[1], StandardCharsets.UTF_8);
      java.util.regex.Matcher longRunning = java.util.regex.Pattern.compile("\\n\\s*([a-z|]+)\\) [A-Z]+= ;;").matcher(sh);
      assertThat(longRunning.find()).as(pair[0] + " names its long-running commands").isTrue();
      String commands = longRunning.group(1).replace('|', ' ');
      assertThat(cmd).as(pair[1] + " drops the single-command options for the same commands")
          .contains("for %%C in (" + commands + ") do if /i \"%~1\"==\"%%C\" set \"SINGLE=\"")
          .contains("set \"LLMCAP_JAVA_OPTS=%DEFAULT_JAVA_OPTS% %SINGLE%\"");
      for (String option : List.of("-Xmn8m", "-XX:Tier3InvocationThreshold=1000", "-XX:Tier3CompileThreshold=5000",
          "-Dsun.reflect.inflationThreshold=1000000")) {
        assertThat(sh).contains(option);
        assertThat(cmd).contains(option);
      }
    }
  }

  /** Runs the checkout launcher with one more environment variable; its exit code and stderr. */
  private static String[] runCheckoutLauncher(String variable, String value) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "llmcap", "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("LLMCAP_JAVA");
    pb.environment().remove("JAVA_HOME");
    pb.environment().put(variable, value);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new String[] {String.valueOf(p.waitFor()), err};
  }

  @Test
  void theCheckoutLauncherRunsTheJavaTheUserChoseOrStops(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    // a JAVA_HOME without bin/java is an error before anything is built, never a fall-back to the java on the PATH
    String[] noJdk = runCheckoutLauncher("JAVA_HOME", tmp.toString());
    assertThat(noJdk[0]).isEqualTo("1");
    assertThat(noJdk[1]).contains("JAVA_HOME=" + tmp + " has no bin/java").doesNotContain("building");
    String[] noJava = runCheckoutLauncher("LLMCAP_JAVA", tmp.resolve("no-such-java").toString());
    assertThat(noJava[0]).isEqualTo("1");
    assertThat(noJava[1]).contains("LLMCAP_JAVA=" + tmp.resolve("no-such-java") + " is not an executable java");
    String sh = Files.readString(Path.of("llmcap"), StandardCharsets.UTF_8);
    assertThat(sh).as("the archive is made and the planner run by the chosen java")
        .contains("exec \"$JAVA\" $JVM_OPTS", "\"$JAVA\" -Xshare:dump", "\"$JAVA\" $CDS_RUN -XX:AOTCacheOutput")
        .doesNotContain("exec java ");
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
