package im.parley.auth;

/**
 * A parsed SCRAM client-first-message (RFC 5802 §7):
 * {@code gs2-cbind-flag "," [authzid] "," [reserved-mext ","] username "," nonce ["," extensions]}.
 *
 * @param gs2Header the header exactly as sent; it is echoed back inside the final message's c=
 * @param flag the client's channel-binding choice
 * @param channelBindingType the cb-name after "p=", or null for "n" and "y"
 * @param authzid the decoded authorization identity, empty if absent
 * @param username the decoded (not yet normalized) user name
 * @param nonce the client nonce
 * @param bare client-first-message-bare, which is part of the AuthMessage
 */
record ClientFirstMessage(String gs2Header, ChannelBindingFlag flag, String channelBindingType, String authzid,
        String username, String nonce, String bare) {

    /** The gs2-cbind-flag. */
    enum ChannelBindingFlag {
        /** "n": the client does not support channel binding. */
        UNSUPPORTED,
        /** "y": the client supports channel binding but thinks the server does not. */
        SERVER_UNSUPPORTED,
        /** "p=cb-name": the client requires channel binding of that type. */
        REQUIRED
    }

    static ClientFirstMessage parse(String message) throws MalformedSaslMessage {
        String[] fields = message.split(",", -1);
        if (fields.length < 4) {
            throw new MalformedSaslMessage("client-first-message: too few attributes");
        }
        String authzid = fields[1].isEmpty() ? "" : ScramAttributes.saslName(ScramAttributes.value(fields[1], 'a'));
        if (fields[2].startsWith("m=")) {
            throw new MalformedSaslMessage("mandatory extension not supported");
        }
        String username = ScramAttributes.saslName(ScramAttributes.value(fields[2], 'n'));
        String nonce = ScramAttributes.nonce(ScramAttributes.value(fields[3], 'r'));
        String cbindFlag = fields[0];
        String gs2Header = cbindFlag + ',' + fields[1] + ',';
        String bare = message.substring(gs2Header.length());
        return switch (cbindFlag) {
            case "n" -> new ClientFirstMessage(gs2Header, ChannelBindingFlag.UNSUPPORTED, null, authzid, username, nonce, bare);
            case "y" -> new ClientFirstMessage(gs2Header, ChannelBindingFlag.SERVER_UNSUPPORTED, null, authzid, username, nonce, bare);
            default -> new ClientFirstMessage(gs2Header, ChannelBindingFlag.REQUIRED,
                    ScramAttributes.channelBindingName(ScramAttributes.value(cbindFlag, 'p')), authzid, username, nonce, bare);
        };
    }
}
