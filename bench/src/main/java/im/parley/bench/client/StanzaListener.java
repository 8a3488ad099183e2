package im.parley.bench.client;

import im.parley.xml.Element;

/** Receives the stanzas an online client gets, on that client's event-loop thread. */
@FunctionalInterface
public interface StanzaListener {
    StanzaListener IGNORE = (client, stanza) -> { };

    void stanza(XmppClient client, Element stanza);
}
