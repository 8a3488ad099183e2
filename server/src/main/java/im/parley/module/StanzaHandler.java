package im.parley.module;

import im.parley.xmpp.Stanza;

/**
 * Takes every stanza addressed to a service domain a module serves ({@code conference.<host>})
 * or to an address at it, on the thread that routes it. The module answers IQ requests itself
 * (disco#info of the service included) and owns the errors for what it cannot take.
 */
@FunctionalInterface
public interface StanzaHandler {
    void handle(Stanza stanza, Origin origin);
}
