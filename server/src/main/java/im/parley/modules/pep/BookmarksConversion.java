package im.parley.modules.pep;

import im.parley.modules.privatexml.PrivateStorage;
import im.parley.modules.pubsub.Item;
import im.parley.modules.pubsub.PubsubService;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bookmarks kept in step between XEP-0048's {@code <storage xmlns='storage:bookmarks'/>} in
 * private XML storage (XEP-0049) and XEP-0402's PEP node, one item per room (XEP-0402 §5
 * "Compatibility", XEP-0411): a client of either kind sees the rooms the other stored. A list
 * stored privately becomes items (only the changed ones published, the missing ones retracted,
 * §5.2: no notification for an unchanged room); an item published or retracted on the node
 * rebuilds the private list from all items, keeping its {@code <url/>} bookmarks, which
 * XEP-0402 has no place for.
 */
final class BookmarksConversion {
    static final String NODE = "urn:xmpp:bookmarks:1";
    static final String LEGACY = "storage:bookmarks";
    private static final Logger log = LoggerFactory.getLogger(BookmarksConversion.class);
    /** XEP-0402 §3: private (XEP-0223), every room kept, nothing sent on presence. */
    private static final DataForm OPTIONS = DataForm.of(DataForm.Type.SUBMIT, null, List.of(
            DataForm.Field.formType("http://jabber.org/protocol/pubsub#publish-options"),
            DataForm.Field.of("pubsub#persist_items", null, null, "1"),
            DataForm.Field.of("pubsub#max_items", null, null, "max"),
            DataForm.Field.of("pubsub#send_last_published_item", null, null, "never"),
            DataForm.Field.of("pubsub#access_model", null, null, "whitelist")));

    private final PubsubService pep;
    private final PrivateStorage storage;

    BookmarksConversion(PubsubService pep, PrivateStorage storage) {
        this.pep = pep;
        this.storage = storage;
    }

    /** A client stored private XML: its bookmarks, if any, become the node's items. */
    void privateStored(Jid user, List<Element> fragments) {
        for (Element fragment : fragments) {
            if (fragment.is("storage", LEGACY)) {
                toPep(user, fragment);
            }
        }
    }

    private void toPep(Jid user, Element legacy) {
        Map<String, Element> wanted = new HashMap<>();
        for (Element conference : legacy.elements()) {
            Jid room = conference.is("conference", LEGACY) ? Jid.parseOrNull(conference.attribute("jid")) : null;
            if (room != null) {
                wanted.put(room.toString(), native402(conference));
            }
        }
        Map<String, Element> stored = new HashMap<>();
        pep.items(user, NODE).forEach(item -> stored.put(item.id(), item.payload()));
        wanted.forEach((room, conference) -> {
            if (!conference.equals(stored.get(room))) {
                outcome(user, pep.publishAsOwner(user, NODE, room, conference, OPTIONS));
            }
        });
        stored.keySet().stream().filter(room -> !wanted.containsKey(room))
                .forEach(room -> outcome(user, pep.retractAsOwner(user, NODE, room)));
    }

    /** A client changed the node's items: the private list is rebuilt from them. */
    void itemsChanged(Jid user, String node) {
        if (!NODE.equals(node)) {
            return;
        }
        Element.Builder legacy = Element.builder("storage", LEGACY);
        for (Item item : pep.items(user, NODE).reversed()) {
            if (item.payload() != null && item.payload().is("conference", NODE)) {
                legacy.child(legacy(item.id(), item.payload()));
            }
        }
        for (Element kept : storage.get(user, "storage", LEGACY)) {
            kept.elements().stream().filter(e -> e.is("url", LEGACY)).forEach(legacy::child);
        }
        storage.put(user, List.of(legacy.build()));
    }

    /** XEP-0048's conference as XEP-0402's: the room's JID becomes the item id. */
    private static Element native402(Element conference) {
        Element.Builder b = Element.builder("conference", NODE).attribute("name", conference.attribute("name"))
                .attribute("autojoin", isTrue(conference.attribute("autojoin")) ? "true" : null);
        copyText(conference, LEGACY, b, "nick");
        copyText(conference, LEGACY, b, "password");
        return b.build();
    }

    private static Element legacy(String room, Element conference) {
        Element.Builder b = Element.builder("conference", LEGACY).attribute("jid", room)
                .attribute("name", conference.attribute("name"))
                .attribute("autojoin", isTrue(conference.attribute("autojoin")) ? "true" : "false");
        copyText(conference, NODE, b, "nick");
        copyText(conference, NODE, b, "password");
        return b.build();
    }

    private static void copyText(Element from, String namespace, Element.Builder to, String name) {
        Element child = from.child(name, namespace);
        if (child != null) {
            to.textChild(name, child.text());
        }
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    /** A refused conversion (a node configured otherwise by the user) is logged; the private list stays as stored. */
    private static void outcome(Jid user, Stanza answer) {
        if (answer != null && answer.isError()) {
            log.info("Bookmarks of {} not converted to PEP: {}", user, Objects.toString(answer.element()));
        }
    }
}
