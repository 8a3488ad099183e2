package im.parley.account;

import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;

/**
 * Derives the stored SCRAM credential for one hash from a password (RFC 5802): normalizes the
 * password, picks a fresh salt and the iteration count. In production this is
 * {@code new CredentialFactory()::create}; throws {@link IllegalArgumentException} for a password
 * that cannot be used (not a PRECIS OpaqueString, e.g. empty).
 */
@FunctionalInterface
public interface CredentialDerivation {
    ScramCredential derive(ScramHash hash, String password);
}
