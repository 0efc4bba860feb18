package dev.llmcap.engine;

/**
 * The outline of one DRL file without the DRL parser: where its top-level rules are, and its text with the rules blanked
 * out (the package statement, imports, globals and functions kept on their lines). A lexical scan: comments, strings
 * and brackets are skipped, a rule runs from the keyword {@code rule} to the keyword {@code end} at the same bracket
 * depth. Used to compile one changed file against the declarations of the others; any misreading shows up as a
 * compile error or a rule count that differs from the compiler's, and the caller then compiles the whole package.
 */
final class DrlOutline {
  private final String header;
  private final String declarations;
  private final String withoutFunctions;
  private final String tokens;
  private final int rules;

  private DrlOutline(String header, String declarations, String withoutFunctions, String tokens, int rules) {
    this.header = header;
    this.declarations = declarations;
    this.withoutFunctions = withoutFunctions;
    this.tokens = tokens;
    this.rules = rules;
  }

  /**
   * The text without its comments (a line comment removed up to its newline, a block comment replaced by one blank and
   * its newlines) and without trailing blanks at the end of the file: every other character, and so every token's line,
   * is kept. Two versions of a file with the same tokens text differ only in comments (and blanks after the last token),
   * so they compile to the same rules. Null when the scan cannot be sure where comments are (a text block, a {@code #}
   * outside strings, a string or character literal running to the end of its line, a unicode escape in a comment, an
   * unterminated comment, string, rule or bracket): such a file counts as changed whenever its text changes.
   */
  String tokens() { return tokens; }

  /** The text with every function replaced by blanks: its rules, imports and globals, for a package that has the functions. */
  String withoutFunctions() { return withoutFunctions; }

  /** The text with every rule replaced by blanks (newlines kept, so lines are unchanged). */
  String header() { return header; }

  /**
   * The header without comments and trailing blanks: what the file declares for its package. Two versions of a file
   * that differ only inside rules, in comments or in trailing blank lines have the same declarations.
   */
  String declarations() { return declarations; }

  /** The number of top-level rules (and queries). */
  int rules() { return rules; }

  /** Scans one DRL file. */
  static DrlOutline of(String drl) {
    int n = drl.length();
    char[] header = drl.toCharArray();
    char[] decl = drl.toCharArray();
    char[] noFunctions = drl.toCharArray();
    int depth = 0;
    int ruleStart = -1;
    int functionStart = -1;
    int rules = 0;
    boolean[] comment = new boolean[n];
    boolean sure = !drl.contains("\"\"\"");
    int i = 0;
    while (i < n) {
      char c = drl.charAt(i);
      if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '/') {
        int end = drl.indexOf('\n', i);
        end = end < 0 ? n : end;
        blank(decl, i, end);
        sure &= markComment(drl, comment, i, end, false);
        i = end;
      } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '*') {
        int end = drl.indexOf("*/", i + 2);
        sure &= end >= 0;
        end = end < 0 ? n : end + 2;
        blank(decl, i, end);
        sure &= markComment(drl, comment, i, end, true);
        i = end;
      } else if (c == '"' || c == '\'') {
        // a literal must close on its own line: one that runs on may be read differently by the DRL or Java lexer
        sure &= closesOnItsLine(drl, i, c);
        i = endOfQuoted(drl, i, c);
      } else if (c == '#') {
        sure = false; // DRL's old line comment: not scanned as one here
        i++;
      } else if (c == '{' || c == '(' || c == '[') {
        depth++;
        i++;
      } else if (c == '}' || c == ')' || c == ']') {
        depth--;
        i++;
        if (c == '}' && depth == 0 && functionStart >= 0) {
          blank(noFunctions, functionStart, i);
          functionStart = -1;
        }
      } else if (Character.isJavaIdentifierStart(c)) {
        int end = i + 1;
        while (end < n && Character.isJavaIdentifierPart(drl.charAt(end))) {
          end++;
        }
        boolean word = depth == 0 && (i == 0 || drl.charAt(i - 1) != '.') && (end >= n || drl.charAt(end) != '.');
        String ident = drl.substring(i, end);
        if (word && ruleStart < 0 && (ident.equals("rule") || ident.equals("query"))) {
          ruleStart = i;
        } else if (word && ruleStart < 0 && functionStart < 0 && ident.equals("function")
            && !drl.substring(0, i).stripTrailing().endsWith("import")) {
          functionStart = i;
        } else if (word && ruleStart >= 0 && ident.equals("end")) {
          blank(header, ruleStart, end);
          blank(decl, ruleStart, end);
          rules++;
          ruleStart = -1;
        }
        i = end;
      } else {
        i++;
      }
    }
    if (ruleStart >= 0) { // an unterminated rule: keep it, so the compiler reports it
      rules++;
    }
    sure &= ruleStart < 0 && depth == 0 && functionStart < 0;
    return new DrlOutline(new String(header), trimmed(new String(decl)), new String(noFunctions),
        sure ? withoutComments(drl, comment) : null, rules);
  }

  /**
   * Marks a comment's characters, keeping its line breaks and, for a block comment, one blank in its place (so the tokens
   * either side stay apart); false when it holds a unicode escape (Java reads {@code \u000a} as a newline even there).
   */
  private static boolean markComment(String drl, boolean[] comment, int from, int to, boolean block) {
    for (int i = from; i < to; i++) {
      char c = drl.charAt(i);
      comment[i] = c != '\n' && c != '\r' && !(block && i == from); // line breaks kept: Java counts a lone \r too
    }
    return drl.substring(from, to).indexOf("\\u") < 0;
  }

  private static String withoutComments(String drl, boolean[] comment) {
    StringBuilder out = new StringBuilder(drl.length());
    for (int i = 0; i < drl.length(); i++) {
      if (!comment[i]) {
        out.append(isBlockStart(drl, comment, i) ? ' ' : drl.charAt(i));
      }
    }
    int end = out.length();
    while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
      end--;
    }
    return out.substring(0, end);
  }

  /** The first character of a block comment (kept as a blank). */
  private static boolean isBlockStart(String drl, boolean[] comment, int i) {
    return drl.charAt(i) == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '*' && comment[i + 1];
  }

  /** Whether the string or character literal starting at start ends before the end of its line. */
  private static boolean closesOnItsLine(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        return false;
      } else if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return true;
      } else {
        i++;
      }
    }
    return false;
  }

  private static int endOfQuoted(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else if (c == '\n' && quote == '\'') {
        return i; // an apostrophe in running text, not a literal
      } else {
        i++;
      }
    }
    return s.length();
  }

  private static void blank(char[] text, int from, int to) {
    for (int i = from; i < to && i < text.length; i++) {
      if (text[i] != '\n' && text[i] != '\r') {
        text[i] = ' ';
      }
    }
  }

  /** Lines right-trimmed and trailing blank lines dropped. */
  private static String trimmed(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      out.append(line.stripTrailing()).append('\n');
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '\n') {
      end--;
    }
    return out.substring(0, end);
  }
}
