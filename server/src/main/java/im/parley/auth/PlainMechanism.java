package im.parley.auth;

import java.util.Optional;

/**
 * The server side of PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}.
 * The password is checked by deriving it against the stored SCRAM credential, since the server
 * never keeps passwords. Only offered over TLS, as the password travels in clear inside it.
 */
final class PlainMechanism implements SaslServerMechanism {
    static final String NAME = "PLAIN";

    private final Accounts accounts;
    private boolean done;

    PlainMechanism(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Step evaluate(byte[] clientData) {
        if (done) {
            throw new IllegalStateException("SASL exchange already finished");
        }
        done = true;
        try {
            return authenticate(SaslText.utf8(clientData));
        } catch (MalformedSaslMessage e) {
            return new Step.Failure(SaslFailure.MALFORMED_REQUEST, e.getMessage());
        }
    }

    private Step authenticate(String message) throws MalformedSaslMessage {
        String[] parts = message.split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new MalformedSaslMessage("expected authzid NUL authcid NUL password");
        }
        Optional<String> username = accounts.normalizeUsername(parts[1]);
        if (username.isEmpty()) {
            return new Step.Failure(SaslFailure.NOT_AUTHORIZED, null);
        }
        if (!accounts.authorizes(parts[0], username.get())) {
            return new Step.Failure(SaslFailure.INVALID_AUTHZID, null);
        }
        if (!matches(accounts, username.get(), parts[2])) {
            return new Step.Failure(SaslFailure.NOT_AUTHORIZED, null);
        }
        return new Step.Success(username.get(), new byte[0]);
    }

    /** Whether {@code password} is the password of the account {@code username} (normalized). */
    static boolean matches(Accounts accounts, String username, String password) {
        Accounts.Lookup account = accounts.strongestCredential(username);
        // Derive first, check existence second: unknown users cost the same time as wrong passwords.
        return account.credential().matches(password) && account.exists();
    }
}
