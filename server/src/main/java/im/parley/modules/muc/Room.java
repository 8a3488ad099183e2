package im.parley.modules.muc;

import im.parley.module.StanzaSender;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One chat room (XEP-0045) in memory: its occupants by nick, affiliations, configuration,
 * subject and history. Stanzas from many sessions reach it on their own threads; the room's lock
 * orders them, so every occupant sees the room's events in one order. Sending only queues
 * ({@link StanzaSender#route}), so holding the lock while fanning out never waits on a client.
 *
 * <p>Each method returns false when the room was destroyed before the stanza got the lock; the
 * service then handles the stanza as addressed to a room that does not exist.
 */
final class Room {
    private final Jid jid;
    private final Jid creator;
    private final StanzaSender out;
    private final Clock clock;
    private final int maxOccupants;
    private final Consumer<Room> onDestroyed;
    private final Map<String, Occupant> byNick = new LinkedHashMap<>();
    private final Map<Jid, String> nickOf = new HashMap<>();
    private final Map<Jid, Affiliation> affiliations = new HashMap<>();
    private final History history;
    private RoomConfig config = RoomConfig.DEFAULT;
    /** §10.1.1: a new room takes no one but its owner until the owner has configured it. */
    private boolean locked = true;
    private boolean created = true;
    private boolean destroyed;
    /** The last subject change as it is sent on join, without 'to'; null when never set. */
    private Stanza subject;

    Room(Jid jid, Jid creator, StanzaSender out, Clock clock, MucConfig limits, Consumer<Room> onDestroyed) {
        this.jid = jid;
        this.creator = creator;
        this.out = out;
        this.clock = clock;
        this.maxOccupants = limits.occupantsPerRoom();
        this.history = new History(limits.historyLength());
        this.onDestroyed = onDestroyed;
        affiliations.put(creator, Affiliation.OWNER);
    }

    Jid jid() {
        return jid;
    }

    Jid creator() {
        return creator;
    }

    /** Presence to {@code room/nick} (or to the bare room JID, which only an occupant may send). */
    synchronized boolean presence(Stanza presence) {
        if (destroyed) {
            return false;
        }
        Occupant current = occupantOf(presence.from());
        String nick = presence.to().resource();
        switch (presence.type()) {
            case "unavailable" -> {
                if (current != null) {
                    leave(current, presence.element());
                }
            }
            case "available" -> {
                if (current == null) {
                    enter(presence, nick);
                } else if (nick == null || nick.equals(current.nick())) {
                    update(current, presence.element());
                } else {
                    changeNick(current, nick, presence);
                }
            }
            // Subscriptions and probes mean nothing to a room; an occupant's error is not answered.
            default -> {
            }
        }
        return true;
    }

    /** §7.2: entering, in the order of §7.2.3: the others' presence, one's own, history, subject. */
    private void enter(Stanza presence, String nick) {
        Jid real = presence.from();
        Affiliation affiliation = affiliations.getOrDefault(real.bare(), Affiliation.NONE);
        StanzaError refused = refusal(nick, affiliation);
        List<Stanza> past = null;
        if (refused == null) {
            Element mucJoin = presence.element().child("x", Muc.NS);
            try {
                past = history.select(mucJoin == null ? null : mucJoin.child("history", Muc.NS), clock.instant());
            } catch (IllegalArgumentException e) {
                refused = StanzaError.BAD_REQUEST;
            }
        }
        if (refused != null) {
            out.route(presence.error(refused));
            if (byNick.isEmpty()) {
                destroy();
            }
            return;
        }
        Occupant occupant = new Occupant(nick, real, affiliation, affiliation.defaultRole(), content(presence.element(), null));
        boolean seesJids = seesJids(occupant);
        for (Occupant other : byNick.values()) {
            out.route(Stanza.of(view(other, seesJids, List.of(), null)).withTo(real));
        }
        put(occupant);
        broadcast(occupant, null, joinCodes());
        created = false;
        for (Stanza message : past) {
            out.route(message.withTo(real));
        }
        out.route((subject != null ? subject : emptySubject()).withTo(real));
    }

    /** Why an entrant is refused (§7.2.6-§7.2.10, §10.1.1), or null. */
    private StanzaError refusal(String nick, Affiliation affiliation) {
        if (nick == null) {
            return StanzaError.JID_MALFORMED;
        }
        if (locked && affiliation != Affiliation.OWNER) {
            return StanzaError.ITEM_NOT_FOUND;
        }
        if (byNick.containsKey(nick)) {
            return StanzaError.CONFLICT;
        }
        boolean privileged = affiliation == Affiliation.OWNER || affiliation == Affiliation.ADMIN;
        return byNick.size() >= maxOccupants && !privileged ? StanzaError.SERVICE_UNAVAILABLE : null;
    }

    /** Status codes of one's own presence on entering: 110, 100 in a non-anonymous room, 201 for a new room. */
    private List<String> joinCodes() {
        if (created) {
            return config.whoisAnyone() ? List.of("110", "100", "201") : List.of("110", "201");
        }
        return config.whoisAnyone() ? List.of("110", "100") : List.of("110");
    }

    private void update(Occupant current, Element presence) {
        Occupant updated = current.withPresence(content(presence, null));
        put(updated);
        broadcast(updated, null, List.of("110"));
    }

    /** §7.6: unavailable from the old nick with 303 and the new nick, then available from the new one. */
    private void changeNick(Occupant current, String nick, Stanza presence) {
        if (byNick.containsKey(nick)) {
            out.route(presence.error(StanzaError.CONFLICT));
            return;
        }
        Occupant leaving = current.withPresence(content(current.presence(), "unavailable"));
        broadcast(leaving, nick, List.of("303", "110"));
        byNick.remove(current.nick());
        Occupant renamed = current.withNick(nick).withPresence(content(presence.element(), null));
        put(renamed);
        broadcast(renamed, null, List.of("110"));
    }

    /** §7.14: the occupant leaves (or their session ended); a temporary room goes with its last occupant. */
    private void leave(Occupant current, Element unavailable) {
        Occupant gone = new Occupant(current.nick(), current.realJid(), current.affiliation(), Role.NONE,
                content(unavailable, "unavailable"));
        broadcast(gone, null, List.of("110"));
        byNick.remove(current.nick());
        nickOf.remove(current.realJid());
        if (byNick.isEmpty()) {
            destroy();
        }
    }

    /** A groupchat message to the room (§7.4) or a subject change (§8.1). */
    synchronized boolean groupchat(Stanza message) {
        if (destroyed) {
            return false;
        }
        Occupant sender = occupantOf(message.from());
        if (sender == null) {
            out.route(message.error(StanzaError.NOT_ACCEPTABLE, "Only occupants may send messages to the room"));
            return true;
        }
        Element element = message.element();
        boolean subjectChange = element.child("subject", Namespaces.STANZA) != null
                && element.child("body", Namespaces.STANZA) == null;
        if (subjectChange && sender.role() != Role.MODERATOR && !config.changeSubject()) {
            out.route(message.error(StanzaError.FORBIDDEN, "Only moderators may change the subject of this room"));
            return true;
        }
        Stanza shared = Stanza.of(element.toBuilder().attribute("from", jid.withResource(sender.nick()).toString())
                .attribute("to", null).build());
        if (subjectChange) {
            subject = shared;
        } else {
            Instant now = clock.instant();
            history.add(Stanza.of(shared.element().toBuilder().child(delay(now)).build()), now);
        }
        for (Occupant recipient : byNick.values()) {
            out.route(shared.withTo(recipient.realJid()));
        }
        return true;
    }

    /** §7.5: a private message to {@code room/nick}, from the sender's occupant JID to the recipient's real one. */
    synchronized boolean privateMessage(Stanza message) {
        if (destroyed) {
            return false;
        }
        Occupant sender = occupantOf(message.from());
        Occupant recipient = byNick.get(message.to().resource());
        if (sender == null) {
            out.route(message.error(StanzaError.NOT_ACCEPTABLE, "Only occupants may send private messages"));
        } else if (recipient == null) {
            out.route(message.error(StanzaError.ITEM_NOT_FOUND, "No occupant has that nick"));
        } else {
            out.route(Stanza.of(message.element().toBuilder().child(Element.of("x", Muc.USER)).build())
                    .withAddresses(jid.withResource(sender.nick()), recipient.realJid()));
        }
        return true;
    }

    /**
     * An owner's request (§10): the configuration form, a submitted form (which unlocks a new room,
     * §10.1.2), a cancelled one (which destroys a room still locked, §10.1.3) or a destruction (§10.9).
     */
    synchronized boolean owner(Stanza iq) {
        if (destroyed) {
            return false;
        }
        if (affiliations.get(iq.from().bare()) != Affiliation.OWNER) {
            out.route(iq.error(StanzaError.FORBIDDEN, "Only an owner may configure the room"));
            return true;
        }
        Element query = iq.payload();
        if (iq.type().equals("get")) {
            out.route(iq.result(Element.builder("query", Muc.OWNER).child(config.form().toElement()).build()));
            return true;
        }
        Element destroy = query.child("destroy", Muc.OWNER);
        Element form = query.child("x", DataForm.NAMESPACE);
        if (destroy != null) {
            destroyWith(destroy);
        } else if (form == null) {
            out.route(iq.error(StanzaError.BAD_REQUEST, "Expected a data form or <destroy/>"));
            return true;
        } else if (!configure(iq, form)) {
            return true;
        }
        out.route(iq.result(null));
        return true;
    }

    private boolean configure(Stanza iq, Element formElement) {
        try {
            DataForm form = DataForm.parse(formElement);
            if (form.type() == DataForm.Type.CANCEL) {
                if (locked) {
                    destroyWith(Element.of("destroy", Muc.USER));
                }
                return true;
            }
            RoomConfig next = config.apply(form);
            boolean anonymityChanged = next.whoisAnyone() != config.whoisAnyone();
            config = next;
            locked = false;
            if (anonymityChanged) {
                // §10.2.1: occupants are told that the room now shows real JIDs (172) or no longer does (173).
                notifyAll(next.whoisAnyone() ? "172" : "173");
            }
            return true;
        } catch (IllegalArgumentException e) {
            out.route(iq.error(StanzaError.NOT_ACCEPTABLE, e.getMessage()));
            return false;
        }
    }

    private void notifyAll(String code) {
        Stanza notice = Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("type", "groupchat")
                .attribute("from", jid.toString())
                .child(Element.builder("x", Muc.USER).child(status(code)).build()).build());
        for (Occupant o : byNick.values()) {
            out.route(notice.withTo(o.realJid()));
        }
    }

    /** §10.9: every occupant gets unavailable presence carrying the destroy element, then the room is gone. */
    private void destroyWith(Element destroy) {
        Element reason = Element.builder("destroy", Muc.USER).children(destroy.elements().stream()
                .map(e -> Element.builder(e.name(), Muc.USER).text(e.text()).build()).toList())
                .attribute("jid", destroy.attribute("jid")).build();
        for (Occupant o : byNick.values()) {
            Element item = Element.builder("item", Muc.USER).attribute("affiliation", "none").attribute("role", "none").build();
            out.route(Stanza.of(Element.builder("presence", Namespaces.STANZA).attribute("type", "unavailable")
                    .attribute("from", jid.withResource(o.nick()).toString())
                    .child(Element.builder("x", Muc.USER).child(item).child(reason).build()).build()).withTo(o.realJid()));
        }
        byNick.clear();
        nickOf.clear();
        destroy();
    }

    private void destroy() {
        destroyed = true;
        onDestroyed.accept(this);
    }

    /** The room's disco#info (§6.4), or null while it is hidden from this requester (locked, §10.1.1). */
    synchronized Element info(Jid requester) {
        if (destroyed || (locked && affiliations.get(requester.bare()) != Affiliation.OWNER)) {
            return null;
        }
        Element.Builder query = Element.builder("query", Muc.DISCO_INFO)
                .child(Element.builder("identity", Muc.DISCO_INFO).attribute("category", "conference")
                        .attribute("type", "text").attribute("name", displayName()).build());
        for (String feature : List.of(Muc.NS, config.publicRoom() ? "muc_public" : "muc_hidden", "muc_temporary",
                "muc_open", "muc_unmoderated", config.whoisAnyone() ? "muc_nonanonymous" : "muc_semianonymous",
                "muc_unsecured")) {
            query.child(Element.builder("feature", Muc.DISCO_INFO).attribute("var", feature).build());
        }
        return query.build();
    }

    /**
     * The room's disco#items (§6.5): its occupants' room JIDs, to anyone when the room is public
     * (whoever enters sees them anyway), else to occupants only; null when the room is gone.
     */
    synchronized Element items(Jid requester) {
        if (destroyed) {
            return null;
        }
        Element.Builder query = Element.builder("query", Muc.DISCO_ITEMS);
        if (config.publicRoom() || nickOf.containsKey(requester)) {
            for (String nick : byNick.keySet()) {
                query.child(Element.builder("item", Muc.DISCO_ITEMS).attribute("jid", jid.withResource(nick).toString()).build());
            }
        }
        return query.build();
    }

    /**
     * An IQ to {@code room/nick}: a non-occupant gets {@code bad-request} (§6.6); forwarding an
     * occupant's request to another occupant is not built yet.
     */
    synchronized boolean occupantIq(Stanza iq) {
        if (destroyed) {
            return false;
        }
        boolean occupant = nickOf.containsKey(iq.from());
        out.route(iq.error(occupant ? StanzaError.SERVICE_UNAVAILABLE : StanzaError.BAD_REQUEST,
                occupant ? null : "Only occupants may send requests to an occupant"));
        return true;
    }

    /** The room's entry in the service's disco#items (§6.3), or null when it is not listed. */
    synchronized Element listing() {
        if (destroyed || locked || !config.publicRoom()) {
            return null;
        }
        return Element.builder("item", Muc.DISCO_ITEMS).attribute("jid", jid.toString())
                .attribute("name", displayName()).build();
    }

    private String displayName() {
        return config.name().isEmpty() ? jid.local() : config.name();
    }

    private Occupant occupantOf(Jid real) {
        String nick = nickOf.get(real);
        return nick == null ? null : byNick.get(nick);
    }

    private void put(Occupant occupant) {
        byNick.put(occupant.nick(), occupant);
        nickOf.put(occupant.realJid(), occupant.nick());
    }

    private boolean seesJids(Occupant recipient) {
        return config.whoisAnyone() || recipient.role() == Role.MODERATOR;
    }

    /**
     * Sends {@code subject}'s presence to every occupant, building it once per view (§7.2.3): the
     * subject's own with {@code selfCodes}, one with the real JID for those allowed to see it,
     * one without for the rest.
     */
    private void broadcast(Occupant subject, String newNick, List<String> selfCodes) {
        Stanza self = Stanza.of(view(subject, true, selfCodes, newNick));
        Stanza withJid = null;
        Stanza withoutJid = null;
        List<String> othersCodes = selfCodes.contains("303") ? List.of("303") : List.of();
        for (Occupant recipient : byNick.values()) {
            Stanza shown;
            if (recipient.realJid().equals(subject.realJid())) {
                shown = self;
            } else if (seesJids(recipient)) {
                shown = withJid != null ? withJid : (withJid = Stanza.of(view(subject, true, othersCodes, newNick)));
            } else {
                shown = withoutJid != null ? withoutJid : (withoutJid = Stanza.of(view(subject, false, othersCodes, newNick)));
            }
            out.route(shown.withTo(recipient.realJid()));
        }
    }

    /** An occupant's presence as the room shows it: from {@code room/nick}, with the muc#user item and status codes. */
    private Element view(Occupant o, boolean withJid, List<String> codes, String newNick) {
        Element.Builder item = Element.builder("item", Muc.USER).attribute("affiliation", o.affiliation().value())
                .attribute("role", o.role().value());
        if (withJid) {
            item.attribute("jid", o.realJid().toString());
        }
        item.attribute("nick", newNick);
        Element.Builder x = Element.builder("x", Muc.USER).child(item.build());
        codes.forEach(code -> x.child(status(code)));
        return o.presence().toBuilder().attribute("from", jid.withResource(o.nick()).toString()).child(x.build()).build();
    }

    private static Element status(String code) {
        return Element.builder("status", Muc.USER).attribute("code", code).build();
    }

    /** A client's presence without its addresses and MUC elements, as the room re-sends it. */
    private static Element content(Element presence, String type) {
        Element.Builder b = Element.builder("presence", Namespaces.STANZA).attribute("type", type);
        for (Element child : presence.elements()) {
            if (!child.is("x", Muc.NS) && !child.is("x", Muc.USER)) {
                b.child(child);
            }
        }
        return b.build();
    }

    private Element delay(Instant at) {
        return Element.builder("delay", Namespaces.DELAY).attribute("from", jid.toString())
                .attribute("stamp", DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS))).build();
    }

    /** §7.2.15: a room without a subject sends an empty one, from the room itself. */
    private Stanza emptySubject() {
        return Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("type", "groupchat")
                .attribute("from", jid.toString()).child(Element.of("subject", Namespaces.STANZA)).build());
    }
}
