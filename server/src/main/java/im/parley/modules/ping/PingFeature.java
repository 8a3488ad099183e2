package im.parley.modules.ping;

import im.parley.module.Declared;

/** XMPP Ping (XEP-0199). Section {@code ping:}. */
public final class PingFeature extends Declared<Void> {
    public PingFeature() {
        super("ping", services -> new PingModule());
    }
}
