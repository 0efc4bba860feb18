package dev.llmcap.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the planner as a real subprocess (java -cp <test class path> dev.llmcap.cli.Main ...), capturing both streams. */
public final class CliProcess {
  /** What a finished run printed and returned. */
  public record Result(int exit, String out, String err) {}

  private CliProcess() {}

  /** The arguments of a base command line with more appended (the base is left unchanged). */
  public static String[] with(String[] base, String... more) {
    String[] a = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, a, base.length, more.length);
    return a;
  }

  public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Dllmcap.home=" + Path.of("").toAbsolutePath());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.llmcap.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("llmcap did not finish: " + cmd);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
