package im.parley.modules.muc;

import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm.Option;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a room's owner configures (XEP-0045 §10.2, form type {@code muc#roomconfig}), every field
 * enforced by the room. Defaults are the XEP's: a public, temporary, open, unmoderated,
 * semi-anonymous room where only moderators change the subject (§8.1). The admin and owner lists
 * of the form are the room's affiliations, which the room keeps itself.
 *
 * @param secret the password an entrant must give, or null when the room is not password-protected
 * @param maxUsers the most occupants this room takes, 0 for the service's limit alone
 * @param whoisAnyone whether every occupant sees real JIDs (a non-anonymous room) rather than moderators only
 * @param allowPm the lowest role that may send private messages: "anyone", "participants", "moderators" or "none"
 * @param historyLength the most history messages sent on entering (muc#maxhistoryfetch)
 * @param presenceBroadcast the roles whose presence the others see
 * @param logging whether the room keeps an archive of its messages (muc#roomconfig_enablelogging), read
 *     through MAM at the room's JID (XEP-0313)
 */
record RoomConfig(String name, String description, boolean persistent, boolean publicRoom, boolean membersOnly,
        boolean moderated, RoomSecret secret, int maxUsers, boolean whoisAnyone, boolean changeSubject,
        boolean allowInvites, String allowPm, int historyLength, Set<Role> presenceBroadcast, boolean logging) {
    static final String FORM_TYPE = "http://jabber.org/protocol/muc#roomconfig";
    static final String ADMINS = "muc#roomconfig_roomadmins";
    static final String OWNERS = "muc#roomconfig_roomowners";
    static final String LOGGING = "muc#roomconfig_enablelogging";
    static final String SECRET = "muc#roomconfig_roomsecret";
    private static final List<String> PM = List.of("anyone", "participants", "moderators", "none");
    private static final List<String> MAX_USERS = List.of("10", "20", "30", "50", "100", "none");

    RoomConfig {
        presenceBroadcast = Set.copyOf(presenceBroadcast);
    }

    static RoomConfig defaults(int historyLength) {
        return new RoomConfig("", "", false, true, false, false, null, 0, false, false, false, "anyone", historyLength,
                EnumSet.of(Role.MODERATOR, Role.PARTICIPANT, Role.VISITOR), false);
    }

    /** The form an owner fills in (§10.2), with the room's current values and its admin and owner lists. */
    DataForm form(List<String> admins, List<String> owners) {
        List<Field> fields = new ArrayList<>(List.of(
                Field.formType(FORM_TYPE),
                Field.of("muc#roomconfig_roomname", "text-single", "Name", name),
                Field.of("muc#roomconfig_roomdesc", "text-single", "Description", description),
                Field.of("muc#roomconfig_persistentroom", "boolean", "Keep the room when it is empty", bool(persistent)),
                Field.of("muc#roomconfig_publicroom", "boolean", "List the room in the directory", bool(publicRoom)),
                Field.of("muc#roomconfig_membersonly", "boolean", "Only members may enter", bool(membersOnly)),
                Field.of("muc#roomconfig_moderatedroom", "boolean", "Only occupants with voice may talk", bool(moderated)),
                Field.of("muc#roomconfig_passwordprotectedroom", "boolean", "A password is needed to enter",
                        bool(secret != null)),
                // Empty when only the hash is known: submitted empty, the password stays as it is.
                Field.of(SECRET, "text-private", "Password", secret == null || secret.clear() == null ? "" : secret.clear()),
                list("muc#roomconfig_maxusers", "Most occupants", maxUsers == 0 ? "none" : Integer.toString(maxUsers),
                        MAX_USERS),
                list("muc#roomconfig_whois", "Who may see real JIDs", whoisAnyone ? "anyone" : "moderators",
                        List.of("moderators", "anyone")),
                Field.of("muc#roomconfig_changesubject", "boolean", "Occupants may change the subject", bool(changeSubject)),
                Field.of("muc#roomconfig_allowinvites", "boolean", "Occupants may invite others", bool(allowInvites)),
                list("muc#roomconfig_allowpm", "Who may send private messages", allowPm, PM),
                Field.of(LOGGING, "boolean", "Keep an archive of the discussion", bool(logging)),
                Field.of("muc#maxhistoryfetch", "text-single", "Most history messages sent on entering",
                        Integer.toString(historyLength)),
                new Field("muc#roomconfig_presencebroadcast", "list-multi", "Roles whose presence is broadcast", null,
                        false, Role.names(presenceBroadcast), Role.BROADCAST.stream().map(r -> new Option(r.value(), r.value()))
                                .toList()),
                new Field(ADMINS, "jid-multi", "Admins", null, false, admins, List.of()),
                new Field(OWNERS, "jid-multi", "Owners", null, false, owners, List.of())));
        return DataForm.of(DataForm.Type.FORM, "Room configuration", fields);
    }

    /**
     * The configuration a submitted form asks for: fields it leaves out keep their value (an
     * empty submit accepts them all, §10.1.2); throws {@link IllegalArgumentException} for a value
     * the field does not take.
     *
     * @param mostHistory the service's history length, the most a room may send
     */
    RoomConfig apply(DataForm submitted, int mostHistory) {
        boolean passwordProtected = flag(submitted, "muc#roomconfig_passwordprotectedroom", secret != null);
        String newSecret = submitted.value(SECRET);
        return new RoomConfig(
                text(submitted, "muc#roomconfig_roomname", name),
                text(submitted, "muc#roomconfig_roomdesc", description),
                flag(submitted, "muc#roomconfig_persistentroom", persistent),
                flag(submitted, "muc#roomconfig_publicroom", publicRoom),
                flag(submitted, "muc#roomconfig_membersonly", membersOnly),
                flag(submitted, "muc#roomconfig_moderatedroom", moderated),
                !passwordProtected ? null
                        : (newSecret == null || newSecret.isEmpty()) && secret != null ? secret
                        : RoomSecret.of(newSecret == null ? "" : newSecret),
                maxUsers(submitted.value("muc#roomconfig_maxusers")),
                choice(submitted, "muc#roomconfig_whois", whoisAnyone ? "anyone" : "moderators",
                        List.of("moderators", "anyone")).equals("anyone"),
                flag(submitted, "muc#roomconfig_changesubject", changeSubject),
                flag(submitted, "muc#roomconfig_allowinvites", allowInvites),
                choice(submitted, "muc#roomconfig_allowpm", allowPm, PM),
                number(submitted, "muc#maxhistoryfetch", historyLength, mostHistory),
                broadcast(submitted),
                flag(submitted, LOGGING, logging));
    }

    /** This configuration with the password (null: none), as restored from its stored hash. */
    RoomConfig withSecret(RoomSecret password) {
        return new RoomConfig(name, description, persistent, publicRoom, membersOnly, moderated, password, maxUsers,
                whoisAnyone, changeSubject, allowInvites, allowPm, historyLength, presenceBroadcast, logging);
    }

    /** Whether an occupant of this role may send private messages (muc#roomconfig_allowpm). */
    boolean mayMessagePrivately(Role role) {
        return switch (allowPm) {
            case "anyone" -> true;
            case "participants" -> role == Role.PARTICIPANT || role == Role.MODERATOR;
            case "moderators" -> role == Role.MODERATOR;
            default -> false;
        };
    }

    /** The features of the room's disco#info that describe this configuration (§6.4, XEP-0045 §15.2). */
    List<String> features() {
        return List.of(publicRoom ? "muc_public" : "muc_hidden", persistent ? "muc_persistent" : "muc_temporary",
                membersOnly ? "muc_membersonly" : "muc_open", moderated ? "muc_moderated" : "muc_unmoderated",
                whoisAnyone ? "muc_nonanonymous" : "muc_semianonymous",
                secret != null ? "muc_passwordprotected" : "muc_unsecured");
    }

    private int maxUsers(String value) {
        if (value == null) {
            return maxUsers;
        }
        return value.equals("none") ? 0 : number("muc#roomconfig_maxusers", value, Integer.MAX_VALUE);
    }

    private Set<Role> broadcast(DataForm form) {
        if (form.field("muc#roomconfig_presencebroadcast") == null) {
            return presenceBroadcast;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : form.values("muc#roomconfig_presencebroadcast")) {
            Role role = Role.parse(value);
            if (role == null || !Role.BROADCAST.contains(role)) {
                throw new IllegalArgumentException("muc#roomconfig_presencebroadcast takes roles, not " + value);
            }
            roles.add(role);
        }
        return roles;
    }

    private static Field list(String var, String label, String value, List<String> options) {
        return new Field(var, "list-single", label, null, false, List.of(value),
                options.stream().map(o -> new Option(o, o)).toList());
    }

    private static String choice(DataForm form, String var, String current, List<String> allowed) {
        String value = form.value(var);
        if (value == null) {
            return current;
        }
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(var + " takes one of " + allowed + ", not " + value);
        }
        return value;
    }

    private static int number(DataForm form, String var, int current, int most) {
        String value = form.value(var);
        return value == null ? current : number(var, value, most);
    }

    private static int number(String var, String value, int most) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0 || n > most) {
                throw new IllegalArgumentException(var + " takes 0 to " + most + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(var + " is a number, not " + value);
        }
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
