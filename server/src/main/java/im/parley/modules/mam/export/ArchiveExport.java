package im.parley.modules.mam.export;

import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Item;
import im.parley.store.ArchiveStore.Page;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes message archives as hash-chained JSON lines (README "Archive export"), one message a line,
 * owner after owner (ordered by host, then user name), each owner's messages in archive order:
 * {@code prev, owner, from, to, time, stanza-id, body, stanza, hash}. The store is read in pages,
 * each its own short query, so an export holds no lock or transaction that routing would wait for,
 * and its memory does not grow with the archive.
 */
public final class ArchiveExport {
    private static final int OWNER_PAGE = 100;

    private final ArchiveStore archive;
    private final int pageSize;

    /** Whose archives: one owner's, a host's owners' (user null) or every owner's (both null). */
    public record Scope(Jid user, String host) {
        public static Scope all() {
            return new Scope(null, null);
        }
    }

    /** What was written: how many lines, and the last line's hash (the chain's head). */
    public record Summary(long lines, String head) {
    }

    public ArchiveExport(ArchiveStore archive, int pageSize) {
        this.archive = archive;
        this.pageSize = pageSize;
    }

    /** Writes the messages of the scope stamped between {@code from} and {@code to} (inclusive; null for open). */
    public Summary write(Scope scope, Instant from, Instant to, Writer out) throws IOException {
        HashChain chain = new HashChain();
        long lines = 0;
        if (scope.user() != null) {
            lines = writeOwner(scope.user().bare(), from, to, chain, out);
        } else {
            List<Jid> owners = archive.owners(scope.host(), null, OWNER_PAGE);
            while (!owners.isEmpty()) {
                for (Jid owner : owners) {
                    lines += writeOwner(owner, from, to, chain, out);
                }
                owners = owners.size() < OWNER_PAGE ? List.of() : archive.owners(scope.host(), owners.getLast(), OWNER_PAGE);
            }
        }
        out.flush();
        return new Summary(lines, chain.head());
    }

    private long writeOwner(Jid owner, Instant from, Instant to, HashChain chain, Writer out) throws IOException {
        ArchiveStore.Query query = ArchiveStore.Query.first(pageSize).between(from, to);
        long lines = 0;
        Page page = archive.query(owner, query);
        while (true) {
            for (Item item : page.items()) {
                out.write(line(owner, item, chain));
                out.write('\n');
                lines++;
            }
            if (page.complete()) {
                return lines;
            }
            page = archive.query(owner, query.after(page.items().getLast().position()));
        }
    }

    private static String line(Jid owner, Item item, HashChain chain) {
        Element stanza = XmlText.readOne(item.value());
        StringBuilder open = new StringBuilder(item.value().length() * 2 + 256);
        member(open, "{", "prev", chain.head());
        member(open, ",", "owner", owner.toString());
        member(open, ",", "from", stanza.attribute("from"));
        member(open, ",", "to", stanza.attribute("to"));
        member(open, ",", "time", item.at().toString());
        member(open, ",", "stanza-id", item.key());
        member(open, ",", "body", stanza.childText("body"));
        member(open, ",", "stanza", item.value());
        return chain.seal(open);
    }

    private static void member(StringBuilder out, String separator, String name, String value) {
        out.append(separator);
        JsonText.appendString(out, name);
        out.append(':');
        JsonText.appendString(out, value);
    }
}
