package im.parley.it.blocking;

import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.EntityBareJid;

/** XEP-0377 §6: a block whose item carries a report (Smack has no API for reports). */
public final class BlockWithReport extends IQ {
    public static final String SPAM = "urn:xmpp:reporting:spam";

    private final EntityBareJid jid;
    private final String reason;

    /** {@code reason} null leaves the attribute out. */
    public BlockWithReport(EntityBareJid jid, String reason) {
        super("block", "urn:xmpp:blocking");
        this.jid = jid;
        this.reason = reason;
        setType(IQ.Type.set);
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        xml.halfOpenElement("item").attribute("jid", jid).rightAngleBracket();
        xml.halfOpenElement("report").xmlnsAttribute("urn:xmpp:reporting:1").optAttribute("reason", reason)
                .rightAngleBracket();
        xml.halfOpenElement("stanza-id").xmlnsAttribute("urn:xmpp:sid:0").attribute("by", "alice@localhost")
                .attribute("id", "28482-98726-73623").closeEmptyElement();
        xml.element("text", "Buy cheap swords");
        xml.closeElement("report");
        xml.closeElement("item");
        return xml;
    }
}
