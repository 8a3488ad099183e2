package im.parley.modules.mam.export;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON (RFC 8259) an export line needs: strings written in one fixed form, and a strict
 * reader for the flat objects of string (or null) members that export lines are. The written form
 * is part of the hash chain's definition, so it never varies: {@code "} and {@code \} escaped with
 * a backslash, {@code \b \f \n \r \t} as such, the other control characters (U+0000-U+001F) and
 * lone surrogates as {@code \}{@code u} and four lower-case hex digits, everything else (non-ASCII
 * and characters beyond the BMP included) as itself, encoded in UTF-8.
 */
final class JsonText {
    private JsonText() {
    }

    /** Appends {@code value} as a JSON string, quotes included; null as {@code null}. */
    static void appendString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A surrogate that is not half of a pair (it has no UTF-8 form). */
    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    /**
     * Reads a JSON object whose members are all strings or null, in order; throws
     * {@link IllegalArgumentException} saying where and why for anything else (another JSON value
     * than these, a repeated name, text after the object).
     */
    static Map<String, String> readFlatObject(String text) {
        return new Reader(text).object();
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Map<String, String> object() {
            Map<String, String> members = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                at++;
            } else {
                do {
                    String name = string();
                    expect(':');
                    String value = peek() == 'n' ? literalNull() : string();
                    if (members.containsKey(name)) {
                        throw error("member \"" + name + "\" repeated");
                    }
                    members.put(name, value);
                } while (next(',', '}') == ',');
            }
            skipSpace();
            if (at < text.length()) {
                throw error("text after the object");
            }
            return members;
        }

        private String literalNull() {
            if (!text.startsWith("null", at)) {
                throw error("expected a string or null");
            }
            at += 4;
            return null;
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                } else if (c == '\\') {
                    value.append(escape());
                } else if (c < 0x20) {
                    throw error("control character in a string");
                } else {
                    value.append(c);
                }
            }
        }

        private char escape() {
            if (at >= text.length()) {
                throw error("unterminated escape");
            }
            char c = text.charAt(at++);
            return switch (c) {
                case '"', '\\', '/' -> c;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> unicodeEscape();
                default -> throw error("bad escape \\" + c);
            };
        }

        private char unicodeEscape() {
            if (at + 4 > text.length()) {
                throw error("short \\u escape");
            }
            try {
                char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                at += 4;
                return c;
            } catch (NumberFormatException e) {
                throw error("bad \\u escape");
            }
        }

        /** The next non-space character, which must be one of the two, consumed. */
        private char next(char one, char other) {
            char c = peek();
            if (c != one && c != other) {
                throw error("expected '" + one + "' or '" + other + "'");
            }
            at++;
            return c;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private char peek() {
            skipSpace();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        private void skipSpace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private IllegalArgumentException error(String why) {
            return new IllegalArgumentException(why + " at column " + (at + 1));
        }
    }
}
