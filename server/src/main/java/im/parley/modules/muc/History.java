package im.parley.modules.muc;

import im.parley.xml.Element;
import im.parley.xmpp.Stanza;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A room's recent messages, kept for the discussion history sent to an entering occupant
 * (XEP-0045 §7.2.14). Each is stored as it will be sent (with its XEP-0203 delay stamp), with
 * its length, so that a {@code maxchars} request costs no serialization. Not thread-safe: the room
 * guards it.
 */
final class History {
    private record Entry(Stanza message, Instant at, int chars) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    History(int capacity) {
        this.capacity = capacity;
    }

    void add(Stanza delayedMessage, Instant at) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(delayedMessage, at, delayedMessage.toString().length()));
    }

    /** Replaces each message {@code which} picks by what {@code change} makes of it (a moderated message's tombstone). */
    void replace(Predicate<Element> which, UnaryOperator<Element> change) {
        List<Entry> replaced = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Stanza message = which.test(e.message().element()) ? Stanza.of(change.apply(e.message().element())) : e.message();
            replaced.add(message == e.message() ? e : new Entry(message, e.at(), message.toString().length()));
        }
        entries.clear();
        entries.addAll(replaced);
    }

    /**
     * The messages a {@code <history/>} element (null: none sent) asks for, oldest first: each
     * limit it sets applies, and the service sends the fewest messages they allow together (§7.2.14).
     * Throws {@link IllegalArgumentException} for a limit that is not a number or date.
     *
     * @param roomLimit the most messages the room sends (muc#maxhistoryfetch), whatever is asked
     */
    List<Stanza> select(Element request, Instant now, int roomLimit) {
        int maxStanzas = Math.min(limit(request, "maxstanzas"), roomLimit);
        int maxChars = limit(request, "maxchars");
        int seconds = limit(request, "seconds");
        Instant since = since(request);
        if (seconds != Integer.MAX_VALUE) {
            Instant cutoff = now.minusSeconds(seconds);
            since = since == null || cutoff.isAfter(since) ? cutoff : since;
        }
        List<Stanza> picked = new ArrayList<>();
        long chars = 0;
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext() && picked.size() < maxStanzas;) {
            Entry e = it.next();
            chars += e.chars();
            if (chars > maxChars || (since != null && e.at().isBefore(since))) {
                break;
            }
            picked.add(e.message());
        }
        Collections.reverse(picked);
        return picked;
    }

    private static int limit(Element request, String name) {
        String value = request == null ? null : request.attribute(name);
        if (value == null) {
            return Integer.MAX_VALUE;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value);
        }
    }

    private static Instant since(Element request) {
        String value = request == null ? null : request.attribute("since");
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since is not a XEP-0082 date and time: " + value);
        }
    }
}
