package im.parley.modules.admin;

import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StreamError;
import java.util.ArrayList;
import java.util.List;

/**
 * XEP-0133 §4.5 End User Session: a bare JID ends all of the user's sessions, a full JID only
 * that one. The stream is closed with policy-violation (RFC 6120 §4.9.3.14, "violated some local
 * service policy"): the admin's decision is local policy, and unlike conflict, not-authorized or
 * reset it tells the client neither that another login replaced it nor that its credentials or
 * account are gone, so it may log in again later ("kicking" rather than "banning").
 */
final class EndUserSessionCommand extends FormCommand {
    private final LocalSessions sessions;
    private final AccountAddresses addresses;

    EndUserSessionCommand(Admins admins, LocalSessions sessions, AccountAddresses addresses) {
        super("end-user-session", "End User Session", admins, "Ending a User Session",
                "Fill out this form to end a user's session.");
        this.sessions = sessions;
        this.addresses = addresses;
    }

    @Override
    List<Field> fields() {
        return List.of(Field.of("accountjids", "jid-multi", "The Jabber ID(s) for which to end sessions").asRequired());
    }

    @Override
    String perform(String host, DataForm submitted) throws InvalidInput {
        List<Session> ending = new ArrayList<>();
        for (Jid jid : addresses.multiple(submitted, "accountjids", host, true)) {
            ending.addAll(sessionsOf(jid));
        }
        for (Session session : ending) {
            session.close(StreamError.POLICY_VIOLATION, "Session ended by an administrator");
        }
        return "Ended " + ending.size() + " session(s)";
    }

    private List<Session> sessionsOf(Jid jid) {
        if (jid.isBare()) {
            return sessions.sessionsOf(jid);
        }
        Session session = sessions.get(jid);
        return session == null ? List.of() : List.of(session);
    }
}
