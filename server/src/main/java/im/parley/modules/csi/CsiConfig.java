package im.parley.modules.csi;

import im.parley.config.ConfigSection;

/**
 * Client state indication, XEP-0352 ({@code csi:} section). The XEP asks servers to let
 * administrators configure what they hold back (§4).
 *
 * @param holdPresence hold presence updates while a client is inactive (the newest per sender is sent)
 * @param holdChatStates hold standalone chat states (XEP-0085) while a client is inactive (the newest per conversation is sent)
 * @param maxHeldStanzas stanzas held for one session at most: one more sends them all, so that an
 *     inactive client with many busy contacts costs bounded memory
 */
public record CsiConfig(boolean holdPresence, boolean holdChatStates, int maxHeldStanzas) {
    public static CsiConfig read(ConfigSection s) {
        return new CsiConfig(s.bool("hold-presence", true), s.bool("hold-chat-states", true),
                s.integer("max-held-stanzas", 256, 1, 100_000));
    }
}
