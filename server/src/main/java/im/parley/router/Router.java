package im.parley.router;

import im.parley.xmpp.Stanza;

/** Sends a stanza on its way. The stanza's 'from' must already be stamped by its origin. */
public interface Router {
    void route(Stanza stanza);
}
