package im.parley.module;

import im.parley.xml.Element;

/** An element a module adds to {@code <stream:features/>} (e.g. XEP-0077's register feature). */
public record StreamFeature(Element element, boolean beforeAuthentication, boolean afterAuthentication) {
}
