package im.parley.modules.muc;

import im.parley.xml.Element;
import im.parley.xmpp.ResultSets;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's list of public rooms (disco#items, XEP-0045 §6.3) in pages (XEP-0059 result set
 * management), for a service with many rooms: ordered by room JID, which is each item's key in
 * 'after' and 'before'; 'index' is not taken.
 */
final class RoomList {
    static final String RSM = ResultSets.NAMESPACE;

    private RoomList() {
    }

    /**
     * The items the request asks for, with the {@code <set/>} that describes the page when it
     * asked for one ({@code set} null: every item, as without result set management).
     *
     * @param items the listed rooms' disco items, ordered by their 'jid'
     * @throws IllegalArgumentException for a 'max' that is not a non-negative number
     */
    static List<Element> page(List<Element> items, Element set) {
        if (set == null) {
            return items;
        }
        Integer asked = ResultSets.max(set.childText("max"));
        int max = asked == null ? items.size() : asked;
        String after = set.childText("after");
        Element before = set.child("before", RSM);
        int from = 0;
        int to = items.size();
        if (after != null) {
            from = firstAbove(items, after);
        }
        if (before != null && !before.text().isEmpty()) {
            to = firstAbove(items, before.text());
            // Exclusive: a room of exactly that JID is not before it.
            if (to > 0 && jid(items.get(to - 1)).equals(before.text())) {
                to--;
            }
        }
        to = Math.max(from, to);
        List<Element> page = before != null ? items.subList(Math.max(from, to - max), to)
                : items.subList(from, Math.min(to, from + max));
        Element.Builder described = Element.builder("set", RSM);
        if (!page.isEmpty()) {
            int index = items.indexOf(page.getFirst());
            described.child(Element.builder("first", RSM).attribute("index", Integer.toString(index))
                    .text(jid(page.getFirst())).build()).textChild("last", jid(page.getLast()));
        }
        described.textChild("count", Integer.toString(items.size()));
        List<Element> answer = new ArrayList<>(page);
        answer.add(described.build());
        return answer;
    }

    /** The position of the first item whose JID sorts after {@code key}. */
    private static int firstAbove(List<Element> items, String key) {
        int i = 0;
        while (i < items.size() && jid(items.get(i)).compareTo(key) <= 0) {
            i++;
        }
        return i;
    }

    private static String jid(Element item) {
        return item.attribute("jid");
    }
}
