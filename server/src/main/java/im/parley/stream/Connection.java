package im.parley.stream;

import im.parley.auth.TlsInfo;
import im.parley.xml.Element;
import java.net.InetSocketAddress;

/**
 * The transport under one XML stream, as the negotiation sees it. The transport owns the framing
 * (how a stream is opened and closed on the wire); the stream says when. Writes are queued and
 * written in call order; none of these methods but {@link #awaitRoom} blocks, so they may be called from any thread.
 */
public interface Connection {
    /** Opens the server's side of the stream (RFC 6120 §4.7), announcing {@code from} and the stream {@code id}. */
    void openStream(String from, String id);

    /**
     * Queues an element in the stream's content namespace (or its own, declared) for writing.
     *
     * @return false when it was refused: the stream is closing, or the client lets too much wait
     */
    boolean send(Element element);

    /**
     * Waits until little enough waits for the client that sending more keeps within the cap; for
     * senders that may block (a session's own thread), never for the router's.
     *
     * @return false when the stream is closing and will take nothing more
     */
    boolean awaitRoom();

    /**
     * Writes {@code error} (a {@code <stream:error/>}, or null for none) after what was queued
     * before, and closes the stream; the connection ends when the client has closed its stream
     * too (RFC 6120 §4.4) or its socket, or after a short grace. Anything sent afterwards is dropped.
     */
    void closeStream(Element error);

    /** True when TLS can be started (a certificate is configured) and is not active yet. */
    boolean canStartTls();

    /** Writes {@code proceed} in the clear, then switches to TLS; the client then opens a new stream. */
    void startTls(Element proceed);

    /** Writes {@code element} (SASL success) and makes the next bytes from the client start a new stream. */
    void restartStream(Element element);

    /** The TLS state and channel-binding data of this connection. */
    TlsInfo tls();

    InetSocketAddress remoteAddress();
}
