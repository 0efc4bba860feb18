package dev.llmcap.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.Option;

/** llmcap man: the manual page (roff, section 1) generated from the commands' option definitions. */
public final class ManPage {
  private final Io io;

  /** Writes the page to the file named by the one argument (the build puts it into the distribution's share/man/man1). */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPage FILE");
    }
    Path target = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(target.getParent());
    Files.writeString(target, page(), StandardCharsets.UTF_8);
  }

  ManPage(Io io) {
    this.io = io;
  }

  int run(String[] args) {
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      Help.print(io.out(), "llmcap man", "Prints the manual page (roff) generated from the option definitions.",
          Commands.helpOnly(), "Examples:\n  llmcap man | man -l -\n  llmcap man > ~/.local/share/man/man1/llmcap.1");
      return Main.OK;
    }
    if (args.length > 0) {
      return CommonFlags.usageError(io.err(), "man", new UsageException("unexpected argument '" + args[0] + "'"));
    }
    io.out().print(page());
    io.out().flush();
    return Main.OK;
  }

  /** The whole page. */
  static String page() {
    StringBuilder sb = new StringBuilder();
    sb.append(".TH LLMCAP 1 \"\" \"llmcap ").append(esc(Version.get())).append("\" \"User Commands\"\n");
    sb.append(".SH NAME\nllmcap \\- capacity planner for serving and fine\\-tuning large language models\n");
    sb.append(".SH SYNOPSIS\n");
    for (CommandSpec c : Commands.all()) {
      sb.append(".B ").append(esc(c.usage())).append("\n.br\n");
    }
    sb.append(".SH DESCRIPTION\n").append(esc("llmcap plans GPU memory, GPU count, replicas, autoscaling thresholds, "
        + "storage, network and cost for a workload. Every figure is derived by a Drools rule in rules/ (read at run "
        + "time); --explain prints the audit trace. Logs and messages go to standard error, the result to standard "
        + "output.")).append("\n");
    sb.append(".SH COMMANDS\n");
    for (CommandSpec c : Commands.all()) {
      sb.append(".TP\n.B ").append(esc(c.name())).append("\n").append(esc(c.summary())).append("\n");
    }
    for (CommandSpec c : Commands.all()) {
      var options = c.options().get().getOptions();
      if (options.isEmpty()) {
        continue;
      }
      sb.append(".SH \"").append(esc(c.name().toUpperCase(Locale.ROOT))).append(" OPTIONS\"\n");
      for (Option o : options) {
        sb.append(".TP\n\\fB");
        sb.append(o.getLongOpt() != null ? esc("--" + o.getLongOpt()) : esc("-" + o.getOpt()));
        sb.append("\\fR");
        if (o.hasArg()) {
          sb.append(" \\fI").append(esc(o.getArgName() == null ? "ARG" : o.getArgName())).append("\\fR");
        }
        sb.append("\n").append(esc(o.getDescription() == null ? "" : o.getDescription())).append("\n");
      }
    }
    sb.append(".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nwhen set (to anything), no colour is used; also TERM=dumb and \\-\\-no\\-color.\n");
    sb.append(".TP\n.B LLMCAP_JAVA_OPTS\nJVM options for the launcher, replacing its defaults.\n");
    sb.append(".SH EXIT STATUS\n0 ok; 1 failed (or \\-\\-fail\\-on matched); 2 usage or input error.\n");
    sb.append(".SH SEE ALSO\nThe README of the distribution; llmcap help COMMAND.\n");
    return sb.toString();
  }

  /** Escapes text for roff: backslashes, hyphens (as \-), and a leading dot or quote. */
  static String esc(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
  }
}
