package im.parley.http.bosh;

import im.parley.config.BoshConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a session creation request (XEP-0124 §7) and the server agree on, and its response's
 * attributes (§7.1).
 *
 * @param waitSeconds seconds a request may be held for data: the client's, at most the configured maximum
 * @param hold requests held at once: the client's, at most {@link #MAX_HOLD}; 0 in a polling session
 * @param requests the requests a client may have open at once, one more than it may have held
 * @param inactivity seconds without a request waiting after which the session ends
 * @param ver the BOSH version spoken: the client's or Parley's, the lower; null for a legacy client
 * @param contentType the Content-Type of every response (the request's 'content', §7)
 */
record Terms(long waitSeconds, long hold, long requests, long inactivity, String ver, String contentType) {
    /** One request held is what a client that reuses its connections asks for (§7); two leaves room for one more. */
    static final long MAX_HOLD = 2;
    /** The shortest interval between a polling session's empty requests (§12). */
    static final long POLLING_SECONDS = 2;
    /** The BOSH version implemented (XEP-0124 1.11). */
    private static final int[] VERSION = {1, 11};
    static final String DEFAULT_CONTENT_TYPE = "text/xml; charset=utf-8";
    /** A media type with an optional charset: what 'content' may ask for, put into a response header as it is. */
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+(; ?charset=[\\w.:-]+)?");
    private static final Pattern VER = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

    static Terms of(BoshBody.Request creation, BoshConfig config) throws BoshException {
        long maxWait = config.maxWait().toSeconds();
        long wait = Math.min(orDefault(creation.number("wait"), maxWait), maxWait);
        long hold = wait == 0 ? 0 : Math.min(orDefault(creation.number("hold"), 1), MAX_HOLD);
        // §12: a polling session has no request waiting between polls, so more than a poll's interval is allowed.
        long inactivity = config.inactivity().toSeconds() + (hold == 0 ? POLLING_SECONDS : 0);
        String content = creation.attribute("content");
        if (content != null && !CONTENT_TYPE.matcher(content).matches()) {
            throw new BoshException(Condition.BAD_REQUEST, "'content' is no media type: " + content);
        }
        return new Terms(wait, hold, hold + 1, inactivity, version(creation.attribute("ver")),
                content == null ? DEFAULT_CONTENT_TYPE : content);
    }

    private static long orDefault(Long value, long defaultValue) {
        return value == null ? defaultValue : value;
    }

    /** §7.1: the client's version or ours, the lower; major and minor compared as numbers. */
    private static String version(String requested) throws BoshException {
        if (requested == null) {
            return null;
        }
        Matcher m = VER.matcher(requested);
        if (!m.matches()) {
            throw new BoshException(Condition.BAD_REQUEST, "'ver' is not major.minor: " + requested);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        boolean lower = major < VERSION[0] || major == VERSION[0] && minor < VERSION[1];
        return lower ? major + "." + minor : VERSION[0] + "." + VERSION[1];
    }

    /** A client that did not say which BOSH it speaks expects HTTP errors for bad requests (§17.1). */
    boolean legacy() {
        return ver == null;
    }

    /** Until the maximum inactivity, and a pause may not be longer (§11). */
    long maxPause() {
        return 2 * inactivity;
    }

    /** The attributes of the session creation response (§7.1, XEP-0206 §5), beside those of any response. */
    Map<String, String> creationAttributes(String sid) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sid", sid);
        attributes.put("wait", Long.toString(waitSeconds));
        attributes.put("inactivity", Long.toString(inactivity));
        attributes.put("polling", Long.toString(POLLING_SECONDS));
        attributes.put("requests", Long.toString(requests));
        attributes.put("hold", Long.toString(hold));
        attributes.put("maxpause", Long.toString(maxPause()));
        if (ver != null) {
            attributes.put("ver", ver);
        }
        attributes.put("xmpp:restartlogic", "true");
        return attributes;
    }
}
