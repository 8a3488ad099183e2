package im.parley.modules.admin;

import im.parley.modules.adhoc.AdHocCommand;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.List;

/**
 * A XEP-0133 command: only admins may run it, and its node is the admin namespace plus '#' and
 * the use case's name, e.g. {@code http://jabber.org/protocol/admin#add-user}.
 */
abstract class AdminCommand implements AdHocCommand {
    /** The namespace of XEP-0133, also the FORM_TYPE of its forms. */
    static final String FORM_TYPE = "http://jabber.org/protocol/admin";

    private final String useCase;
    private final String name;
    private final Admins admins;

    AdminCommand(String useCase, String name, Admins admins) {
        this.useCase = useCase;
        this.name = name;
        this.admins = admins;
    }

    @Override
    public final String node() {
        return FORM_TYPE + "#" + useCase;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean allowed(Jid requester) {
        return admins.contains(requester);
    }

    /** A form of this command's FORM_TYPE with the given fields after it. */
    static DataForm form(DataForm.Type type, String title, List<Field> fields) {
        List<Field> all = new ArrayList<>();
        all.add(Field.formType(FORM_TYPE));
        all.addAll(fields);
        return DataForm.of(type, title, all);
    }
}
