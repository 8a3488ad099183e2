package im.parley.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.Jid;

/** An IQ whose payload is written as raw XML: for requests Smack has no API for (malformed or refused ones). */
public final class RawIq extends IQ {
    private final String innerXml;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    public RawIq(Type type, Jid to, String element, String namespace, String innerXml) {
        super(element, namespace);
        setType(type);
        setTo(to);
        this.innerXml = innerXml;
    }

    /** Adds an attribute to the payload element. */
    public RawIq attribute(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        attributes.forEach(xml::attribute);
        xml.rightAngleBracket();
        xml.append(innerXml);
        return xml;
    }
}
