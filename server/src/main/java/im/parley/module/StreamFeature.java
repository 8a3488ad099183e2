package im.parley.module;

import im.parley.xml.Element;
import java.util.function.Function;

/**
 * An element a module adds to {@code <stream:features/>} (e.g. XEP-0077's register feature). It
 * is asked for each time features are sent, for the stream's host, so it may depend on what all
 * modules declared for that host (XEP-0115's caps hash of the host's disco#info).
 */
public record StreamFeature(Function<String, Element> content, boolean beforeAuthentication,
        boolean afterAuthentication) {
    /** A feature whose element never changes. */
    public StreamFeature(Element element, boolean beforeAuthentication, boolean afterAuthentication) {
        this(host -> element, beforeAuthentication, afterAuthentication);
    }

    /** The element offered on a stream to {@code host}. */
    public Element element(String host) {
        return content.apply(host);
    }
}
