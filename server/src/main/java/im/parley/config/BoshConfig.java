package im.parley.config;

import java.time.Duration;

/**
 * BOSH (XEP-0124, XEP-0206) on the HTTP listeners: XMPP over long-polled HTTP requests, for
 * browsers and networks that have no WebSocket.
 *
 * @param path where the BOSH endpoint is ({@code http.bosh-path})
 * @param inactivity how long a session may go without a request waiting before it ends (the
 *     'inactivity' of the session creation response); its XMPP session ends as a dropped TCP
 *     connection's does (stream management may resume it)
 * @param maxWait the longest a request is held for data before an empty answer (a client's
 *     'wait' is lowered to it)
 */
public record BoshConfig(String path, Duration inactivity, Duration maxWait) {
    static BoshConfig read(ConfigSection s) {
        return new BoshConfig(HttpConfig.path(s, "bosh-path", "/http-bind"),
                Duration.ofSeconds(s.integer("bosh-inactivity-seconds", 60, 1, 3600)),
                Duration.ofSeconds(s.integer("bosh-max-wait-seconds", 60, 1, 3600)));
    }
}
