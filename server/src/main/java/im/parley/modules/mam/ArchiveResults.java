package im.parley.modules.mam;

import im.parley.session.Session;
import im.parley.store.ArchiveStore.Item;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.UnaryOperator;

/** What the archive sends back: result messages (XEP-0313 §4.2), the {@code <fin/>}, the form, metadata. */
final class ArchiveResults {
    static final String FORWARD = "urn:xmpp:forward:0";
    static final String XDATA_VALIDATE = "http://jabber.org/protocol/xdata-validate";

    private ArchiveResults() {
    }

    /**
     * Sends the page's results to the session that asked, in archive order (newest first for a
     * flipped page), each waiting for room in the connection's queue: this runs on that session's
     * own thread, and a page can hold more than the queue's cap. Stops if the stream closes.
     */
    static void send(Session session, Jid owner, ArchiveQuery query, ArchiveSearch.Result result, UnaryOperator<Element> shown) {
        List<Item> items = query.flipPage() ? result.items().reversed() : result.items();
        for (Item item : items) {
            Element message = message(owner, session.jid(), query.queryId(), item, shown);
            if (!session.awaitRoom() || !session.deliver(Stanza.of(message))) {
                return;
            }
        }
    }

    /**
     * {@code <message><result queryid id><forwarded><delay stamp/>original</forwarded></result></message>},
     * the original as {@code shown} to the requester.
     */
    private static Element message(Jid owner, Jid to, String queryId, Item item, UnaryOperator<Element> shown) {
        Element forwarded = Element.builder("forwarded", FORWARD)
                .child(Element.builder("delay", Namespaces.DELAY).attribute("stamp", stamp(item.at())).build())
                .child(shown.apply(XmlText.readOne(item.value())))
                .build();
        return Element.builder("message", Namespaces.STANZA)
                .attribute("from", owner.toString())
                .attribute("to", to.toString())
                .child(Element.builder("result", MamModule.NAMESPACE)
                        .attribute("queryid", queryId)
                        .attribute("id", item.key())
                        .child(forwarded)
                        .build())
                .build();
    }

    /**
     * XEP-0313 §4.3: the page's first and last ids and the result set's count when it was counted
     * (XEP-0059 §2.1; only the count when the page is empty), and {@code complete} when the page
     * ends the set.
     */
    static Element fin(ArchiveSearch.Result result) {
        Element.Builder set = Element.builder("set", ArchiveQuery.RSM);
        if (!result.items().isEmpty()) {
            set.textChild("first", result.items().getFirst().key()).textChild("last", result.items().getLast().key());
        }
        if (result.count() != null) {
            set.textChild("count", Long.toString(result.count()));
        }
        return Element.builder("fin", MamModule.NAMESPACE)
                .attribute("complete", result.complete() ? "true" : null)
                .child(set.build())
                .build();
    }

    /** XEP-0313 §4.1.5: the fields queries take; 'ids' is open to any value (XEP-0122). */
    static Element queryForm() {
        Element.Builder x = Element.builder("x", DataForm.NAMESPACE).attribute("type", "form")
                .child(hidden())
                .child(field("with", "jid-single"))
                .child(field("start", "text-single"))
                .child(field("end", "text-single"))
                .child(field("before-id", "text-single"))
                .child(field("after-id", "text-single"));
        Element ids = Element.builder("field", DataForm.NAMESPACE).attribute("type", "list-multi").attribute("var", "ids")
                .child(Element.builder("validate", XDATA_VALIDATE).attribute("datatype", "xs:string")
                        .child(Element.of("open", XDATA_VALIDATE)).build())
                .build();
        return Element.builder("query", MamModule.NAMESPACE).child(x.child(ids).build()).build();
    }

    private static Element hidden() {
        return Element.builder("field", DataForm.NAMESPACE).attribute("type", "hidden").attribute("var", "FORM_TYPE")
                .textChild("value", MamModule.NAMESPACE).build();
    }

    private static Element field(String var, String type) {
        return Element.builder("field", DataForm.NAMESPACE).attribute("type", type).attribute("var", var).build();
    }

    /** XEP-0313 §5.1: {@code <metadata/>} with the archive's first and last entries, empty for an empty archive. */
    static Element metadata(List<Item> first, List<Item> last) {
        Element.Builder metadata = Element.builder("metadata", MamModule.NAMESPACE);
        if (!first.isEmpty() && !last.isEmpty()) {
            metadata.child(entry("start", first.getFirst())).child(entry("end", last.getFirst()));
        }
        return metadata.build();
    }

    private static Element entry(String name, Item item) {
        return Element.builder(name, MamModule.NAMESPACE).attribute("id", item.key())
                .attribute("timestamp", stamp(item.at())).build();
    }

    /** XEP-0082 DateTime in UTC. */
    private static String stamp(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }
}
