package im.parley.modules.admin;

import im.parley.module.StanzaSender;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.util.List;

/**
 * XEP-0133 §4.23 Send Announcement to Online Users: one message from the admin's host to every
 * session of that host (an admin administers its own host only). It is a headline (RFC 6121 §5.2.2): shown at once, never stored offline, so a user
 * who logs in later does not get a stale announcement.
 */
final class AnnounceCommand extends FormCommand {
    private final LocalSessions sessions;
    private final StanzaSender router;

    AnnounceCommand(Admins admins, LocalSessions sessions, StanzaSender router) {
        super("announce", "Send Announcement to Online Users", admins, "Making an Announcement",
                "Fill out this form to make an announcement to all active users of this service.");
        this.sessions = sessions;
        this.router = router;
    }

    @Override
    List<Field> fields() {
        return List.of(Field.of("announcement", "text-multi", "Announcement").asRequired());
    }

    /** The lines of the text-multi field become the lines of the body (XEP-0004 §3.3). */
    @Override
    String perform(String host, DataForm submitted) throws InvalidInput {
        String text = String.join("\n", submitted.values("announcement"));
        if (text.isBlank()) {
            throw new InvalidInput("The announcement is empty");
        }
        List<Session> online = sessions.all().stream().filter(session -> session.jid().domain().equals(host)).toList();
        for (Session session : online) {
            router.route(headline(session.jid(), text));
        }
        return "Sent to " + online.size() + " session(s)";
    }

    private Stanza headline(Jid to, String text) {
        return Stanza.of(Element.builder("message", Namespaces.STANZA)
                .attribute("from", to.domain())
                .attribute("to", to.toString())
                .attribute("type", "headline")
                .child(Element.builder("body", Namespaces.STANZA).text(text).build())
                .build());
    }
}
