package dev.llmcap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.commons.cli.Option;

/**
 * llmcap completion bash|zsh: a completion script generated from the commands' option definitions (commands, each
 * command's flags, file names after flags that take a FILE or DIR).
 */
final class CompletionCommand {
  private final Io io;

  CompletionCommand(Io io) {
    this.io = io;
  }

  int run(String[] args) {
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      Help.print(io.out(), "llmcap completion bash|zsh",
          "Prints a shell completion script for llmcap's commands and flags (file names after flags that take a file or folder).",
          Commands.helpOnly(), "Examples:\n"
              + "  source <(llmcap completion bash)                                  (this shell)\n"
              + "  llmcap completion bash > ~/.local/share/bash-completion/completions/llmcap\n"
              + "  llmcap completion zsh > \"${fpath[1]}/_llmcap\"                     (zsh, then restart it)");
      return Main.OK;
    }
    if (args.length != 1 || !List.of("bash", "zsh").contains(args[0])) {
      return CommonFlags.usageError(io.err(), "completion", new UsageException("give the shell: bash or zsh"));
    }
    String script = bash();
    io.out().print("zsh".equals(args[0])
        ? "#compdef llmcap\n# llmcap completion for zsh (through zsh's bash-completion emulation)\n"
            + "autoload -U +X bashcompinit && bashcompinit\n" + script
        : script);
    io.out().flush();
    return Main.OK;
  }

  /** The bash completion script. */
  static String bash() {
    StringBuilder sb = new StringBuilder();
    List<String> names = Commands.all().stream().map(CommandSpec::name).toList();
    TreeSet<String> fileFlags = new TreeSet<>();
    sb.append("# llmcap completion for bash, generated from the option definitions (llmcap completion bash)\n");
    sb.append("_llmcap() {\n");
    sb.append("  local cur prev cmd w i\n");
    sb.append("  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n");
    sb.append("  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
    sb.append("  cmd=\"\"\n");
    sb.append("  for ((i = 1; i < COMP_CWORD; i++)); do\n");
    sb.append("    w=\"${COMP_WORDS[i]}\"\n");
    sb.append("    case \" ").append(String.join(" ", names)).append(" \" in *\" $w \"*) cmd=\"$w\"; break ;; esac\n");
    sb.append("  done\n");
    sb.append("  local opts\n");
    sb.append("  case \"$cmd\" in\n");
    for (CommandSpec c : Commands.all()) {
      List<String> flags = new ArrayList<>();
      for (Option o : c.options().get().getOptions()) {
        if (o.getLongOpt() != null) {
          flags.add("--" + o.getLongOpt());
          String arg = o.getArgName() == null ? "" : o.getArgName().toUpperCase(Locale.ROOT);
          if (o.hasArg() && (arg.contains("FILE") || arg.contains("DIR"))) {
            fileFlags.add("--" + o.getLongOpt());
          }
        }
      }
      String pattern = "plan".equals(c.name()) ? "plan|\"\"" : c.name();
      sb.append("    ").append(pattern).append(") opts=\"").append(String.join(" ", flags)).append("\" ;;\n");
    }
    sb.append("  esac\n");
    sb.append("  case \"$cmd\" in\n");
    sb.append("    help) COMPREPLY=($(compgen -W \"").append(String.join(" ", names)).append("\" -- \"$cur\")); return 0 ;;\n");
    sb.append("    completion) COMPREPLY=($(compgen -W \"bash zsh\" -- \"$cur\")); return 0 ;;\n");
    sb.append("  esac\n");
    sb.append("  case \"$prev\" in\n");
    sb.append("    ").append(String.join("|", fileFlags)).append(") COMPREPLY=($(compgen -f -- \"$cur\")); return 0 ;;\n");
    sb.append("  esac\n");
    sb.append("  if [[ \"$cur\" == -* ]]; then\n");
    sb.append("    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n");
    sb.append("  elif [[ -z \"$cmd\" ]]; then\n");
    sb.append("    COMPREPLY=($(compgen -W \"").append(String.join(" ", names)).append("\" -- \"$cur\") $(compgen -f -- \"$cur\"))\n");
    sb.append("  else\n");
    sb.append("    COMPREPLY=($(compgen -f -- \"$cur\"))\n");
    sb.append("  fi\n");
    sb.append("  return 0\n");
    sb.append("}\n");
    sb.append("complete -o filenames -F _llmcap llmcap\n");
    return sb.toString();
  }
}
