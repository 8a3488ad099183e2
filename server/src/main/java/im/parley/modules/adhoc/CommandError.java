package im.parley.modules.adhoc;

import im.parley.xml.Element;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;

/** The command-specific error conditions of XEP-0050 §6.4, each with the general condition it goes with. */
enum CommandError {
    MALFORMED_ACTION("malformed-action", StanzaError.BAD_REQUEST),
    BAD_ACTION("bad-action", StanzaError.BAD_REQUEST),
    BAD_PAYLOAD("bad-payload", StanzaError.BAD_REQUEST),
    BAD_SESSIONID("bad-sessionid", StanzaError.BAD_REQUEST),
    SESSION_EXPIRED("session-expired", StanzaError.NOT_ALLOWED);

    private final String elementName;
    private final StanzaError general;

    CommandError(String elementName, StanzaError general) {
        this.elementName = elementName;
        this.general = general;
    }

    /** The error answer to a command request: the general condition, the text, then the specific condition. */
    Stanza answer(Stanza request, String text) {
        Element iq = request.error(general, text).element();
        Element error = iq.elements().getFirst();
        Element withSpecific = error.toBuilder().child(Element.of(elementName, AdHocModule.NAMESPACE)).build();
        Element.Builder answer = Element.builder(iq.name(), iq.namespace());
        for (int i = 0; i < iq.attributeCount(); i++) {
            answer.attribute(iq.attributeName(i), iq.attributeValue(i));
        }
        return Stanza.of(answer.child(withSpecific).build());
    }
}
