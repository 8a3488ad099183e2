package im.parley.bench.client;

import im.parley.xml.Element;
import im.parley.xml.XmlWriter;

/** A received element as one line of XML, for error messages. */
final class XmlLine {
    private XmlLine() {
    }

    static String of(Element element) {
        String xml = XmlWriter.toXml(element);
        return xml.length() > 300 ? xml.substring(0, 300) + "..." : xml;
    }
}
