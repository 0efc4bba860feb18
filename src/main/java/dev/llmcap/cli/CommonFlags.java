package dev.llmcap.cli;

import dev.llmcap.engine.Workspace;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/** The flags every command shares: --rules, --gpu-catalog, --model-catalog and --set NAME=VALUE. */
final class CommonFlags {
  private CommonFlags() {}

  /** Adds the shared flags (--rules, --gpu-catalog, --model-catalog, --set, --help) to a command's options. */
  static Options addTo(Options o) {
    o.addOption(Option.builder().longOpt("rules").hasArg().argName("DIR").desc("rules folder (default rules/)").build());
    o.addOption(Option.builder().longOpt("gpu-catalog").hasArg().argName("DIR").desc("GPU catalog folder (default gpu-catalog/)").build());
    o.addOption(Option.builder().longOpt("model-catalog").hasArg().argName("DIR").desc("model catalog folder (default model-catalog/)").build());
    o.addOption(Option.builder().longOpt("set").hasArg().argName("NAME=VALUE")
        .desc("override one assumption of rules/assumptions.json for this run (repeatable)").build());
    o.addOption(Option.builder().longOpt("no-color").desc("no colour (also when NO_COLOR is set or TERM=dumb)").build());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    o.addOption(Option.builder().longOpt("debug").desc("print the stack trace of an internal error or a rule fault").build());
    return o;
  }

  /** The rules and catalog folders: -Dllmcap.home (or the working directory), overridden by the flags. */
  static Workspace workspace(CommandLine cl) {
    Workspace w = Workspace.fromEnvironment();
    if (cl.hasOption("rules")) {
      w = w.withRules(Path.of(cl.getOptionValue("rules")));
    }
    if (cl.hasOption("gpu-catalog")) {
      w = w.withGpuCatalog(Path.of(cl.getOptionValue("gpu-catalog")));
    }
    if (cl.hasOption("model-catalog")) {
      w = w.withModelCatalog(Path.of(cl.getOptionValue("model-catalog")));
    }
    return w;
  }

  /** --set NAME=VALUE overrides of assumptions, in the order given. */
  static Map<String, String> assumptionOverrides(CommandLine cl) throws UsageException {
    Map<String, String> map = new LinkedHashMap<>();
    String[] values = cl.getOptionValues("set");
    if (values == null) {
      return map;
    }
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--set expects NAME=VALUE (got '" + v + "')");
      }
      map.put(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
    }
    return map;
  }

  /** Refuses positional arguments, for the commands that take none. */
  static void requireNoArguments(CommandLine cl) throws UsageException {
    if (!cl.getArgList().isEmpty()) {
      throw new UsageException("unexpected argument '" + cl.getArgList().get(0) + "'");
    }
  }

  /**
   * Reports a usage error as every command does: "llmcap COMMAND: message", then where the flags are listed ("" for
   * the plan command). Returns the usage exit code.
   */
  static int usageError(PrintStream err, String command, Exception e) {
    String name = command.isEmpty() ? "llmcap" : "llmcap " + command;
    err.println(name + ": " + e.getMessage());
    err.println("run 'llmcap help" + (command.isEmpty() ? "" : " " + command) + "' for the list of flags");
    return Main.USAGE;
  }

  /**
   * Parses a command's arguments; an unknown flag is a usage error that names the nearest known flag
   * ("unknown flag --rsp (did you mean --rps?)").
   */
  static CommandLine parse(Options options, String[] args) throws ParseException, UsageException {
    try {
      return new DefaultParser().parse(options, args);
    } catch (UnrecognizedOptionException e) {
      String typed = e.getOption();
      String bare = typed.replaceFirst("^-+", "").replaceFirst("=.*$", "");
      java.util.List<String> known = options.getOptions().stream().map(Option::getLongOpt)
          .filter(java.util.Objects::nonNull).toList();
      String hint = DidYouMean.closest(bare, known).map(k -> " (did you mean --" + k + "?)").orElse("");
      throw new UsageException("unknown flag " + typed + hint);
    }
  }

  /** A --name ARG option. */
  static Option value(String name, String arg, String desc) {
    return Option.builder().longOpt(name).hasArg().argName(arg).desc(desc).build();
  }

  /** A --name switch. */
  static Option flag(String name, String desc) {
    return Option.builder().longOpt(name).desc(desc).build();
  }
}
