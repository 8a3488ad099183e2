package im.parley.modules.muc;

import im.parley.module.HostSettings;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.Origin;
import im.parley.module.ServiceDomain;
import im.parley.module.StanzaSender;
import im.parley.modules.mam.ArchiveAccess;
import im.parley.modules.push.PushNotifications;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Multi-User Chat service (XEP-0045) at {@code <domain>.<host>}: it answers the service's
 * disco (§6.1-§6.3), creates a room when someone enters one that does not exist (§10.1), and
 * hands the room what is addressed to it. Rooms live in memory; persistent ones are also written to
 * a {@link RoomStore} and restored from it at start.
 *
 * <p>An occupant whose session ends leaves without the service watching sessions: entering is
 * directed presence, so the presence module sends the room the session's unavailable presence
 * (RFC 6121 §4.6.3), which the room takes as leaving.
 */
final class MucModule implements Module, ChatRooms {
    private static final Logger log = LoggerFactory.getLogger(MucModule.class);
    private static final String NAME = "Chat rooms";

    /** The service's name and each host's limits. */
    private final HostSettings<MucConfig> settings;
    private final MucConfig config;
    private final Clock clock;
    private final RoomStore store;
    /** The rooms' archives (XEP-0313), null when the archive feature is off. */
    private final ArchiveAccess archive;
    /** Pushes for members mentioned while away (XEP-0357), null when the push feature is off. */
    private final PushNotifications push;
    private ModuleContext context;
    private final Map<Jid, Room> rooms = new ConcurrentHashMap<>();
    private StanzaSender out;
    private Room.Services services;

    MucModule(HostSettings<MucConfig> settings, Clock clock, RoomStore store, ArchiveAccess archive,
            PushNotifications push) {
        this.settings = settings;
        this.config = settings.server();
        this.clock = clock;
        this.store = store;
        this.archive = archive;
        this.push = push;
    }

    @Override
    public void start(ModuleContext context) {
        this.context = context;
        out = context.stanzas();
        services = new Room.Services(out, clock, store, archive, push, room -> rooms.remove(room.jid(), room));
        for (RoomStore.StoredRoom stored : store.load()) {
            rooms.put(stored.jid(), Room.restore(stored, limits(stored.jid()), services));
        }
        log.info("{} persistent rooms restored", rooms.size());
        context.serviceDomain(config.domain(), NAME, this::handle);
    }

    @Override
    public List<RoomView> rooms(String host) {
        String domain = serviceDomain(host);
        return rooms.values().stream().filter(room -> room.jid().domain().equals(domain)).map(Room::view)
                .filter(Objects::nonNull).sorted(Comparator.comparing(view -> view.jid().toString())).toList();
    }

    @Override
    public int count(String host) {
        // A room leaves the map as it is destroyed, under its lock: the keys are the rooms rooms() views, counted without their locks.
        String domain = serviceDomain(host);
        return (int) rooms.keySet().stream().filter(room -> room.domain().equals(domain)).count();
    }

    @Override
    public boolean destroy(String host, Jid roomJid, String reason) {
        Room room = roomJid.domain().equals(serviceDomain(host)) ? rooms.get(roomJid.bare()) : null;
        return room != null && room.destroyByService(reason);
    }

    /** The domain of {@code host}'s service: {@code conference.<host>}. */
    private String serviceDomain(String host) {
        return config.domain() + "." + host;
    }

    private void handle(Stanza stanza, Origin origin) {
        if (stanza.from() == null) {
            return;
        }
        if (stanza.isIq() && !stanza.isRequest()) {
            // An occupant's answer to a request the room forwarded to it (§18).
            Room room = stanza.to().resource() == null ? null : rooms.get(stanza.to().bare());
            if (room != null) {
                room.occupantIqResponse(stanza);
            }
            return;
        }
        if (stanza.isError()) {
            return;
        }
        if (stanza.to().local() == null) {
            toService(stanza);
            return;
        }
        Jid roomJid = stanza.to().bare();
        switch (stanza.kind()) {
            case PRESENCE -> presence(roomJid, stanza);
            case MESSAGE -> message(roomJid, stanza);
            case IQ -> iq(roomJid, stanza);
        }
    }

    private void toService(Stanza stanza) {
        if (!ServiceDomain.isRequest(stanza, out)) {
            return;
        }
        Element query = stanza.payload();
        if (query != null && query.is("query", Muc.DISCO_INFO) && query.attribute("node") == null) {
            out.route(stanza.result(Element.builder("query", Muc.DISCO_INFO)
                    .child(Element.builder("identity", Muc.DISCO_INFO).attribute("category", "conference")
                            .attribute("type", "text").attribute("name", NAME).build())
                    .child(Element.builder("feature", Muc.DISCO_INFO).attribute("var", Muc.DISCO_INFO).build())
                    .child(Element.builder("feature", Muc.DISCO_INFO).attribute("var", Muc.DISCO_ITEMS).build())
                    .child(Element.builder("feature", Muc.DISCO_INFO).attribute("var", Muc.NS).build()).build()));
        } else if (query != null && query.is("query", Muc.DISCO_ITEMS) && query.attribute("node") == null) {
            // §6.3: the public rooms of this service's host only, in pages when asked (XEP-0059).
            String domain = stanza.to().domain();
            List<Element> listed = rooms.values().stream().filter(room -> room.jid().domain().equals(domain))
                    .map(Room::listing).filter(Objects::nonNull)
                    .sorted(Comparator.comparing((Element item) -> item.attribute("jid"))).toList();
            try {
                out.route(stanza.result(Element.builder("query", Muc.DISCO_ITEMS)
                        .children(RoomList.page(listed, query.child("set", RoomList.RSM))).build()));
            } catch (IllegalArgumentException e) {
                log.debug("{} asked for a page of the rooms that cannot be: {}", stanza.from(), e.getMessage());
                out.route(stanza.error(StanzaError.BAD_REQUEST, e.getMessage()));
            }
        } else {
            out.route(stanza.error(StanzaError.SERVICE_UNAVAILABLE));
        }
    }

    private void presence(Jid roomJid, Stanza presence) {
        while (true) {
            Room room = rooms.get(roomJid);
            if (room == null) {
                if (!presence.type().equals("available") || presence.to().resource() == null) {
                    // Leaving a room that is gone needs no answer; entering one needs a nick (§7.2.1).
                    if (presence.type().equals("available")) {
                        out.route(presence.error(StanzaError.JID_MALFORMED, "A nick is needed to enter a room"));
                    }
                    return;
                }
                room = create(roomJid, presence);
                if (room == null) {
                    return;
                }
            }
            if (room.presence(presence)) {
                return;
            }
        }
    }

    /** The limits of the host whose service the room is at ({@code conference.<host>}). */
    private MucConfig limits(Jid room) {
        String service = room.domain();
        String prefix = config.domain() + ".";
        return settings.of(service.startsWith(prefix) ? service.substring(prefix.length()) : service);
    }

    /**
     * §10.1.1: a new room, locked and owned by whoever entered it; null when the creator may not
     * create more at this host's service.
     */
    private Room create(Jid roomJid, Stanza presence) {
        Jid creator = presence.from().bare();
        long owned = rooms.values().stream()
                .filter(r -> r.creator().equals(creator) && r.jid().domain().equals(roomJid.domain())).count();
        MucConfig limits = limits(roomJid);
        if (owned >= limits.roomsPerUser()) {
            log.info("{} may not create {}: it has {} rooms, the limit", creator, roomJid, owned);
            out.route(presence.error(StanzaError.NOT_ALLOWED, "You have created as many rooms as this service allows"));
            return null;
        }
        Room created = Room.create(roomJid, creator, limits, services);
        Room existing = rooms.putIfAbsent(roomJid, created);
        return existing != null ? existing : created;
    }

    private void message(Jid roomJid, Stanza message) {
        Room room = rooms.get(roomJid);
        boolean groupchat = message.type().equals("groupchat");
        boolean handled;
        if (room == null) {
            handled = false;
        } else if (message.to().resource() == null) {
            handled = groupchat ? room.groupchat(message) : toRoom(room, message);
        } else if (groupchat) {
            // §7.5: a groupchat message goes to the room, never to one occupant.
            out.route(message.error(StanzaError.BAD_REQUEST, "Groupchat messages go to the room's bare JID"));
            return;
        } else {
            handled = room.privateMessage(message);
        }
        if (!handled) {
            out.route(message.error(StanzaError.ITEM_NOT_FOUND, "No such room"));
        }
    }

    /** A message to the room that is not groupchat: an invitation or a declined one (§7.8.2), a voice request (§7.13). */
    private boolean toRoom(Room room, Stanza message) {
        Element form = message.element().child("x", DataForm.NAMESPACE);
        if (form != null) {
            try {
                DataForm parsed = DataForm.parse(form);
                if (Muc.REQUEST.equals(parsed.formType())) {
                    return room.voiceRequest(message, parsed);
                }
            } catch (IllegalArgumentException e) {
                log.info("{} sent {} a form that does not parse: {}", message.from(), room.jid(), e.getMessage());
                out.route(message.error(StanzaError.BAD_REQUEST, e.getMessage()));
                return true;
            }
        }
        Element x = message.element().child("x", Muc.USER);
        List<Element> invites = x == null ? List.of() : x.elements().stream().filter(e -> e.is("invite", Muc.USER)).toList();
        Element decline = x == null ? null : x.child("decline", Muc.USER);
        if (!invites.isEmpty()) {
            return room.invite(message, invites);
        }
        if (decline != null) {
            return room.decline(message, decline);
        }
        out.route(message.error(StanzaError.FEATURE_NOT_IMPLEMENTED, "This room takes groupchat messages and invitations"));
        return true;
    }

    private void iq(Jid roomJid, Stanza iq) {
        Room room = rooms.get(roomJid);
        Element query = iq.payload();
        if (room == null || room.info(iq.from()) == null) {
            out.route(iq.error(StanzaError.ITEM_NOT_FOUND, "No such room"));
        } else if (iq.to().resource() != null) {
            if (!room.occupantIq(iq)) {
                out.route(iq.error(StanzaError.ITEM_NOT_FOUND, "No such room"));
            }
        } else if (query == null) {
            out.route(iq.error(StanzaError.BAD_REQUEST));
        } else if (query.is("query", Muc.DISCO_INFO) && iq.type().equals("get")) {
            String node = query.attribute("node");
            Element info = node == null ? room.info(iq.from())
                    : node.equals(Muc.ROOMUSER_NODE) ? room.reservedNick(iq.from()) : null;
            out.route(info != null ? iq.result(info) : iq.error(StanzaError.ITEM_NOT_FOUND, "No such room or node"));
        } else if (query.is("query", Muc.IQ_REGISTER)) {
            if (!room.register(iq)) {
                out.route(iq.error(StanzaError.ITEM_NOT_FOUND, "No such room"));
            }
        } else if (query.is("query", Muc.DISCO_ITEMS) && iq.type().equals("get")) {
            Element items = room.items(iq.from());
            out.route(items != null ? iq.result(items) : iq.error(StanzaError.ITEM_NOT_FOUND, "No such room"));
        } else if (query.namespace().equals(ArchiveAccess.NAMESPACE)) {
            archiveRequest(room, iq);
        } else if (query.is("moderate", Muc.MODERATE) && iq.type().equals("set")) {
            moderate(room, iq, query.attribute("id"), query, Muc.RETRACT);
        } else if (query.is("apply-to", Muc.FASTEN) && iq.type().equals("set")) {
            Element moderate = query.child("moderate", Muc.MODERATE_0);
            moderate(room, iq, query.attribute("id"), moderate, Muc.RETRACT_0);
        } else if (!(query.is("query", Muc.OWNER) ? room.owner(iq)
                : query.is("query", Muc.ADMIN) ? room.admin(iq) : unsupported(iq))) {
            out.route(iq.error(StanzaError.ITEM_NOT_FOUND, "No such room"));
        }
    }

    /**
     * MAM at the room's JID (XEP-0313): answered outside the room's lock, which only decides who may
     * read the archive and how; the results go to the requester's session as they are read.
     */
    private void archiveRequest(Room room, Stanza iq) {
        ArchiveAccess.View view = archive == null ? null : room.archiveView(iq.from());
        if (archive == null) {
            out.route(iq.error(StanzaError.SERVICE_UNAVAILABLE, "This service keeps no archives"));
        } else if (view == null) {
            log.debug("{} may not read the archive of {}", iq.from(), room.jid());
            out.route(iq.error(StanzaError.FORBIDDEN, "Only those who may enter the room may read its archive"));
        } else {
            out.route(archive.answer(iq, room.jid(), context.sessions().get(iq.from()), view));
        }
    }

    /**
     * XEP-0425: a moderator's retraction of a message by its stanza-id, which only an archived
     * message has; whether it is in the archive is read before the room's lock is taken. The
     * request is {@code <moderate id><retract/><reason/></moderate>} (version 1) or, version 0,
     * {@code <apply-to id><moderate><retract/><reason/></moderate></apply-to>}: {@code retract} is the
     * namespace of the version's retraction.
     */
    private void moderate(Room room, Stanza iq, String id, Element moderate, String retract) {
        if (moderate == null || moderate.child("retract", retract) == null || id == null || id.isBlank()) {
            out.route(iq.error(StanzaError.BAD_REQUEST, "Expected a stanza-id and <moderate><retract/></moderate>"));
        } else if (archive == null) {
            out.route(iq.error(StanzaError.FEATURE_NOT_IMPLEMENTED, "This service keeps no archives, so no stanza ids"));
        } else if (!room.moderate(iq, id, moderate.childText("reason"), archive.contains(room.jid(), id))) {
            out.route(iq.error(StanzaError.ITEM_NOT_FOUND, "No such room"));
        }
    }

    private boolean unsupported(Stanza iq) {
        out.route(iq.error(StanzaError.SERVICE_UNAVAILABLE));
        return true;
    }
}
