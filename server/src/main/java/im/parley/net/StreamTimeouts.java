package im.parley.net;

import java.time.Duration;

/**
 * The timing of one kind of stream's connections; a null duration is never due.
 *
 * @param unauthenticated time allowed to authenticate (a client's binding, a component's handshake,
 *     a server's first authorized domain pair)
 * @param idle a connection without traffic this long is closed
 * @param keepalive whether the server sends a whitespace keepalive after half the idle time without
 *     writing (RFC 6120 §4.6.1); then only the peer's silence counts as idle, otherwise traffic either way
 * @param rest input pause after which the connection's parser frees its buffers until more comes
 */
public record StreamTimeouts(Duration unauthenticated, Duration idle, boolean keepalive, Duration rest) {
}
