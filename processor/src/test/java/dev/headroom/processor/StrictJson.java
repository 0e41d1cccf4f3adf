package dev.headroom.processor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259) for tests: objects, arrays, strings, numbers, {@code true},
 * {@code false} and {@code null}, nothing else. It rejects what lenient parsers let through:
 * raw control characters in strings, bad escapes, lone surrogates, leading zeros, {@code NaN},
 * trailing commas, duplicate keys and anything after the value.
 */
final class StrictJson {
  private final String text;
  private int at;

  private StrictJson(String text) {
    this.text = text;
  }

  /**
   * Returns the value {@code text} holds: a {@code Map} (keys in order), {@code List}, {@code
   * String}, {@code BigDecimal}, {@code Boolean} or {@code null}; throws {@link
   * IllegalArgumentException} with the offset when it is not strict JSON.
   */
  static Object parse(String text) {
    StrictJson parser = new StrictJson(text);
    parser.space();
    Object value = parser.value();
    parser.space();
    if (parser.at != text.length()) {
      throw parser.error("text after the value");
    }
    return value;
  }

  private Object value() {
    if (at >= text.length()) {
      throw error("a value expected");
    }
    char c = text.charAt(at);
    if (c == '{') {
      return object();
    }
    if (c == '[') {
      return array();
    }
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    for (String literal : List.of("true", "false", "null")) {
      if (text.startsWith(literal, at)) {
        at += literal.length();
        return literal.equals("null") ? null : Boolean.valueOf(literal);
      }
    }
    throw error("a value expected");
  }

  private Map<String, Object> object() {
    Map<String, Object> members = new LinkedHashMap<>();
    at++;
    space();
    if (peek('}')) {
      at++;
      return members;
    }
    while (true) {
      space();
      if (!peek('"')) {
        throw error("a key expected");
      }
      String key = string();
      if (members.containsKey(key)) {
        throw error("duplicate key " + key);
      }
      space();
      expect(':');
      space();
      members.put(key, value());
      space();
      if (peek(',')) {
        at++;
      } else {
        expect('}');
        return members;
      }
    }
  }

  private List<Object> array() {
    List<Object> items = new ArrayList<>();
    at++;
    space();
    if (peek(']')) {
      at++;
      return items;
    }
    while (true) {
      space();
      items.add(value());
      space();
      if (peek(',')) {
        at++;
      } else {
        expect(']');
        return items;
      }
    }
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    at++;
    while (true) {
      if (at >= text.length()) {
        throw error("an unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        break;
      }
      if (c < 0x20) {
        throw error("a raw control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = at < text.length() ? text.charAt(at++) : '?';
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
            throw error("a bad \\u escape");
          }
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("a bad escape \\" + escape);
      }
    }
    String value = out.toString();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1));
      if (paired) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw error("a lone surrogate in a string");
      }
    }
    return value;
  }

  private BigDecimal number() {
    int start = at;
    if (peek('-')) {
      at++;
    }
    if (peek('0')) {
      at++;
    } else {
      digits();
    }
    if (peek('.')) {
      at++;
      digits();
    }
    if (peek('e') || peek('E')) {
      at++;
      if (peek('+') || peek('-')) {
        at++;
      }
      digits();
    }
    return new BigDecimal(text.substring(start, at));
  }

  private void digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    if (at == start) {
      throw error("a digit expected");
    }
  }

  private void space() {
    while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "' expected");
    }
    at++;
  }

  private IllegalArgumentException error(String what) {
    int from = Math.max(0, at - 40);
    int to = Math.min(text.length(), at + 40);
    return new IllegalArgumentException(
        "not strict JSON at " + at + ": " + what + " in ..." + text.substring(from, to) + "...");
  }
}
