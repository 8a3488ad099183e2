package im.parley.stream;

import im.parley.auth.TlsInfo;
import im.parley.xml.Element;
import java.net.InetSocketAddress;

/**
 * The transport under one XML stream, as the negotiation sees it. Writes are queued and written
 * in call order; none of these methods blocks, so they may be called from any thread.
 */
public interface Connection {
    /** Writes an element in the stream's content namespace (or its own, declared). */
    void send(Element element);

    /** Writes raw, already well-formed text: the stream header, the closing tag, whitespace. */
    void sendRaw(String xml);

    /** True when TLS can be started (a certificate is configured) and is not active yet. */
    boolean canStartTls();

    /** Writes {@code proceed} in the clear, then switches to TLS; the client then opens a new stream. */
    void startTls(Element proceed);

    /** Writes {@code element} (SASL success) and makes the next bytes from the client start a new stream. */
    void restartStream(Element element);

    /** The TLS state and channel-binding data of this connection. */
    TlsInfo tls();

    /** Closes the connection once everything queued has been written. */
    void close();

    InetSocketAddress remoteAddress();
}
