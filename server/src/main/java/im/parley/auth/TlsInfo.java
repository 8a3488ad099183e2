package im.parley.auth;

import java.util.List;

/**
 * What SASL needs to know about a connection's TLS layer. Implemented by the TLS code, which
 * computes the channel-binding data; the mechanisms only consume it.
 */
public interface TlsInfo {
    /** RFC 5929 §4: hash of the server certificate. */
    String TLS_SERVER_END_POINT = "tls-server-end-point";
    /** RFC 9266: keying material exported from the TLS session. */
    String TLS_EXPORTER = "tls-exporter";

    /** A connection without TLS: no PLAIN, no channel binding. */
    TlsInfo PLAINTEXT = withoutChannelBinding(false);

    /**
     * A connection without TLS of its own that the configuration trusts as secure (a reverse proxy
     * that terminated TLS, or a client on this machine): PLAIN allowed, no channel binding.
     */
    TlsInfo TRUSTED_PLAINTEXT = withoutChannelBinding(true);

    private static TlsInfo withoutChannelBinding(boolean secure) {
        return new TlsInfo() {
            @Override
            public boolean secure() {
                return secure;
            }

            @Override
            public List<String> channelBindingTypes() {
                return List.of();
            }

            @Override
            public byte[] channelBindingData(String type) {
                return null;
            }
        };
    }

    /** Whether the connection is encrypted (STARTTLS completed or direct TLS). */
    boolean secure();

    /** Channel-binding types this connection can provide, most preferred first; empty if none. */
    List<String> channelBindingTypes();

    /** The channel-binding data for one of {@link #channelBindingTypes()}, or null if unavailable. */
    byte[] channelBindingData(String type);
}
