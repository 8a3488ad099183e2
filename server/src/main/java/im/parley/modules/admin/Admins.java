package im.parley.modules.admin;

import im.parley.module.Hosts;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The service administrators (config {@code admins}): any resource of their bare JIDs may run
 * XEP-0133 commands, on a host the admin feature is on for (each acts on its own JID's host).
 */
public final class Admins {
    private final Set<Jid> bareJids;
    private final Hosts hosts;

    public Admins(List<String> bareJids, Hosts hosts) {
        this.bareJids = bareJids.stream().map(Jid::parse).collect(Collectors.toUnmodifiableSet());
        this.hosts = hosts;
    }

    public boolean contains(Jid requester) {
        return requester != null && bareJids.contains(requester.bare()) && hosts.contains(requester.domain());
    }
}
