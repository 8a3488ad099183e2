package im.parley.xmpp;

import im.parley.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A data form (XEP-0004): what ad-hoc commands, search and configuration exchange. Parsed from
 * and written to {@code <x xmlns='jabber:x:data'/>}; immutable.
 */
public record DataForm(Type type, String title, List<String> instructions, List<Field> fields,
        List<Field> reported, List<List<Field>> items) {
    public static final String NAMESPACE = "jabber:x:data";

    /** The form types of XEP-0004 §3.1. */
    public enum Type {
        FORM, SUBMIT, CANCEL, RESULT;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type of(String value) {
            for (Type t : values()) {
                if (t.value().equals(value)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown data form type '" + value + "'");
        }
    }

    /** A field (XEP-0004 §3.2); {@code type} is null when absent (text-single by default). */
    public record Field(String var, String type, String label, String description, boolean required,
            List<String> values, List<Option> options) {
        public Field {
            values = List.copyOf(values);
            options = List.copyOf(options);
        }

        public static Field of(String var, String type, String label, String... values) {
            return new Field(var, type, label, null, false, List.of(values), List.of());
        }

        /** The hidden FORM_TYPE field that names the form's namespace (XEP-0068). */
        public static Field formType(String namespace) {
            return of("FORM_TYPE", "hidden", null, namespace);
        }

        public Field asRequired() {
            return new Field(var, type, label, description, true, values, options);
        }

        public String value() {
            return values.isEmpty() ? null : values.get(0);
        }
    }

    public record Option(String label, String value) {
    }

    public DataForm {
        instructions = List.copyOf(instructions);
        fields = List.copyOf(fields);
        reported = List.copyOf(reported);
        items = items.stream().map(List::copyOf).toList();
    }

    public static DataForm of(Type type, String title, List<Field> fields) {
        return new DataForm(type, title, List.of(), fields, List.of(), List.of());
    }

    /** A result with a table (XEP-0004 §3.4): column definitions and one row of fields per item. */
    public static DataForm table(String title, List<Field> reported, List<List<Field>> items) {
        return new DataForm(Type.RESULT, title, List.of(), List.of(), reported, items);
    }

    public DataForm withInstructions(String... lines) {
        return new DataForm(type, title, List.of(lines), fields, reported, items);
    }

    public Field field(String var) {
        for (Field f : fields) {
            if (var.equals(f.var())) {
                return f;
            }
        }
        return null;
    }

    /** The first value of a field, or null. */
    public String value(String var) {
        Field f = field(var);
        return f == null ? null : f.value();
    }

    public List<String> values(String var) {
        Field f = field(var);
        return f == null ? List.of() : f.values();
    }

    /** The value of the hidden FORM_TYPE field, or null. */
    public String formType() {
        return value("FORM_TYPE");
    }

    /** XEP-0004 §3.3: a boolean is "0"/"false" or "1"/"true"; anything else (or nothing) is null. */
    public static Boolean parseBoolean(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Reads a form; throws {@link IllegalArgumentException} when it is not one. */
    public static DataForm parse(Element x) {
        if (!x.is("x", NAMESPACE)) {
            throw new IllegalArgumentException("not a data form: " + x.name());
        }
        List<String> instructions = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        List<Field> reported = new ArrayList<>();
        List<List<Field>> items = new ArrayList<>();
        for (Element child : x.elements()) {
            switch (child.name()) {
                case "instructions" -> instructions.add(child.text());
                case "field" -> fields.add(parseField(child));
                case "reported" -> child.elements().forEach(f -> reported.add(parseField(f)));
                case "item" -> items.add(child.elements().stream().map(DataForm::parseField).toList());
                default -> {
                    // title is read below; anything else is an extension this parser ignores
                }
            }
        }
        return new DataForm(Type.of(x.attribute("type")), x.childText("title"), instructions, fields, reported, items);
    }

    private static Field parseField(Element f) {
        List<String> values = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        for (Element child : f.elements()) {
            switch (child.name()) {
                case "value" -> values.add(child.text());
                case "option" -> options.add(new Option(child.attribute("label"), child.childText("value")));
                default -> {
                    // desc and required are read below
                }
            }
        }
        return new Field(f.attribute("var"), f.attribute("type"), f.attribute("label"), f.childText("desc"),
                f.child("required", NAMESPACE) != null, values, options);
    }

    public Element toElement() {
        Element.Builder x = Element.builder("x", NAMESPACE).attribute("type", type.value());
        if (title != null) {
            x.textChild("title", title);
        }
        instructions.forEach(line -> x.textChild("instructions", line));
        if (!reported.isEmpty()) {
            x.child(Element.builder("reported", NAMESPACE).children(reported.stream().map(DataForm::fieldElement).toList())
                    .build());
        }
        for (List<Field> item : items) {
            x.child(Element.builder("item", NAMESPACE).children(item.stream().map(DataForm::fieldElement).toList())
                    .build());
        }
        fields.forEach(f -> x.child(fieldElement(f)));
        return x.build();
    }

    private static Element fieldElement(Field f) {
        Element.Builder e = Element.builder("field", NAMESPACE)
                .attribute("var", f.var()).attribute("type", f.type()).attribute("label", f.label());
        if (f.description() != null) {
            e.textChild("desc", f.description());
        }
        if (f.required()) {
            e.child(Element.of("required", NAMESPACE));
        }
        f.values().forEach(v -> e.textChild("value", v));
        for (Option o : f.options()) {
            e.child(Element.builder("option", NAMESPACE).attribute("label", o.label()).textChild("value", o.value())
                    .build());
        }
        return e.build();
    }
}
