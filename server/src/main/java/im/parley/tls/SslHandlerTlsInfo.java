package im.parley.tls;

import im.parley.auth.TlsInfo;
import io.netty.handler.ssl.SslHandler;
import java.util.Collections;
import java.util.List;
import java.util.SequencedMap;

/**
 * What authentication needs to know about a channel's TLS layer. Safe to use from any thread;
 * before the handshake completes the channel is not secure and offers no channel binding.
 */
public final class SslHandlerTlsInfo implements TlsInfo {
    private final SslHandler handler;
    /** Computed on first use after the handshake; recomputing in a race gives the same values. */
    private volatile SequencedMap<String, byte[]> bindings;

    public SslHandlerTlsInfo(SslHandler handler) {
        this.handler = handler;
    }

    @Override
    public boolean secure() {
        return handler.handshakeFuture().isSuccess();
    }

    /** {@link #TLS_EXPORTER} first when available, then {@link #TLS_SERVER_END_POINT}. */
    @Override
    public List<String> channelBindingTypes() {
        return List.copyOf(bindings().sequencedKeySet());
    }

    /** A copy of the data, or null for a type not in {@link #channelBindingTypes()}. */
    @Override
    public byte[] channelBindingData(String type) {
        byte[] data = bindings().get(type);
        return data == null ? null : data.clone();
    }

    private SequencedMap<String, byte[]> bindings() {
        if (!secure()) {
            return Collections.emptySortedMap();
        }
        SequencedMap<String, byte[]> known = bindings;
        if (known == null) {
            known = ChannelBinding.forSession(handler.engine().getSession());
            bindings = known;
        }
        return known;
    }
}
