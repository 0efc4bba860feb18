package dev.llmcap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Bounds on what a configuration may hold, checked by value before the schema sees it (so no check ever works on a
 * number with a billion-digit exponent), and the one way a value is echoed back in a message: at most
 * {@link #ECHO_LIMIT} characters, then an ellipsis.
 */
public final class InputLimits {
  /** Longest echo of a user's value in a message. */
  public static final int ECHO_LIMIT = 80;
  /** Largest magnitude of any number in a configuration (far above every schema maximum, within a long). */
  public static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1e18");

  private InputLimits() {}

  /** The value as text, cut to {@link #ECHO_LIMIT} characters with an ellipsis. */
  public static String echo(Object value) {
    String s = String.valueOf(value);
    return s.length() <= ECHO_LIMIT ? s : s.substring(0, ECHO_LIMIT) + "…";
  }

  /**
   * Numbers of the document beyond the bounds, one problem each (path, bound, value); tiny decimals with a huge scale
   * that are in bounds are rewritten to their plain value, so later checks stay cheap.
   */
  public static List<SchemaValidator.Problem> numbers(JsonNode document) {
    List<SchemaValidator.Problem> out = new ArrayList<>();
    walk(document, "", out);
    return out;
  }

  private static void walk(JsonNode node, String path, List<SchemaValidator.Problem> out) {
    if (node instanceof ObjectNode) {
      ObjectNode obj = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      obj.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = obj.get(name);
        String p = path.isEmpty() ? name : path + "." + name;
        if (child.isNumber()) {
          BigDecimal v = child.decimalValue();
          String bad = check(v);
          if (bad != null) {
            out.add(new SchemaValidator.Problem(p, false, p + " " + bad + " (got " + echo(child.asText()) + ")"));
          } else if (Math.abs(v.scale()) > 340) {
            obj.set(name, DecimalNode.valueOf(BigDecimal.valueOf(v.doubleValue())));
          }
        } else {
          walk(child, p, out);
        }
      }
    } else if (node != null && node.isArray()) {
      int i = 0;
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); i++) {
        JsonNode child = it.next();
        String p = path + "." + i;
        if (child.isNumber() && check(child.decimalValue()) != null) {
          out.add(new SchemaValidator.Problem(p, false, p + " " + check(child.decimalValue()) + " (got " + echo(child.asText()) + ")"));
        } else {
          walk(child, p, out);
        }
      }
    }
  }

  /** Why a number is out of bounds, or null. Compares by exponent first so a huge exponent costs nothing. */
  static String check(BigDecimal v) {
    if (v.signum() == 0) {
      return null;
    }
    long magnitude = (long) v.precision() - v.scale(); // number of digits before the point
    if (magnitude > 19 || v.abs().compareTo(MAX_MAGNITUDE) > 0) {
      return "is too large (at most 1e18 in magnitude)";
    }
    if (magnitude < -300) {
      return "is too small (a non-zero value must be at least 1e-300 in magnitude)";
    }
    return null;
  }

  /** Where bytes stop being UTF-8 text ("line 3, column 12: byte 0xFF is not valid UTF-8 text"), or null when they are all text. */
  public static String invalidUtf8(byte[] bytes) {
    java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    if (!d.decode(in, out, true).isError()) {
      return null;
    }
    int at = in.position();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return String.format(java.util.Locale.ROOT, "line %d, column %d: byte 0x%02X is not valid UTF-8 text (a text file in UTF-8 is expected)",
        line, at - lineStart + 1, bytes[at] & 0xff);
  }

  /** True when the parser failed on content after the end of the first JSON value (stray text or a second document). */
  public static boolean afterTheDocument(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.startsWith("Trailing token") || m.contains("trailing token")) {
      return true;
    }
    // text that is no JSON token after the first value ({...}garbage): the parser is back at the root, one value read
    if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser) {
      com.fasterxml.jackson.core.JsonStreamContext c = ((com.fasterxml.jackson.core.JsonParser) e.getProcessor()).getParsingContext();
      return c != null && c.inRoot() && c.getEntryCount() > 1;
    }
    return false;
  }

  /** A parser's complaint in plain words: limits named as limits, no Java class or method names. */
  public static String parseMessage(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      String m = String.valueOf(e.getOriginalMessage());
      if (m.contains("nesting depth")) {
        return "nested deeper than " + Json.MAX_DEPTH + " levels";
      }
      if (m.contains("Number value length") || m.contains("number value length")) {
        return "a number longer than " + Json.MAX_NUMBER_LENGTH + " characters";
      }
      if (m.contains("String value length") || m.contains("Name length")) {
        return "a text value or field name longer than " + Json.MAX_STRING + " characters";
      }
      if (m.contains("Document length") || m.contains("document length")) {
        return "the document is larger than " + Json.MAX_DOCUMENT_BYTES + " bytes";
      }
      return "the document exceeds a parsing limit";
    }
    return clean(e.getOriginalMessage());
  }

  /** A library message on one line, with Java class names and backquoted method names taken out. */
  public static String clean(String raw) {
    if (raw == null) {
      return "unreadable input";
    }
    String m = raw.replaceAll("\\s+", " ").trim()
        .replaceAll("\\b(?:java|javax|org|com|dev)\\.[A-Za-z0-9_.$]+\\.([A-Z][A-Za-z0-9_$]*)", "$1")
        .replaceAll("\\(from `[^`]*`\\)", "")
        .replaceAll("\\s*\\(for [A-Z][A-Za-z]*\\)", "");
    return m;
  }

  /** A throwable in plain words for a user: its message without class names, or what kind of failure it was. */
  public static String describe(Throwable t) {
    if (t instanceof StackOverflowError) {
      return "recursion too deep (stack overflow)";
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory";
    }
    if (t instanceof JsonProcessingException) {
      return parseMessage((JsonProcessingException) t);
    }
    String m = t.getMessage();
    if (t instanceof NullPointerException) {
      return "a value was missing (null)" + (m == null ? "" : ": " + echo(clean(m)));
    }
    if (t instanceof ArithmeticException) {
      return "arithmetic error: " + (m == null ? "" : clean(m));
    }
    if (t instanceof AssertionError) {
      return "assertion failed" + (m == null ? "" : ": " + echo(clean(m)));
    }
    if (m == null || m.isBlank()) {
      return Map.of("ClassCastException", "a value of the wrong type", "IndexOutOfBoundsException", "an index out of range")
          .getOrDefault(t.getClass().getSimpleName(), "unexpected failure (" + t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT) + ")");
    }
    return clean(m);
  }
}
