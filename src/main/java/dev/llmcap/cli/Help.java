package dev.llmcap.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.apache.commons.cli.Options;
import java.util.List;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TableDefinition;
import org.apache.commons.cli.help.TextHelpAppendable;

/**
 * Prints a command's help: usage line, description, the option table (Commons CLI's help API, options in definition
 * order) and a footer of examples printed verbatim so their indentation is kept.
 */
final class Help {
  /** Width the description and the option table are wrapped to. */
  static final int WIDTH = 110;

  private Help() {}

  static void print(PrintStream out, String usage, String description, Options options, String footer) {
    StringBuilder sb = new StringBuilder();
    sb.append("usage: ").append(usage).append("\n\n");
    try {
      TextHelpAppendable text = new TextHelpAppendable(sb);
      text.setMaxWidth(WIDTH);
      text.setIndent(0);
      text.setLeftPad(0);
      if (description != null && !description.isBlank()) {
        for (String paragraph : description.strip().split("\n\n")) {
          text.printWrapped(paragraph.replace('\n', ' '));
          sb.append("\n\n");
        }
      }
      if (options != null && !options.getOptions().isEmpty()) {
        sb.append("Options:\n");
        // the comparator keeps the definition order (a stable sort with every pair equal)
        HelpFormatter f = HelpFormatter.builder().setShowSince(false).setHelpAppendable(text).setComparator((a, b) -> 0).get();
        TableDefinition table = f.getTableDefinition(f.sort(options));
        f.printOptions(TableDefinition.from("", table.columnTextStyles(), List.of("", ""), table.rows()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String body = sb.toString().replaceAll("(?m)[ \\t]+$", "").replaceAll("\n{3,}", "\n\n")
        .replace("Options:\n\n", "Options:\n").stripTrailing();
    out.print(body + "\n");
    if (footer != null && !footer.isBlank()) {
      out.print("\n" + footer.strip() + "\n");
    }
    out.flush();
  }
}
