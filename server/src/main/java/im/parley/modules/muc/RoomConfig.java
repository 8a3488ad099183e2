package im.parley.modules.muc;

import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import java.util.List;

/**
 * What a room's owner configures (XEP-0045 §10.2, form type {@code muc#roomconfig}); this slice
 * offers the fields it enforces. Defaults are the XEP's: a public, temporary, semi-anonymous room
 * where only moderators change the subject (§8.1).
 *
 * @param whoisAnyone whether every occupant sees real JIDs (a non-anonymous room) rather than moderators only
 */
record RoomConfig(String name, String description, boolean publicRoom, boolean changeSubject, boolean whoisAnyone) {
    static final String FORM_TYPE = "http://jabber.org/protocol/muc#roomconfig";
    static final RoomConfig DEFAULT = new RoomConfig("", "", true, false, false);

    DataForm form() {
        return DataForm.of(DataForm.Type.FORM, "Room configuration", List.of(
                Field.formType(FORM_TYPE),
                Field.of("muc#roomconfig_roomname", "text-single", "Name", name),
                Field.of("muc#roomconfig_roomdesc", "text-single", "Description", description),
                Field.of("muc#roomconfig_publicroom", "boolean", "List the room in the directory", bool(publicRoom)),
                Field.of("muc#roomconfig_changesubject", "boolean", "Allow occupants to change the subject",
                        bool(changeSubject)),
                new Field("muc#roomconfig_whois", "list-single", "Who may see real JIDs", null, false,
                        List.of(whoisAnyone ? "anyone" : "moderators"),
                        List.of(new DataForm.Option("Moderators", "moderators"), new DataForm.Option("Anyone", "anyone")))));
    }

    /**
     * The configuration a submitted form asks for: fields it leaves out keep their value (an
     * empty submit accepts them all, §10.1.2); throws {@link IllegalArgumentException} for a value
     * the field does not take.
     */
    RoomConfig apply(DataForm submitted) {
        return new RoomConfig(
                text(submitted, "muc#roomconfig_roomname", name),
                text(submitted, "muc#roomconfig_roomdesc", description),
                flag(submitted, "muc#roomconfig_publicroom", publicRoom),
                flag(submitted, "muc#roomconfig_changesubject", changeSubject),
                whois(submitted.value("muc#roomconfig_whois")));
    }

    private boolean whois(String value) {
        if (value == null) {
            return whoisAnyone;
        }
        return switch (value) {
            case "anyone" -> true;
            case "moderators" -> false;
            default -> throw new IllegalArgumentException("muc#roomconfig_whois takes moderators or anyone, not " + value);
        };
    }

    private static String text(DataForm form, String var, String current) {
        String value = form.value(var);
        return value == null ? current : value;
    }

    private static boolean flag(DataForm form, String var, boolean current) {
        if (form.field(var) == null) {
            return current;
        }
        Boolean value = DataForm.parseBoolean(form.value(var));
        if (value == null) {
            throw new IllegalArgumentException(var + " is a boolean");
        }
        return value;
    }

    private static String bool(boolean value) {
        return value ? "1" : "0";
    }
}
