package im.parley.modules.admin;

import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The service administrators (config {@code admins}): any resource of their bare JIDs may run XEP-0133 commands. */
public final class Admins {
    private final Set<Jid> bareJids;

    public Admins(List<String> bareJids) {
        this.bareJids = bareJids.stream().map(Jid::parse).collect(Collectors.toUnmodifiableSet());
    }

    public boolean contains(Jid requester) {
        return requester != null && bareJids.contains(requester.bare());
    }
}
