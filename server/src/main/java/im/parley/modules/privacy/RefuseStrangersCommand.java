package im.parley.modules.privacy;

import im.parley.modules.adhoc.AdHocCommand;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.Jid;
import java.util.List;

/**
 * The ad-hoc command (XEP-0050) with which a user turns "refuse messages from people not in my
 * roster" on or off for their own account. No XEP defines this setting; an ad-hoc command is
 * the standard way to offer a server setting that any client with XEP-0050 support can change.
 */
final class RefuseStrangersCommand implements AdHocCommand {
    static final String NODE = "urn:parley:privacy:refuse-strangers";
    static final String FIELD = "refuse-strangers";

    private final StrangerSettings settings;
    private final String domain;

    RefuseStrangersCommand(StrangerSettings settings, String domain) {
        this.settings = settings;
        this.domain = domain;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "Refuse messages from people not in my roster";
    }

    /** Any user of this server, for their own account. */
    @Override
    public boolean allowed(Jid requester) {
        return requester.local() != null && requester.domain().equals(domain);
    }

    @Override
    public Step execute(Jid requester, DataForm submitted, int stage) {
        String user = requester.local();
        if (submitted == null) {
            return new Step.Form(form(settings.refusesStrangers(user)));
        }
        Boolean refuse = parseBoolean(submitted.value(FIELD));
        if (refuse == null) {
            return new Step.Invalid(FIELD + " must be true or false");
        }
        settings.setRefuseStrangers(user, refuse);
        return new Step.Completed(null, refuse
                ? "Messages from people not in your roster are now refused"
                : "Messages from people not in your roster are now accepted");
    }

    private static DataForm form(boolean current) {
        return DataForm.of(DataForm.Type.FORM, name(current), List.of(
                Field.formType(NODE),
                Field.of(FIELD, "boolean", "Refuse messages from people not in my roster",
                        current ? "1" : "0").asRequired()));
    }

    private static String name(boolean current) {
        return current ? "Strangers' messages are refused" : "Strangers' messages are accepted";
    }

    /** XEP-0004 §3.3: a boolean is "0"/"false" or "1"/"true"; anything else is null. */
    private static Boolean parseBoolean(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> null;
        };
    }
}
