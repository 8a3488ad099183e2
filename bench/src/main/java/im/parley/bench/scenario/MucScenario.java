package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.XmppClient;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.report.Json;
import im.parley.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code muc}: M rooms of K occupants (XEP-0045). Random occupants send groupchat messages to
 * their room at an offered rate; every occupant, the sender included (the room reflects it),
 * should receive each one, so a message is K deliveries. Rooms are created by their first
 * occupant as instant rooms (XEP-0045 §10.1.2).
 *
 * @param rooms how many rooms (room1..roomM)
 * @param occupants occupants per room; users are assigned to rooms in order
 * @param service the MUC service's domain
 * @param loginRate logins per second
 * @param steps the offered message rates
 */
public record MucScenario(int rooms, int occupants, String service, double loginRate, RateSteps steps) {
    private static final String MUC_NS = "http://jabber.org/protocol/muc";
    private static final String MUC_USER_NS = "http://jabber.org/protocol/muc#user";
    private static final String MUC_OWNER_NS = "http://jabber.org/protocol/muc#owner";

    public RateSteps.Outcome run(ClientPool pool, ServerProcess server) throws InterruptedException {
        String runTag = Long.toString(System.nanoTime(), 36);
        Joins joins = new Joins(runTag, occupants);
        int users = rooms * occupants;
        Logins.Result logins = Logins.run(pool, 1, users, loginRate, XmppClient.Purpose.LOGIN, joins,
                Logins.timeoutSeconds(users, loginRate));
        List<XmppClient> online = logins.online();
        try {
            if (online.size() < users) {
                throw new IllegalStateException("not every occupant came online: " + logins.toJson());
            }
            joinAll(online, joins);
            RateSteps.Outcome outcome = steps.run((tracker, seq, due, random) -> {
                XmppClient sender = online.get(random.nextInt(users));
                sender.send("<message type='groupchat' to='" + room(sender) + "'><body>"
                        + tracker.body(runTag, seq, due) + "</body></message>");
            }, occupants, joins.receivers::track, server);
            return new RateSteps.Outcome(Json.object()
                    .put("scenario", "muc")
                    .put("rooms", rooms)
                    .put("occupants", occupants)
                    .put("logins", logins.toJson())
                    .put("rates", outcome.json()), outcome.anyLoss());
        } finally {
            online.forEach(XmppClient::close);
        }
    }

    private String room(XmppClient client) {
        return "room" + ((client.index() - 1) / occupants + 1) + "@" + service;
    }

    /** Joins every user to its room, the rooms' first occupants first (they create the rooms). */
    private void joinAll(List<XmppClient> online, Joins joins) throws InterruptedException {
        List<XmppClient> creators = new ArrayList<>();
        List<XmppClient> others = new ArrayList<>();
        for (XmppClient client : online) {
            ((client.index() - 1) % occupants == 0 ? creators : others).add(client);
        }
        await(join(creators, joins), joinTimeoutSeconds());
        await(join(others, joins), joinTimeoutSeconds());
    }

    private List<CompletableFuture<Void>> join(List<XmppClient> clients, Joins joins) {
        List<CompletableFuture<Void>> joined = new ArrayList<>();
        for (XmppClient client : clients) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            joins.pending.put(client, done);
            joined.add(done);
            client.send("<presence to='" + room(client) + "/u" + client.index() + "'><x xmlns='" + MUC_NS
                    + "'/></presence>");
        }
        return joined;
    }

    /**
     * Entering a room of K sends the joiner K presences and every occupant one: K x K / 2 for the
     * room's filling, unmeasured but slow for a big room (1,000 occupants: half a million), so the
     * wait grows with it instead of failing a server that is merely slow to fill it.
     */
    private long joinTimeoutSeconds() {
        return 60 + (long) occupants * occupants / 5_000;
    }

    private static void await(List<CompletableFuture<Void>> joined, long timeoutSeconds) throws InterruptedException {
        try {
            CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            long missing = joined.stream().filter(f -> !f.isDone() || f.isCompletedExceptionally()).count();
            throw new IllegalStateException(missing + " occupants could not join their room", e);
        }
    }

    /** Watches for each occupant's own presence in its room, then records room messages. */
    private static final class Joins implements im.parley.bench.client.StanzaListener {
        final ChatScenario.Receivers receivers;
        final ConcurrentHashMap<XmppClient, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

        final int occupants;

        Joins(String runTag, int occupants) {
            receivers = new ChatScenario.Receivers(runTag);
            this.occupants = occupants;
        }

        @Override
        public void stanza(XmppClient client, Element stanza) {
            if (stanza.name().equals("presence")) {
                joined(client, stanza);
            } else if (stanza.name().equals("iq") && "cfg".equals(stanza.attribute("id"))) {
                configured(client, stanza);
            } else {
                receivers.stanza(client, stanza);
            }
        }

        private void joined(XmppClient client, Element presence) {
            Element x = presence.child("x", MUC_USER_NS);
            if (x == null || !hasStatus(x, "110")) {
                if ("error".equals(presence.attribute("type")) && pending.containsKey(client)) {
                    pending.remove(client).completeExceptionally(new IllegalStateException("join refused"));
                }
                return;
            }
            if (hasStatus(x, "201")) {
                // A new room stays locked until its owner configures it: the creator has joined
                // once that is done, so that the others find an open room. Servers' default room
                // size (200 in ejabberd and Parley) is raised to the scenario's occupants.
                client.send("<iq type='set' id='cfg' to='" + presence.attribute("from").split("/")[0] + "'><query xmlns='"
                        + MUC_OWNER_NS + "'><x xmlns='jabber:x:data' type='submit'>"
                        + "<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>"
                        + "<field var='muc#roomconfig_maxusers'><value>" + occupants + "</value></field>"
                        + "</x></query></iq>");
                return;
            }
            CompletableFuture<Void> done = pending.remove(client);
            if (done != null) {
                done.complete(null);
            }
        }

        private void configured(XmppClient client, Element iq) {
            CompletableFuture<Void> done = pending.remove(client);
            if (done == null) {
                return;
            }
            if ("result".equals(iq.attribute("type"))) {
                done.complete(null);
            } else {
                done.completeExceptionally(new IllegalStateException("room configuration refused"));
            }
        }

        private static boolean hasStatus(Element x, String code) {
            return x.elements().stream().anyMatch(e -> e.name().equals("status") && code.equals(e.attribute("code")));
        }
    }
}
