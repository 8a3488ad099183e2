package im.parley.module;

import im.parley.xml.Element;
import java.util.function.Supplier;

/**
 * An element a module adds to {@code <stream:features/>} (e.g. XEP-0077's register feature). It
 * is asked for each time features are sent, so it may depend on what all modules declared
 * (XEP-0115's caps hash of the server's disco#info).
 */
public record StreamFeature(Supplier<Element> content, boolean beforeAuthentication, boolean afterAuthentication) {
    /** A feature whose element never changes. */
    public StreamFeature(Element element, boolean beforeAuthentication, boolean afterAuthentication) {
        this(() -> element, beforeAuthentication, afterAuthentication);
    }

    public Element element() {
        return content.get();
    }
}
