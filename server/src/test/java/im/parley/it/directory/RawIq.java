package im.parley.it.directory;

import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.Jid;

/** An IQ whose payload is written as raw XML: for requests Smack has no API for (malformed or refused ones). */
final class RawIq extends IQ {
    private final String innerXml;

    RawIq(Type type, Jid to, String element, String namespace, String innerXml) {
        super(element, namespace);
        setType(type);
        setTo(to);
        this.innerXml = innerXml;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        xml.append(innerXml);
        return xml;
    }
}
