package im.parley.modules.muc;

import im.parley.module.StanzaSender;
import im.parley.modules.mam.ArchiveAccess;
import im.parley.modules.mam.StanzaIds;
import im.parley.modules.push.PushNotifications;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat room (XEP-0045): its occupants by nick, affiliations, configuration, subject and
 * history. Stanzas from many sessions reach it on their own threads; the room's lock orders them,
 * so every occupant sees the room's events in one order. Sending only queues
 * ({@link StanzaSender#route}), so holding the lock while fanning out never waits on a client.
 * A persistent room writes its configuration and affiliations to its {@link RoomStore} on every
 * change, under the lock, so the stored state is always one the room has been in.
 *
 * <p>Each method returns false when the room was destroyed before the stanza got the lock; the
 * service then handles the stanza as addressed to a room that does not exist.
 */
final class Room {
    private static final Logger log = LoggerFactory.getLogger(Room.class);

    private final Jid jid;
    private final Jid creator;
    private final StanzaSender out;
    private final Clock clock;
    private final MucConfig limits;
    private final RoomStore store;
    private final Consumer<Room> onDestroyed;
    private final Map<String, Occupant> byNick = new LinkedHashMap<>();
    private final Map<Jid, String> nickOf = new HashMap<>();
    /** Affiliations other than none, by bare JID. */
    private final Map<Jid, Affiliation> affiliations;
    /** Reserved nicks (§7.10) of affiliated users, by bare JID: no one else enters with one. */
    private final Map<Jid, String> reservedNicks;
    private final History history;
    private final OccupantIds occupantIds;
    private RoomConfig config;
    /** §10.1.1: a new room takes no one but its owner until the owner has configured it. */
    private boolean locked;
    private boolean created;
    private boolean destroyed;
    /** The last subject change as it is sent on join, without 'to'; null when never set. */
    private Stanza subject;
    private final ForwardedRequests forwarded = new ForwardedRequests();
    /** The room's archive, null when the service keeps none (the archive feature is off). */
    private final RoomArchive archive;
    /** Push notifications (XEP-0357) for members mentioned while away; null when the push feature is off. */
    private final PushNotifications push;
    /** What each occupant (by real bare JID) may still send (muc.limits.messages-per-second). */
    private final Map<Jid, MessageRate> rates = new HashMap<>();
    /** The last nick of each affiliated user in this room (in memory), for mentions of those away. */
    private final Map<Jid, String> lastNicks = new HashMap<>();
    /** Whether the room has archived (logging was on at some time): its archive goes with it. */
    private boolean archiveKept;

    private Room(Jid jid, Jid creator, RoomConfig config, Map<Jid, Affiliation> affiliations, Map<Jid, String> reservedNicks,
            OccupantIds occupantIds, boolean isNew, MucConfig limits, Services services) {
        this.jid = jid;
        this.occupantIds = occupantIds;
        this.creator = creator;
        this.config = config;
        this.affiliations = new HashMap<>(affiliations);
        this.reservedNicks = new HashMap<>(reservedNicks);
        this.locked = isNew;
        this.created = isNew;
        this.out = services.out();
        this.clock = services.clock();
        this.limits = limits;
        this.store = services.store();
        this.onDestroyed = services.onDestroyed();
        this.history = new History(limits.historyLength());
        this.archive = services.archive() == null ? null : new RoomArchive(jid, services.archive());
        this.archiveKept = config.logging();
        this.push = services.push();
    }

    /**
     * What every room of a service shares; {@code archive} is null when the service keeps no
     * archives, {@code push} when the push feature is off.
     */
    record Services(StanzaSender out, Clock clock, RoomStore store, ArchiveAccess archive, PushNotifications push,
            Consumer<Room> onDestroyed) {
    }

    /** §10.1.1: a new room, locked and owned by whoever entered it; {@code limits} are its host's. */
    static Room create(Jid jid, Jid creator, MucConfig limits, Services services) {
        return new Room(jid, creator, RoomConfig.defaults(limits.historyLength()), Map.of(creator, Affiliation.OWNER),
                Map.of(), OccupantIds.fresh(), true, limits, services);
    }

    /** A persistent room as it was stored: unlocked and empty; {@code limits} are its host's. */
    static Room restore(RoomStore.StoredRoom stored, MucConfig limits, Services services) {
        Room room = new Room(stored.jid(), stored.creator(), stored.config(), stored.affiliations(), stored.nicks(),
                OccupantIds.of(stored.occupantIdKey()), false, limits, services);
        room.subject = stored.subject() == null ? null : Stanza.of(stored.subject());
        if (room.archiving()) {
            // The history sent on entering, from the archive: what was said before the restart.
            for (ArchiveAccess.Archived said : room.archive.latestMessages(room.limits.historyLength())) {
                room.history.add(Stanza.of(said.message().toBuilder().child(room.delay(said.at())).build()), said.at());
            }
        }
        return room;
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
                if (current != null && current.sessions().size() > 1) {
                    leaveSession(current, presence.from(), presence.element());
                } else if (current != null) {
                    remove(current, content(presence.element(), "unavailable"), current.affiliation(), List.of(),
                            List.of());
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
        Affiliation affiliation = affiliationOf(real);
        Element mucJoin = presence.element().child("x", Muc.NS);
        Occupant same = nick == null ? null : byNick.get(nick);
        boolean anotherSession = same != null && same.realJid().bare().equals(real.bare());
        StanzaError refused = refusal(real, nick, affiliation, mucJoin, anotherSession);
        List<Stanza> past = null;
        if (refused == null) {
            try {
                past = history.select(mucJoin == null ? null : mucJoin.child("history", Muc.NS), clock.instant(),
                        config.historyLength());
            } catch (IllegalArgumentException e) {
                refused = StanzaError.BAD_REQUEST;
            }
        }
        if (refused != null) {
            log.debug("{} may not enter {} as {}: {}", real, jid, nick, refused);
            out.route(presence.error(refused));
            closeIfEmpty();
            return;
        }
        Occupant occupant = anotherSession ? same.withSession(real)
                : new Occupant(nick, List.of(real), affiliation, affiliation.defaultRole(config.moderated()),
                        content(presence.element(), null), occupantIds.of(real));
        boolean seesJids = seesJids(occupant);
        for (Occupant other : byNick.values()) {
            if (other != same && config.presenceBroadcast().contains(other.role())) {
                out.route(Stanza.of(view(other, seesJids, Shown.NOTHING)).withTo(real));
            }
        }
        put(occupant);
        if (anotherSession) {
            // The others see the occupant already: only the new session learns it is in (with 110).
            out.route(Stanza.of(view(occupant, true, Shown.self(joinCodes()))).withTo(real));
        } else {
            broadcast(occupant, Shown.self(joinCodes()));
        }
        created = false;
        for (Stanza message : past) {
            out.route(message.withTo(real));
        }
        out.route((subject != null ? subject : emptySubject()).withTo(real));
    }

    /** Why an entrant is refused (§7.2.6-§7.2.10, §10.1.1), or null. */
    private StanzaError refusal(Jid real, String nick, Affiliation affiliation, Element mucJoin, boolean anotherSession) {
        if (nick == null) {
            return StanzaError.JID_MALFORMED;
        }
        if (locked && affiliation != Affiliation.OWNER) {
            return StanzaError.ITEM_NOT_FOUND;
        }
        if (affiliation == Affiliation.OUTCAST) {
            return StanzaError.FORBIDDEN;
        }
        if (config.membersOnly() && !affiliation.above(Affiliation.NONE)) {
            return StanzaError.REGISTRATION_REQUIRED;
        }
        String password = mucJoin == null ? null : mucJoin.childText("password");
        if (config.secret() != null && !config.secret().matches(password)) {
            return StanzaError.NOT_AUTHORIZED;
        }
        if (anotherSession) {
            // The same account from another device, under its nick: the same occupant (§7.2.7 lets it in).
            return null;
        }
        if (byNick.containsKey(nick) || reservedByAnother(nick, real)) {
            return StanzaError.CONFLICT;
        }
        // §7.2.10: owners and admins enter a full room all the same.
        return full() && !affiliation.privileged() ? StanzaError.SERVICE_UNAVAILABLE : null;
    }

    private boolean full() {
        int most = config.maxUsers() == 0 ? limits.occupantsPerRoom() : Math.min(config.maxUsers(), limits.occupantsPerRoom());
        return byNick.size() >= most;
    }

    /** Status codes of one's own presence on entering: 110, 100 in a non-anonymous room, 201 for a new room. */
    private List<String> joinCodes() {
        List<String> codes = new ArrayList<>(List.of("110"));
        if (config.whoisAnyone()) {
            codes.add("100");
        }
        if (archiving()) {
            // §7.2.12: the entrant is warned that the discussion is logged.
            codes.add("170");
        }
        if (created) {
            codes.add("201");
        }
        return codes;
    }

    private void update(Occupant current, Element presence) {
        Occupant updated = current.withPresence(content(presence, null));
        put(updated);
        broadcast(updated, Shown.self(List.of("110")));
    }

    /** §7.6: unavailable from the old nick with 303 and the new nick, then available from the new one. */
    private void changeNick(Occupant current, String nick, Stanza presence) {
        if (byNick.containsKey(nick) || reservedByAnother(nick, presence.from())) {
            out.route(presence.error(StanzaError.CONFLICT));
            return;
        }
        Occupant leaving = current.withPresence(content(current.presence(), "unavailable"));
        broadcast(leaving, new Shown(List.of("303", "110"), List.of("303"), nick, List.of()));
        byNick.remove(current.nick());
        Occupant renamed = current.withNick(nick).withPresence(content(presence.element(), null));
        put(renamed);
        broadcast(renamed, Shown.self(List.of("110")));
    }

    /**
     * An occupant leaves (§7.14), their session ended, or they were removed (§8.2, §9.1, §9.5):
     * everyone sees the unavailable presence with {@code codes} and {@code itemChildren} (actor,
     * reason), the occupant with 110 as well.
     */
    private void remove(Occupant current, Element unavailable, Affiliation affiliation, List<String> codes,
            List<Element> itemChildren) {
        Occupant gone = new Occupant(current.nick(), current.sessions(), affiliation, Role.NONE, unavailable,
                current.occupantId());
        List<String> selfCodes = new ArrayList<>(codes);
        selfCodes.add("110");
        broadcast(gone, new Shown(selfCodes, codes, null, itemChildren), current.role());
        byNick.remove(current.nick());
        current.sessions().forEach(nickOf::remove);
        rates.remove(current.realJid().bare());
        closeIfEmpty();
    }

    /** One of an occupant's several sessions leaves: it alone is told (110); the others still see the occupant. */
    private void leaveSession(Occupant current, Jid session, Element unavailable) {
        Occupant gone = new Occupant(current.nick(), List.of(session), current.affiliation(), Role.NONE,
                content(unavailable, "unavailable"), current.occupantId());
        out.route(Stanza.of(view(gone, true, Shown.self(List.of("110")))).withTo(session));
        put(current.withoutSession(session));
        nickOf.remove(session);
    }

    /** §7.12: whether another user than {@code user} reserved the nick in this room. */
    private boolean reservedByAnother(String nick, Jid user) {
        for (Map.Entry<Jid, String> reserved : reservedNicks.entrySet()) {
            if (reserved.getValue().equals(nick) && !reserved.getKey().equals(user.bare())) {
                return true;
            }
        }
        return false;
    }

    /** A temporary room goes with its last occupant (§10.1.1); a persistent one stays. */
    private void closeIfEmpty() {
        if (byNick.isEmpty() && !config.persistent() && !destroyed) {
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
        if (!sender.role().hasVoice()) {
            out.route(message.error(StanzaError.FORBIDDEN, "Visitors have no voice in this room"));
            return true;
        }
        if (!mayTalk(sender, message)) {
            return true;
        }
        if (subjectChange && sender.role() != Role.MODERATOR && !config.changeSubject()) {
            out.route(message.error(StanzaError.FORBIDDEN, "Only moderators may change the subject of this room"));
            return true;
        }
        Element sent = OccupantIds.withoutClaims(archive == null ? element : archive.withoutClaims(element)).toBuilder()
                .attribute("from", jid.withResource(sender.nick()).toString()).attribute("to", null)
                .child(OccupantIds.element(sender.occupantId())).build();
        // XEP-0313 §7.2: messages with a body and subject changes go into the archive.
        boolean archived = archiving() && (subjectChange || element.child("body", Namespaces.STANZA) != null);
        Stanza shared = Stanza.of(archived ? archive.archived(sent, message.from()) : sent);
        if (subjectChange) {
            subject = shared;
            persist();
        } else {
            Instant now = clock.instant();
            history.add(Stanza.of(shared.element().toBuilder().child(delay(now)).build()), now);
        }
        toEveryone(shared);
        if (push != null && !subjectChange) {
            pushMentions(shared, sender);
        }
        return true;
    }

    /**
     * Whether the occupant is within its message rate (muc.limits.messages-per-second); when not, the
     * message is refused resource-constraint, of type wait: the client may send it again shortly.
     */
    private boolean mayTalk(Occupant sender, Stanza message) {
        if (limits.messagesPerSecond() == 0) {
            return true;
        }
        Instant now = clock.instant();
        if (rates.computeIfAbsent(sender.realJid().bare(), user -> new MessageRate(limits.messagesPerSecond(), now)).take(now)) {
            return true;
        }
        log.debug("{} in {} sends faster than {} messages a second: refused", sender.realJid(), jid, limits.messagesPerSecond());
        out.route(message.error(StanzaError.RESOURCE_CONSTRAINT, "You are sending messages too fast; try again shortly"));
        return false;
    }

    /**
     * Members never miss a message (issue 13): one that mentions an affiliated user none of whose
     * sessions is in the room goes to that user's push services (XEP-0357), whose client then
     * catches up through the room's archive. Standard protocols only: the push is the one a
     * one-to-one message makes, from the sender's occupant JID.
     */
    private void pushMentions(Stanza message, Occupant sender) {
        Set<Jid> present = new HashSet<>();
        byNick.values().forEach(o -> present.add(o.realJid().bare()));
        affiliations.forEach((user, affiliation) -> {
            if (affiliation.above(Affiliation.NONE) && !present.contains(user)
                    && Mentions.mentions(message.element(), user, reservedNicks.getOrDefault(user, lastNicks.get(user)), jid)) {
                log.debug("{} in {} mentions {}, who is away: pushed", sender.nick(), jid, user);
                push.notify(user, message);
            }
        });
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
        } else if (!config.mayMessagePrivately(sender.role())) {
            out.route(message.error(StanzaError.FORBIDDEN, "This room does not let you send private messages"));
        } else if (!mayTalk(sender, message)) {
            return true;
        } else if (recipient == null) {
            out.route(message.error(StanzaError.ITEM_NOT_FOUND, "No occupant has that nick"));
        } else {
            send(recipient, Stanza.of(OccupantIds.withoutClaims(message.element()).toBuilder()
                    .attribute("from", jid.withResource(sender.nick()).toString()).attribute("to", null)
                    .child(Element.of("x", Muc.USER)).child(OccupantIds.element(sender.occupantId())).build()));
        }
        return true;
    }

    /**
     * A moderator retracts an occupant's message by the stanza-id the room gave it (XEP-0425): every
     * occupant is told, and a tombstone takes the message's place in the archive (where the
     * announcement goes too, for those who catch up later) and in the history sent on entering.
     * {@code archived}: whether the room's archive has a message with that id.
     */
    synchronized boolean moderate(Stanza iq, String id, String reason, boolean archived) {
        if (destroyed) {
            return false;
        }
        Occupant moderator = occupantOf(iq.from());
        if (moderator == null || moderator.role() != Role.MODERATOR) {
            out.route(iq.error(StanzaError.FORBIDDEN, "Only moderators may retract others' messages"));
            return true;
        }
        if (!archived) {
            out.route(iq.error(StanzaError.ITEM_NOT_FOUND, "This room's archive has no message " + id));
            return true;
        }
        Moderation.Moderator moderated = new Moderation.Moderator(jid.withResource(moderator.nick()),
                moderator.occupantId());
        Instant at = clock.instant();
        UnaryOperator<Element> tombstone = message -> Moderation.tombstone(message, moderated, reason, at);
        archive.bury(id, tombstone);
        history.replace(message -> id.equals(StanzaIds.idBy(message, jid)), tombstone);
        Element announcement = Moderation.announcement(jid, id, moderated, reason);
        toEveryone(Stanza.of(archiving() ? archive.archived(announcement, iq.from()) : announcement));
        out.route(iq.result(null));
        return true;
    }

    /**
     * Registering with the room (§7.10, XEP-0077): a get answers the registered nick or the form, a
     * set with the form reserves the nick and makes an unaffiliated user a member. In a members-only
     * room only its members register (membership is the admins' to give there): not-allowed, as for
     * an outcast. A nick reserved by another or in use by another occupant is a conflict.
     */
    synchronized boolean register(Stanza iq) {
        if (destroyed) {
            return false;
        }
        Jid user = iq.from().bare();
        Affiliation affiliation = affiliationOf(user);
        if (affiliation == Affiliation.OUTCAST || (config.membersOnly() && !affiliation.above(Affiliation.NONE))) {
            out.route(iq.error(StanzaError.NOT_ALLOWED, "You may not register with this room"));
            return true;
        }
        if (iq.type().equals("get")) {
            String nick = reservedNicks.get(user);
            out.route(iq.result(nick != null
                    ? Element.builder("query", Muc.IQ_REGISTER).child(Element.of("registered", Muc.IQ_REGISTER))
                            .textChild("username", nick).build()
                    : Element.builder("query", Muc.IQ_REGISTER).child(registrationForm().toElement()).build()));
            return true;
        }
        Element x = iq.payload().child("x", DataForm.NAMESPACE);
        String nick;
        try {
            nick = x == null ? null : DataForm.parse(x).value("muc#register_roomnick");
        } catch (IllegalArgumentException e) {
            nick = null;
        }
        Occupant using = nick == null ? null : byNick.get(nick);
        if (nick == null || nick.isBlank() || Jid.parseOrNull(jid.withResource(nick).toString()) == null) {
            out.route(iq.error(StanzaError.BAD_REQUEST, "Expected the muc#register form with muc#register_roomnick"));
        } else if (reservedByAnother(nick, user) || (using != null && !using.realJid().bare().equals(user))) {
            out.route(iq.error(StanzaError.CONFLICT, "That nick is someone else's in this room"));
        } else {
            reservedNicks.put(user, nick);
            if (affiliation == Affiliation.NONE) {
                changeAffiliation(user, Affiliation.MEMBER, List.of());
            }
            persist();
            out.route(iq.result(null));
        }
        return true;
    }

    private static DataForm registrationForm() {
        return DataForm.of(DataForm.Type.FORM, "Registration", List.of(DataForm.Field.formType(Muc.REGISTER),
                new DataForm.Field("muc#register_roomnick", "text-single", "Desired nickname", null, true, List.of(),
                        List.of())));
    }

    /** §7.12: the requester's reserved nick as the identity of the x-roomuser-item node; an empty query when none. */
    synchronized Element reservedNick(Jid requester) {
        String nick = reservedNicks.get(requester.bare());
        Element.Builder query = Element.builder("query", Muc.DISCO_INFO).attribute("node", Muc.ROOMUSER_NODE);
        if (nick != null) {
            query.child(Element.builder("identity", Muc.DISCO_INFO).attribute("category", "conference")
                    .attribute("type", "text").attribute("name", nick).build());
        }
        return query.build();
    }

    /**
     * A mediated invitation (§7.8.2): the room sends each invitee a message from itself naming the
     * inviter's real JID, with the password of a protected room. Admins and owners may always
     * invite, other occupants when the room allows invitations (muc#roomconfig_allowinvites);
     * in a members-only room the invitee becomes a member (§9.5).
     */
    synchronized boolean invite(Stanza message, List<Element> invites) {
        if (destroyed) {
            return false;
        }
        Occupant sender = occupantOf(message.from());
        if (sender == null) {
            out.route(message.error(StanzaError.NOT_ACCEPTABLE, "Only occupants may invite"));
            return true;
        }
        if (!config.allowInvites() && !sender.affiliation().privileged()) {
            out.route(message.error(StanzaError.FORBIDDEN, "This room does not let occupants invite others"));
            return true;
        }
        for (Element invite : invites) {
            Jid invitee = Jid.parseOrNull(invite.attribute("to"));
            if (invitee == null) {
                out.route(message.error(StanzaError.JID_MALFORMED, "An invitation needs a 'to'"));
                return true;
            }
            if (config.membersOnly() && affiliationOf(invitee) == Affiliation.NONE) {
                changeAffiliation(invitee.bare(), Affiliation.MEMBER, List.of());
                persist();
            }
            Element.Builder x = Element.builder("x", Muc.USER).child(Element.builder("invite", Muc.USER)
                    .attribute("from", message.from().toString()).children(reasonOf(invite)).build());
            if (config.secret() != null && config.secret().clear() != null) {
                x.textChild("password", config.secret().clear());
            }
            out.route(Stanza.of(Element.builder("message", Namespaces.STANZA).child(x.build()).build())
                    .withAddresses(jid, invitee));
        }
        return true;
    }

    /** A declined invitation (§7.8.2): the room passes it to the inviter, from the room, naming who declined. */
    synchronized boolean decline(Stanza message, Element decline) {
        if (destroyed) {
            return false;
        }
        Jid inviter = Jid.parseOrNull(decline.attribute("to"));
        if (inviter == null) {
            out.route(message.error(StanzaError.JID_MALFORMED, "A declined invitation needs a 'to'"));
            return true;
        }
        Element x = Element.builder("x", Muc.USER).child(Element.builder("decline", Muc.USER)
                .attribute("from", message.from().bare().toString()).children(reasonOf(decline)).build()).build();
        out.route(Stanza.of(Element.builder("message", Namespaces.STANZA).child(x).build()).withAddresses(jid, inviter));
        return true;
    }

    private static List<Element> reasonOf(Element invitation) {
        Element reason = invitation.child("reason", Muc.USER);
        return reason == null ? List.of() : List.of(reason);
    }

    /**
     * A voice request (§7.13) or a moderator's answer to one (§8.6), both a {@code muc#request}
     * form sent to the room. A visitor's request goes to every moderator as a form naming the
     * visitor; a moderator who submits it with {@code muc#request_allow} true grants voice, under the
     * same rules as a role change. Anyone else's request is not-acceptable.
     */
    synchronized boolean voiceRequest(Stanza message, DataForm form) {
        if (destroyed) {
            return false;
        }
        Occupant sender = occupantOf(message.from());
        if (sender == null) {
            out.route(message.error(StanzaError.NOT_ACCEPTABLE, "Only occupants may ask for voice"));
        } else if (form.field("muc#roomnick") != null) {
            answerVoiceRequest(message, sender, form);
        } else if (sender.role() != Role.VISITOR) {
            out.route(message.error(StanzaError.NOT_ACCEPTABLE, "Only visitors ask for voice"));
        } else {
            Stanza request = Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("from", jid.toString())
                    .child(voiceRequestForm(sender).toElement()).build());
            for (Occupant o : byNick.values()) {
                if (o.role() == Role.MODERATOR) {
                    send(o, request);
                }
            }
        }
        return true;
    }

    private DataForm voiceRequestForm(Occupant visitor) {
        return DataForm.of(DataForm.Type.FORM, "Voice request", List.of(
                DataForm.Field.formType(Muc.REQUEST),
                DataForm.Field.of("muc#role", "list-single", "Requested role", Role.PARTICIPANT.value()),
                DataForm.Field.of("muc#jid", "jid-single", "User ID", visitor.realJid().toString()),
                DataForm.Field.of("muc#roomnick", "text-single", "Room nickname", visitor.nick()),
                DataForm.Field.of("muc#request_allow", "boolean", "Grant voice to this person?", "false")));
    }

    private void answerVoiceRequest(Stanza message, Occupant moderator, DataForm form) {
        Occupant visitor = byNick.get(form.value("muc#roomnick"));
        if (!Boolean.TRUE.equals(DataForm.parseBoolean(form.value("muc#request_allow")))) {
            return;
        }
        if (visitor == null) {
            out.route(message.error(StanzaError.ITEM_NOT_FOUND, "No occupant has that nick"));
            return;
        }
        StanzaError refused = Privileges.roleChange(moderator.affiliation(), moderator.role(), visitor.affiliation(),
                visitor.role(), Role.PARTICIPANT);
        if (refused != null) {
            out.route(message.error(refused));
        } else if (visitor.role() == Role.VISITOR) {
            changeRole(visitor, Role.PARTICIPANT, List.of());
        }
    }

    /**
     * An owner's request (§10): the configuration form, a submitted form (which unlocks a new room,
     * §10.1.2), a cancelled one (which destroys a room still locked, §10.1.3) or a destruction (§10.9).
     */
    synchronized boolean owner(Stanza iq) {
        if (destroyed) {
            return false;
        }
        if (affiliationOf(iq.from()) != Affiliation.OWNER) {
            out.route(iq.error(StanzaError.FORBIDDEN, "Only an owner may configure the room"));
            return true;
        }
        Element query = iq.payload();
        if (iq.type().equals("get")) {
            out.route(iq.result(Element.builder("query", Muc.OWNER)
                    .child(config.form(listed(Affiliation.ADMIN), listed(Affiliation.OWNER)).toElement()).build()));
            return true;
        }
        Element destroy = query.child("destroy", Muc.OWNER);
        Element form = query.child("x", DataForm.NAMESPACE);
        if (destroy != null) {
            destroyWith(destroy);
            out.route(iq.result(null));
        } else if (form == null) {
            out.route(iq.error(StanzaError.BAD_REQUEST, "Expected a data form or <destroy/>"));
        } else {
            configure(iq, form);
        }
        return true;
    }

    private void configure(Stanza iq, Element formElement) {
        DataForm form;
        RoomConfig next;
        try {
            form = DataForm.parse(formElement);
            if (form.type() == DataForm.Type.CANCEL) {
                out.route(iq.result(null));
                if (locked) {
                    destroyWith(Element.of("destroy", Muc.USER));
                }
                return;
            }
            next = config.apply(form, limits.historyLength());
            if (next.logging() && archive == null) {
                throw new IllegalArgumentException("This service keeps no archives: " + RoomConfig.LOGGING + " must be off");
            }
        } catch (IllegalArgumentException e) {
            log.info("{} sent {} a configuration it does not take: {}", iq.from(), jid, e.getMessage());
            out.route(iq.error(StanzaError.NOT_ACCEPTABLE, e.getMessage()));
            return;
        }
        List<Change> listChanges = listChanges(form);
        if (listChanges == null) {
            out.route(iq.error(StanzaError.CONFLICT, "A room keeps at least one owner"));
            return;
        }
        RoomConfig previous = config;
        config = next;
        archiveKept |= next.logging();
        locked = false;
        out.route(iq.result(null));
        applyAll(listChanges, iq.from());
        announceConfigChange(previous);
        if (!previous.membersOnly() && next.membersOnly()) {
            // §9.5 (members-only rooms): non-members leave with 322.
            for (Occupant o : List.copyOf(byNick.values())) {
                if (!o.affiliation().above(Affiliation.NONE)) {
                    remove(o, content(o.presence(), "unavailable"), o.affiliation(), List.of("322"), List.of());
                }
            }
        }
        persistOrForget(previous.persistent());
        closeIfEmpty();
    }

    /**
     * The affiliation changes the form's admin and owner lists make (they give the full lists,
     * §10.2), or null when they would leave the room without an owner.
     */
    private List<Change> listChanges(DataForm form) {
        List<Change> changes = new ArrayList<>();
        Map<Jid, Affiliation> after = new HashMap<>(affiliations);
        for (var list : List.of(Map.entry(RoomConfig.ADMINS, Affiliation.ADMIN), Map.entry(RoomConfig.OWNERS, Affiliation.OWNER))) {
            if (form.field(list.getKey()) == null) {
                continue;
            }
            List<Jid> wanted = new ArrayList<>();
            for (String value : form.values(list.getKey())) {
                Jid user = Jid.parseOrNull(value.strip());
                if (user != null) {
                    wanted.add(user.bare());
                }
            }
            affiliations.forEach((user, affiliation) -> {
                if (affiliation == list.getValue() && !wanted.contains(user)) {
                    changes.add(Change.affiliation(user, Affiliation.NONE, null));
                    after.remove(user);
                }
            });
            for (Jid user : wanted) {
                if (affiliationOf(user) != list.getValue()) {
                    changes.add(Change.affiliation(user, list.getValue(), null));
                    after.put(user, list.getValue());
                }
            }
        }
        return after.containsValue(Affiliation.OWNER) ? changes : null;
    }

    /**
     * §10.2.1: 170 or 171 when the room starts or stops logging, 172 or 173 when it starts or stops
     * showing real JIDs, else 104 (a change that is not about privacy), each in a message of its own.
     */
    private void announceConfigChange(RoomConfig previous) {
        List<String> codes = new ArrayList<>();
        if (previous.logging() != config.logging()) {
            // Only a room of a service that keeps archives is configured to log.
            codes.add(config.logging() ? "170" : "171");
        }
        if (previous.whoisAnyone() != config.whoisAnyone()) {
            codes.add(config.whoisAnyone() ? "172" : "173");
        }
        if (codes.isEmpty() && !previous.equals(config)) {
            codes.add("104");
        }
        codes.forEach(code -> toEveryone(notice(code)));
    }

    /** After a configuration change: a persistent room is stored, one that just stopped being persistent forgotten. */
    private void persistOrForget(boolean wasPersistent) {
        if (config.persistent()) {
            persist();
        } else if (wasPersistent) {
            store.delete(jid);
        }
    }

    /** A persistent room writes its lasting state after each change of it. */
    private void persist() {
        if (config.persistent()) {
            store.save(new RoomStore.StoredRoom(jid, creator, config, Map.copyOf(affiliations), occupantIds.key(),
                    Map.copyOf(reservedNicks), subject == null ? null : subject.element()));
        }
    }

    /**
     * A muc#admin request (§8-§10): a list of one role or affiliation (get), or changes of roles by
     * nick and of affiliations by JID (set), applied all or none: the first refused item refuses
     * the request.
     */
    synchronized boolean admin(Stanza iq) {
        if (destroyed) {
            return false;
        }
        List<Element> items = iq.payload().elements().stream().filter(e -> e.is("item", Muc.ADMIN)).toList();
        if (items.isEmpty()) {
            out.route(iq.error(StanzaError.BAD_REQUEST, "Expected an item"));
        } else if (iq.type().equals("get")) {
            list(iq, items.get(0));
        } else {
            change(iq, items);
        }
        return true;
    }

    /** §8.5, §9.3, §9.5, §9.8, §10.5, §10.7: the users with one affiliation, or the occupants with one role. */
    private void list(Stanza iq, Element request) {
        Affiliation actor = affiliationOf(iq.from());
        Occupant asOccupant = occupantOf(iq.from());
        Role actorRole = asOccupant == null ? Role.NONE : asOccupant.role();
        Affiliation affiliation = Affiliation.parse(request.attribute("affiliation"));
        Role role = Role.parse(request.attribute("role"));
        List<Element> listed = new ArrayList<>();
        if (affiliation != null) {
            if (!Privileges.mayList(actor, affiliation)) {
                out.route(iq.error(StanzaError.FORBIDDEN, "You may not see that list"));
                return;
            }
            affiliations.forEach((user, a) -> {
                if (a == affiliation) {
                    listed.add(Element.builder("item", Muc.ADMIN).attribute("affiliation", a.value())
                            .attribute("jid", user.toString()).build());
                }
            });
        } else if (role != null && role != Role.NONE) {
            if (!Privileges.mayList(actor, actorRole, role)) {
                out.route(iq.error(StanzaError.FORBIDDEN, "You may not see that list"));
                return;
            }
            for (Occupant o : byNick.values()) {
                if (o.role() == role) {
                    listed.add(Element.builder("item", Muc.ADMIN).attribute("affiliation", o.affiliation().value())
                            .attribute("jid", o.realJid().toString()).attribute("nick", o.nick())
                            .attribute("role", role.value()).build());
                }
            }
        } else {
            out.route(iq.error(StanzaError.BAD_REQUEST, "Expected an affiliation or a role to list"));
            return;
        }
        out.route(iq.result(Element.builder("query", Muc.ADMIN).children(listed).build()));
    }

    /**
     * One requested change: a role for an occupant (by nick), or an affiliation for a bare JID,
     * with the reason to show.
     */
    private record Change(Occupant occupant, Role role, Jid user, Affiliation affiliation, String reason) {
        static Change affiliation(Jid user, Affiliation affiliation, String reason) {
            return new Change(null, null, user, affiliation, reason);
        }
    }

    private void change(Stanza iq, List<Element> items) {
        Affiliation actor = affiliationOf(iq.from());
        Occupant asOccupant = occupantOf(iq.from());
        Role actorRole = asOccupant == null ? Role.NONE : asOccupant.role();
        List<Change> changes = new ArrayList<>();
        Map<Jid, Affiliation> after = new HashMap<>(affiliations);
        for (Element item : items) {
            Change change = parse(item);
            StanzaError refused;
            if (change == null) {
                refused = StanzaError.BAD_REQUEST;
            } else if (change.role() != null) {
                refused = change.occupant() == null ? StanzaError.ITEM_NOT_FOUND : Privileges.roleChange(actor,
                        actorRole, change.occupant().affiliation(), change.occupant().role(), change.role());
            } else {
                refused = Privileges.affiliationChange(actor, change.user().equals(iq.from().bare()),
                        affiliationOf(change.user()), change.affiliation());
                after.put(change.user(), change.affiliation());
            }
            if (refused != null) {
                log.info("{} may not make the change {} in {}: {}", iq.from(), item, jid, refused);
                out.route(iq.error(refused));
                return;
            }
            changes.add(change);
        }
        if (!after.containsValue(Affiliation.OWNER)) {
            // §10.4: a room keeps at least one owner.
            out.route(iq.error(StanzaError.CONFLICT, "A room keeps at least one owner"));
            return;
        }
        out.route(iq.result(null));
        applyAll(changes, iq.from());
        persist();
        closeIfEmpty();
    }

    /** An item as a change, or null when it names neither a role with a nick nor an affiliation with a JID or nick. */
    private Change parse(Element item) {
        String reason = item.childText("reason");
        String nick = item.attribute("nick");
        String affiliationValue = item.attribute("affiliation");
        if (affiliationValue != null && item.attribute("role") != null) {
            // §18 (business rules): one item changes a role or an affiliation, not both.
            return null;
        }
        if (affiliationValue != null) {
            Affiliation affiliation = Affiliation.parse(affiliationValue);
            Jid user = item.attribute("jid") != null ? Jid.parseOrNull(item.attribute("jid"))
                    : nick != null && byNick.containsKey(nick) ? byNick.get(nick).realJid() : null;
            return affiliation == null || user == null ? null : Change.affiliation(user.bare(), affiliation, reason);
        }
        Role role = Role.parse(item.attribute("role"));
        return role == null || nick == null ? null : new Change(byNick.get(nick), role, null, null, reason);
    }

    private void applyAll(List<Change> changes, Jid actor) {
        Occupant actorOccupant = occupantOf(actor);
        List<Element> itemChildren = actorOccupant == null ? List.of()
                : List.of(Element.builder("actor", Muc.USER).attribute("nick", actorOccupant.nick()).build());
        for (Change change : changes) {
            List<Element> extras = new ArrayList<>(itemChildren);
            if (change.reason() != null) {
                extras.add(Element.builder("reason", Muc.USER).text(change.reason()).build());
            }
            if (change.role() != null) {
                // The occupant may have changed with an earlier item of the same request.
                Occupant now = byNick.get(change.occupant().nick());
                if (now != null) {
                    changeRole(now, change.role(), extras);
                }
            } else {
                changeAffiliation(change.user(), change.affiliation(), extras);
            }
        }
    }

    /** §8.2 kick (307), §8.3-§8.4 voice, §9.6-§9.7 moderator status. */
    private void changeRole(Occupant o, Role role, List<Element> extras) {
        if (role == Role.NONE) {
            remove(o, content(o.presence(), "unavailable"), o.affiliation(), List.of("307"), extras);
            return;
        }
        Occupant changed = o.with(o.affiliation(), role);
        put(changed);
        broadcast(changed, new Shown(List.of("110"), List.of(), null, extras));
    }

    /**
     * §9.1 ban (301), §9.4 and §9.5 membership (321 when it removes the occupant from a
     * members-only room), §10.3-§10.8 owners and admins: the user's occupants see their new
     * affiliation and the role it gives.
     */
    private void changeAffiliation(Jid user, Affiliation affiliation, List<Element> extras) {
        Affiliation previous = affiliationOf(user);
        if (affiliation == Affiliation.NONE || affiliation == Affiliation.OUTCAST) {
            // A reserved nick is a member's (§7.10): it goes with the membership.
            reservedNicks.remove(user);
        }
        if (affiliation == Affiliation.NONE) {
            affiliations.remove(user);
        } else {
            affiliations.put(user, affiliation);
        }
        for (Occupant o : List.copyOf(byNick.values())) {
            if (!o.realJid().bare().equals(user)) {
                continue;
            }
            if (affiliation == Affiliation.OUTCAST) {
                remove(o, content(o.presence(), "unavailable"), affiliation, List.of("301"), extras);
            } else if (config.membersOnly() && affiliation == Affiliation.NONE) {
                remove(o, content(o.presence(), "unavailable"), affiliation, List.of("321"), extras);
            } else {
                Occupant changed = o.with(affiliation, roleAfter(o.role(), previous, affiliation));
                put(changed);
                broadcast(changed, new Shown(List.of("110"), List.of(), null, extras));
            }
        }
    }

    /**
     * The role an occupant has after an affiliation change: the new affiliation's default when
     * moderator status comes or goes with it (admins and owners moderate), else the higher of the
     * current role and that default (a member gets voice in a moderated room, a granted
     * moderator stays one).
     */
    private Role roleAfter(Role current, Affiliation previous, Affiliation next) {
        Role byDefault = next.defaultRole(config.moderated());
        if (previous.privileged() || next.privileged()) {
            return byDefault;
        }
        return current.compareTo(byDefault) < 0 ? current : byDefault;
    }

    private Stanza notice(String code) {
        return Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("type", "groupchat")
                .attribute("from", jid.toString())
                .child(Element.builder("x", Muc.USER).child(status(code)).build()).build());
    }

    private void toEveryone(Stanza shared) {
        for (Occupant o : byNick.values()) {
            send(o, shared);
        }
    }

    /** To each of the occupant's sessions. */
    private void send(Occupant o, Stanza stanza) {
        for (Jid session : o.sessions()) {
            out.route(stanza.withTo(session));
        }
    }

    /** §10.9: every occupant gets unavailable presence carrying the destroy element, then the room is gone. */
    private void destroyWith(Element destroy) {
        Element reason = Element.builder("destroy", Muc.USER).children(destroy.elements().stream()
                .map(e -> Element.builder(e.name(), Muc.USER).text(e.text()).build()).toList())
                .attribute("jid", destroy.attribute("jid")).build();
        for (Occupant o : byNick.values()) {
            Element item = Element.builder("item", Muc.USER).attribute("affiliation", "none").attribute("role", "none").build();
            send(o, Stanza.of(Element.builder("presence", Namespaces.STANZA).attribute("type", "unavailable")
                    .attribute("from", jid.withResource(o.nick()).toString())
                    .child(Element.builder("x", Muc.USER).child(item).child(reason).build()).build()));
        }
        byNick.clear();
        nickOf.clear();
        if (config.persistent()) {
            store.delete(jid);
        }
        destroy();
    }

    private void destroy() {
        destroyed = true;
        if (archiveKept && archive != null) {
            archive.forget();
        }
        onDestroyed.accept(this);
    }

    /** The room's disco#info (§6.4), or null while it is hidden from this requester (locked, §10.1.1). */
    synchronized Element info(Jid requester) {
        if (destroyed || (locked && affiliationOf(requester) != Affiliation.OWNER)) {
            return null;
        }
        Element.Builder query = Element.builder("query", Muc.DISCO_INFO)
                .child(Element.builder("identity", Muc.DISCO_INFO).attribute("category", "conference")
                        .attribute("type", "text").attribute("name", displayName()).build());
        List<String> features = new ArrayList<>(List.of(Muc.NS, Muc.REQUEST, OccupantIds.NS, Muc.PING));
        features.addAll(config.features());
        if (archiving()) {
            features.addAll(List.of(ArchiveAccess.NAMESPACE, StanzaIds.NAMESPACE, Muc.MODERATE, Muc.MODERATE_0));
        }
        for (String feature : features) {
            query.child(Element.builder("feature", Muc.DISCO_INFO).attribute("var", feature).build());
        }
        return query.build();
    }

    /**
     * How the requester may read the room's archive, or null when it may not (XEP-0313 §7.2.1: those
     * who may enter the room: no outcast, only members in a members-only room; and, in a
     * password-protected room, only those who entered with the password or are members).
     */
    synchronized ArchiveAccess.View archiveView(Jid requester) {
        Affiliation affiliation = affiliationOf(requester);
        Occupant occupant = occupantOf(requester);
        boolean member = affiliation.above(Affiliation.NONE);
        if (destroyed || affiliation == Affiliation.OUTCAST || (config.membersOnly() && !member)
                || (config.secret() != null && !member && occupant == null)) {
            return null;
        }
        return RoomArchive.view(config.whoisAnyone() || affiliation.privileged()
                || (occupant != null && occupant.role() == Role.MODERATOR));
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
     * A request to {@code room/nick} (§18): the room forwards it to the occupant's real JID from
     * the sender's occupant JID, under an id of its own, so neither learns the other's real JID. A
     * ping of one's own occupant JID is answered by the room (XEP-0410: the client is still in the
     * room); a non-occupant's ping gets not-acceptable (XEP-0410), its other requests bad-request.
     */
    synchronized boolean occupantIq(Stanza iq) {
        if (destroyed) {
            return false;
        }
        Occupant sender = occupantOf(iq.from());
        Occupant target = byNick.get(iq.to().resource());
        boolean ping = iq.payload() != null && iq.payload().is("ping", Muc.PING);
        if (sender == null) {
            out.route(iq.error(ping ? StanzaError.NOT_ACCEPTABLE : StanzaError.BAD_REQUEST,
                    "Only occupants may send requests to an occupant"));
        } else if (target == null) {
            out.route(iq.error(StanzaError.ITEM_NOT_FOUND, "No occupant has that nick"));
        } else if (ping && target == sender) {
            out.route(iq.result(null));
        } else {
            String id = forwarded.add(iq, target.realJid());
            out.route(Stanza.of(iq.element().withAttribute("id", id))
                    .withAddresses(jid.withResource(sender.nick()), target.realJid()));
        }
        return true;
    }

    /** An occupant's answer to a forwarded request: back to the requester, from the answerer's occupant JID. */
    synchronized boolean occupantIqResponse(Stanza response) {
        if (destroyed) {
            return false;
        }
        Stanza request = forwarded.take(response.id(), response.from());
        Occupant answerer = occupantOf(response.from());
        if (request != null && answerer != null) {
            out.route(Stanza.of(response.element().withAttribute("id", request.id()))
                    .withAddresses(jid.withResource(answerer.nick()), request.from()));
        }
        return true;
    }

    /** What administration sees of the room, or null once it is destroyed. */
    synchronized ChatRooms.RoomView view() {
        if (destroyed) {
            return null;
        }
        return new ChatRooms.RoomView(jid, displayName(), config.persistent(), config.publicRoom(), byNick.values()
                .stream().map(o -> new ChatRooms.OccupantView(o.nick(), o.role().value(), o.affiliation().value(),
                        List.copyOf(o.sessions()))).toList());
    }

    /** The service's administrator destroys the room (§10.9, as an owner would); false if it was gone already. */
    synchronized boolean destroyByService(String reason) {
        if (destroyed) {
            return false;
        }
        Element.Builder destroy = Element.builder("destroy", Muc.OWNER);
        if (reason != null && !reason.isBlank()) {
            destroy.child(Element.builder("reason", Muc.OWNER).text(reason).build());
        }
        destroyWith(destroy.build());
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

    private Affiliation affiliationOf(Jid user) {
        return affiliations.getOrDefault(user.bare(), Affiliation.NONE);
    }

    private List<String> listed(Affiliation affiliation) {
        return affiliations.entrySet().stream().filter(e -> e.getValue() == affiliation)
                .map(e -> e.getKey().toString()).sorted().toList();
    }

    private Occupant occupantOf(Jid real) {
        String nick = nickOf.get(real);
        return nick == null ? null : byNick.get(nick);
    }

    private void put(Occupant occupant) {
        byNick.put(occupant.nick(), occupant);
        if (occupant.affiliation().above(Affiliation.NONE)) {
            lastNicks.put(occupant.realJid().bare(), occupant.nick());
        }
        for (Jid session : occupant.sessions()) {
            nickOf.put(session, occupant.nick());
        }
    }

    /** Whether the room archives its messages: configured to, on a service that keeps archives (restored rooms too). */
    private boolean archiving() {
        return config.logging() && archive != null;
    }

    private boolean seesJids(Occupant recipient) {
        return config.whoisAnyone() || recipient.role() == Role.MODERATOR;
    }

    /**
     * What a presence the room sends about an occupant carries beyond the presence itself: the
     * status codes for the occupant and for the others, the new nick of a nick change, and the
     * actor and reason of a removal or change.
     */
    private record Shown(List<String> selfCodes, List<String> othersCodes, String newNick, List<Element> itemChildren) {
        static final Shown NOTHING = self(List.of());

        static Shown self(List<String> codes) {
            return new Shown(codes, List.of(), null, List.of());
        }
    }

    private void broadcast(Occupant subject, Shown shown) {
        broadcast(subject, shown, subject.role());
    }

    /**
     * Sends {@code subject}'s presence to every occupant, building it once per view (§7.2.3): the
     * subject's own, one with the real JID for those allowed to see it, one without for the
     * rest. The others see it only when the room broadcasts the presence of {@code shownRole}
     * (the role the subject has, or had before leaving).
     */
    private void broadcast(Occupant subject, Shown shown, Role shownRole) {
        Stanza self = Stanza.of(view(subject, true, shown));
        boolean toOthers = config.presenceBroadcast().contains(shownRole);
        Shown others = new Shown(shown.othersCodes(), shown.othersCodes(), shown.newNick(), shown.itemChildren());
        Stanza withJid = null;
        Stanza withoutJid = null;
        for (Occupant recipient : byNick.values()) {
            Stanza sent;
            if (recipient.nick().equals(subject.nick())) {
                sent = self;
            } else if (!toOthers) {
                continue;
            } else if (seesJids(recipient)) {
                sent = withJid != null ? withJid : (withJid = Stanza.of(view(subject, true, others)));
            } else {
                sent = withoutJid != null ? withoutJid : (withoutJid = Stanza.of(view(subject, false, others)));
            }
            send(recipient, sent);
        }
    }

    /** An occupant's presence as the room shows it: from {@code room/nick}, with the muc#user item and status codes. */
    private Element view(Occupant o, boolean withJid, Shown shown) {
        Element.Builder item = Element.builder("item", Muc.USER).attribute("affiliation", o.affiliation().value())
                .attribute("role", o.role().value());
        if (withJid) {
            item.attribute("jid", o.realJid().toString());
        }
        item.attribute("nick", shown.newNick()).children(shown.itemChildren());
        Element.Builder x = Element.builder("x", Muc.USER).child(item.build());
        shown.selfCodes().forEach(code -> x.child(status(code)));
        return o.presence().toBuilder().attribute("from", jid.withResource(o.nick()).toString()).child(x.build())
                .child(OccupantIds.element(o.occupantId())).build();
    }

    private static Element status(String code) {
        return Element.builder("status", Muc.USER).attribute("code", code).build();
    }

    /** A client's presence without its addresses, MUC elements and occupant ids, as the room re-sends it. */
    private static Element content(Element presence, String type) {
        Element.Builder b = Element.builder("presence", Namespaces.STANZA).attribute("type", type);
        for (Element child : presence.elements()) {
            if (!child.is("x", Muc.NS) && !child.is("x", Muc.USER) && !child.is("occupant-id", OccupantIds.NS)) {
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
