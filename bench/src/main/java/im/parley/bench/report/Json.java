package im.parley.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON value built in code and printed in key order: all the results need is objects, arrays,
 * strings and numbers, not a JSON library.
 */
public final class Json {
    private final Map<String, Object> fields;
    private final List<Object> items;

    private Json(Map<String, Object> fields, List<Object> items) {
        this.fields = fields;
        this.items = items;
    }

    public static Json object() {
        return new Json(new LinkedHashMap<>(), null);
    }

    public static Json array() {
        return new Json(null, new ArrayList<>());
    }

    /** Sets a field of an object; value is a String, Number, Boolean, Json or null. */
    public Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Appends to an array. */
    public Json add(Object value) {
        items.add(value);
        return this;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(this, out, "");
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        switch (value) {
            case null -> out.append("null");
            case Json json when json.fields != null -> writeObject(json.fields, out, indent);
            case Json json -> writeArray(json.items, out, indent);
            case Double d -> out.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.4f", d)
                    .replaceAll("0+$", "").replaceAll("\\.$", "") : "null");
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            default -> string(value.toString(), out);
        }
    }

    private static void writeObject(Map<String, Object> map, StringBuilder out, String indent) {
        String inner = indent + "  ";
        out.append('{');
        String separator = "\n";
        for (Map.Entry<String, Object> e : map.entrySet()) {
            out.append(separator).append(inner);
            string(e.getKey(), out);
            out.append(": ");
            write(e.getValue(), out, inner);
            separator = ",\n";
        }
        out.append(map.isEmpty() ? "}" : "\n" + indent + "}");
    }

    private static void writeArray(List<Object> list, StringBuilder out, String indent) {
        String inner = indent + "  ";
        out.append('[');
        String separator = "\n";
        for (Object item : list) {
            out.append(separator).append(inner);
            write(item, out, inner);
            separator = ",\n";
        }
        out.append(list.isEmpty() ? "]" : "\n" + indent + "]");
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
