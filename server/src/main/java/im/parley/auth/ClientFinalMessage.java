package im.parley.auth;

/**
 * A parsed SCRAM client-final-message (RFC 5802 §7):
 * {@code channel-binding "," nonce ["," extensions] "," proof}.
 *
 * @param channelBinding the decoded c= value (gs2-header followed by any channel-binding data)
 * @param nonce the combined client and server nonce
 * @param proof the decoded ClientProof
 * @param withoutProof client-final-message-without-proof, which is part of the AuthMessage
 */
record ClientFinalMessage(byte[] channelBinding, String nonce, byte[] proof, String withoutProof) {

    static ClientFinalMessage parse(String message) throws MalformedSaslMessage {
        int lastComma = message.lastIndexOf(',');
        if (lastComma < 0) {
            throw new MalformedSaslMessage("client-final-message: too few attributes");
        }
        String withoutProof = message.substring(0, lastComma);
        String[] fields = withoutProof.split(",", -1);
        if (fields.length < 2) {
            throw new MalformedSaslMessage("client-final-message: too few attributes");
        }
        byte[] channelBinding = SaslText.base64(ScramAttributes.value(fields[0], 'c'), "channel binding");
        String nonce = ScramAttributes.nonce(ScramAttributes.value(fields[1], 'r'));
        byte[] proof = SaslText.base64(ScramAttributes.value(message.substring(lastComma + 1), 'p'), "proof");
        return new ClientFinalMessage(channelBinding, nonce, proof, withoutProof);
    }
}
