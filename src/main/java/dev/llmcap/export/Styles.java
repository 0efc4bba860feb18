package dev.llmcap.export;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/** The report's text styles, rendered by JLine (only when colour is allowed; plain text otherwise). */
public final class Styles {
  /** Headings. */
  public static final AttributedStyle BOLD = AttributedStyle.BOLD;
  /** A plan that meets its targets. */
  public static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  /** Warnings. */
  public static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
  /** Failures. */
  public static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

  private Styles() {}

  /** The text in the style as ANSI sequences when colour is on, else unchanged. */
  public static String paint(boolean colour, AttributedStyle style, String text) {
    return colour ? new AttributedString(text, style).toAnsi() : text;
  }
}
