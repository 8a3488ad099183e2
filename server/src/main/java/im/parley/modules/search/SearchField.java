package im.parley.modules.search;

/**
 * What the directory can be searched by, each a vCard value (XEP-0054) kept in a column of the
 * {@code vcard} table. The first four are XEP-0055's fields, usable in both the legacy query and
 * the data form; the full name exists only in the form, since §4 forbids new legacy fields.
 */
enum SearchField {
    FIRST("first", "Given Name", "given", true),
    LAST("last", "Family Name", "family", true),
    NICK("nick", "Nickname", "nickname", true),
    EMAIL("email", "Email Address", "email", true),
    /** Not registered for the FORM_TYPE, hence the "x-" prefix of XEP-0068 §4. */
    FULL_NAME("x-fn", "Full Name", "fn", false);

    private final String var;
    private final String label;
    private final String column;
    private final boolean legacy;

    SearchField(String var, String label, String column, boolean legacy) {
        this.var = var;
        this.label = label;
        this.column = column;
        this.legacy = legacy;
    }

    /** The legacy element name and the data form field var. */
    String var() {
        return var;
    }

    String label() {
        return label;
    }

    String column() {
        return column;
    }

    boolean legacy() {
        return legacy;
    }
}
