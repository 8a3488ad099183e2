"""Tries Parley with slixmpp, the way an application would use it, and prints one line per scenario:

    SCENARIO <name> PASS <what was seen>
    SCENARIO <name> FAIL <why>

The JUnit test SlixmppTest runs this with Debian's /usr/bin/python3 (Debian's python3-slixmpp is
importable only there) and turns each line into a test of its own.

    matrix.py logins HOST STARTTLS_PORT DIRECT_TLS_PORT CA_FILE USER PASSWORD
    matrix.py im HOST STARTTLS_PORT CA_FILE ALICE BOB PASSWORD    (both accounts, one password; the
        carbons scenario logs alice in a second time, the push scenario bob)
    matrix.py hosts HOST STARTTLS_PORT CA_FILE USER PASSWORD ON_HOST OFF_HOST
        (USER on two virtual hosts, vCards switched off on OFF_HOST only)
    matrix.py federation HOST PORT_A CA_A DOMAIN_A PORT_B CA_B DOMAIN_B ALICE BOB PASSWORD
        (ALICE on one server, BOB on another that federates with it)
    matrix.py component HOST STARTTLS_PORT CA_FILE USER PASSWORD COMPONENT_PORT DOMAIN SECRET
        (slixmpp's ComponentXMPP serving DOMAIN, XEP-0114, and USER talking to it)
"""
import asyncio
import hashlib
import io
import logging
import os
import ssl
import sys
import traceback

import aiohttp
import slixmpp
import slixmpp.exceptions
from slixmpp.xmlstream import ET
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

DOMAIN = "localhost"
STEP_TIMEOUT = 10
AUTHORIZATION = "http://jabber.org/protocol/pubsub#subscribe_authorization"


def report(name, ok, detail):
    print("SCENARIO %s %s %s" % (name, "PASS" if ok else "FAIL", " ".join(str(detail).split())), flush=True)


class Client(slixmpp.ClientXMPP):
    """A client that trusts exactly the server's certificate and records how its login went."""

    def __init__(self, user, password, ca_file, resource="matrix", only_mechanisms=None, stream_management=False,
                 domain=DOMAIN):
        super().__init__("%s@%s/%s" % (user, domain, resource), password)
        # Parley's self-signed certificate names "localhost"; we connect to 127.0.0.1 and pin it.
        self.ssl_context = ssl.create_default_context(cafile=ca_file)
        self.ssl_context.check_hostname = False
        for plugin in ("xep_0030", "xep_0054", "xep_0191", "xep_0199", "xep_0203", "xep_0280", "xep_0313",
                       "xep_0045", "xep_0352", "xep_0065", "xep_0363", "xep_0425"):
            self.register_plugin(plugin)
        if stream_management:
            # XEP-0198 with resumption; a dropped connection keeps the session for resuming it.
            self.register_plugin("xep_0198")
            self.end_session_on_disconnect = False
        if only_mechanisms:
            # The client chooses among these only (as if the server had offered no others).
            self["feature_mechanisms"].use_mechs = set(only_mechanisms)
        self.outcome = asyncio.get_event_loop().create_future()
        self.failures = []
        self.messages = asyncio.Queue()
        self.add_event_handler("session_start", self._started)
        self.add_event_handler("failed_auth", lambda stanza: self.failures.append(
            "%s: %s %s" % (self["feature_mechanisms"].mech.name, stanza["condition"], stanza["text"])))
        self.add_event_handler("failed_all_auth", lambda _: self._settle("refused"))
        self.add_event_handler("disconnected", lambda _: self._settle("disconnected"))
        self.add_event_handler("message", self.messages.put_nowait)
        self.room_messages = asyncio.Queue()
        self.add_event_handler("groupchat_message", self.room_messages.put_nowait)
        # XEP-0280 copies, as (direction, forwarded message); the plugin drops any not from our own bare JID.
        self.carbons = asyncio.Queue()
        self.add_event_handler("carbon_received", lambda m: self.carbons.put_nowait(("received", m["carbon_received"])))
        self.add_event_handler("carbon_sent", lambda m: self.carbons.put_nowait(("sent", m["carbon_sent"])))

    async def _started(self, _):
        # As applications do: the roster first (which also asks for roster pushes), then presence.
        await self.get_roster()
        self.send_presence()
        self._settle("session")

    def _settle(self, result):
        if not self.outcome.done():
            self.outcome.set_result(result)

    async def start(self, host, port, direct_tls=False):
        self.connect((host, port), use_ssl=direct_tls, force_starttls=not direct_tls, disable_starttls=direct_tls)
        return await asyncio.wait_for(self.outcome, STEP_TIMEOUT)

    def mechanism(self):
        return self["feature_mechanisms"].mech.name

    async def stop(self):
        self.disconnect()
        await asyncio.wait_for(self.disconnected, STEP_TIMEOUT)


async def until(condition, what):
    """Waits (bounded) for state another client's stanzas change."""
    for _ in range(STEP_TIMEOUT * 20):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


async def next_message(client, predicate, what):
    while True:
        message = await asyncio.wait_for(client.messages.get(), STEP_TIMEOUT)
        if predicate(message):
            return message


async def next_carbon(client, direction, body):
    while True:
        got, message = await asyncio.wait_for(client.carbons.get(), STEP_TIMEOUT)
        if got == direction and message["body"] == body:
            return message


async def scenario(name, body):
    try:
        report(name, True, await body())
    except Exception as e:  # every failure is reported, then the next scenario runs
        report(name, False, "%s: %s" % (type(e).__name__, e) if str(e) else traceback.format_exc())


async def login(host, port, ca_file, user, password, direct_tls=False, **options):
    client = Client(user, password, ca_file, **options)
    result = await client.start(host, port, direct_tls)
    if result == "session":
        await client.stop()
    return result, client


async def logins(host, starttls_port, tls_port, ca_file, user, password):
    async def defaults(port, direct):
        result, client = await login(host, port, ca_file, user, password, direct)
        assert result == "session", "%s; failures: %s" % (result, client.failures)
        return "logged in with %s after %s" % (client.mechanism(), client.failures or "no failure")

    await scenario("login-defaults-starttls", lambda: defaults(starttls_port, False))
    await scenario("login-defaults-direct-tls", lambda: defaults(tls_port, True))

    async def with_mechanism(name):
        if name.endswith("-PLUS"):
            result, client = await login(host, starttls_port, ca_file, user, password, only_mechanisms=[name])
            # slixmpp 1.8 binds with tls-unique only, which TLS 1.3 lacks and Parley never offers.
            assert result == "refused" and "unsupported channel-binding type" in str(client.failures), \
                "%s; failures: %s" % (result, client.failures)
            return "refused as expected: %s" % client.failures
        # slixmpp says "y" with SCRAM whenever its TLS has binding data, even where -PLUS is offered:
        # it must have tried -PLUS first, as with its defaults (a lone SCRAM is the downgrade below).
        tried = [name + "-PLUS", name] if name.startswith("SCRAM") else [name]
        result, client = await login(host, starttls_port, ca_file, user, password, only_mechanisms=tried)
        assert result == "session" and client.mechanism() == name, "%s; failures: %s" % (result, client.failures)
        return "logged in with %s after %s" % (name, client.failures or "no failure")

    for name in ("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"):
        await scenario("login-" + name, lambda name=name: with_mechanism(name))

    async def stripped():
        result, client = await login(host, starttls_port, ca_file, user, password,
                                     only_mechanisms=["SCRAM-SHA-256"])
        assert result == "refused" and "channel binding downgrade detected" in str(client.failures), \
            "%s; failures: %s" % (result, client.failures)
        return "refused: %s" % client.failures

    await scenario("downgrade-without-plus-refused", stripped)


async def im(host, port, ca_file, alice_name, bob_name, password):
    alice = Client(alice_name, password, ca_file)
    bob = Client(bob_name, password, ca_file)
    for client in (alice, bob):
        assert await client.start(host, port) == "session", client.failures
    alice_jid, bob_jid = alice.boundjid.bare, bob.boundjid.bare

    async def subscription():
        # slixmpp's defaults: bob approves alice's request and asks back, alice approves.
        alice.send_presence(pto=bob_jid, ptype="subscribe")
        await until(lambda: alice.client_roster[bob_jid]["subscription"] == "both"
                    and bob.client_roster[alice_jid]["subscription"] == "both", "subscription both on both rosters")
        return "both rosters say 'both' (roster pushes)"

    async def presence():
        await until(lambda: alice.client_roster.presence(bob_jid) and bob.client_roster.presence(alice_jid),
                    "each other's available presence")
        alice.send_presence(pshow="away", pstatus="lunch")
        bob.send_presence(pshow="dnd", pstatus="busy")
        await until(lambda: any(r["show"] == "away" for r in bob.client_roster.presence(alice_jid).values())
                    and any(r["show"] == "dnd" for r in alice.client_roster.presence(bob_jid).values()),
                    "each other's changed show")
        return "available, then away / dnd seen both ways"

    async def chat():
        alice.send_message(mto=bob_jid, mbody="hi bob", mtype="chat")
        got = await next_message(bob, lambda m: m["body"] == "hi bob", "alice's message")
        bob.send_message(mto=got["from"], mbody="hi alice", mtype="chat")
        back = await next_message(alice, lambda m: m["body"] == "hi alice", "bob's reply")
        assert got["from"].bare == alice_jid and back["from"].bare == bob_jid
        return "chat both ways"

    async def client_state():
        # XEP-0352: while alice says she is inactive, bob's presence waits (the newest only); a
        # message with a body comes at once, right after the presence that waited before it.
        seen = []
        alice.add_event_handler("presence", lambda p: p["from"].bare == bob_jid and p["status"].startswith("csi ")
                                and seen.append(p["status"]))
        alice.add_event_handler("message", lambda m: m["body"].startswith("csi ") and seen.append(m["body"]))
        assert alice["xep_0352"].enabled, "no <csi/> stream feature"

        async def bob_says(*statuses):
            for status in statuses:
                bob.send_presence(pstatus=status)
            # A round trip: the server routed bob's presence once it answers. Not alice's: what
            # she is sent at once (an answer too) first sends her what waits.
            await bob["xep_0030"].get_info(jid=DOMAIN)

        alice["xep_0352"].send_inactive()
        await alice["xep_0030"].get_info(jid=DOMAIN)
        try:
            await bob_says("csi 1", "csi 2", "csi 3")
            await asyncio.sleep(0.5)
            assert seen == [], "while inactive: %s" % seen
            bob.send_message(mto=alice_jid, mbody="csi wake up", mtype="chat")
            await until(lambda: "csi wake up" in seen, "the message with a body")
            await bob_says("csi 4", "csi 5", "csi 6")
            await asyncio.sleep(0.5)
            assert seen == ["csi 3", "csi wake up"], "after the message: %s" % seen
        finally:
            alice["xep_0352"].send_active()
        await until(lambda: "csi 6" in seen, "bob's newest presence")
        await alice["xep_0030"].get_info(jid=DOMAIN)
        assert seen == ["csi 3", "csi wake up", "csi 6"], seen
        return "presence held while inactive, newest first and only: %s" % seen

    async def offline():
        nonlocal bob
        await bob.stop()
        await until(lambda: not alice.client_roster.presence(bob_jid), "bob's unavailable presence")
        alice.send_message(mto=bob_jid, mbody="while you were out", mtype="chat")
        # A disco round trip: the server has stored the message once it answers the next IQ.
        await alice["xep_0030"].get_info(jid=DOMAIN)
        bob = Client(bob_name, password, ca_file, resource="back")
        assert await bob.start(host, port) == "session", bob.failures
        got = await next_message(bob, lambda m: m["body"] == "while you were out", "the offline message")
        stamp = got["delay"]["stamp"]
        assert stamp is not None and got["delay"]["from"] == DOMAIN, "delay: %s" % got["delay"]
        return "delivered at login with delay stamp %s from %s" % (stamp.isoformat(), got["delay"]["from"])

    async def offline_then_live_in_order():
        nonlocal bob
        await bob.stop()
        await until(lambda: not alice.client_roster.presence(bob_jid), "bob's unavailable presence")
        sent = ["in order %02d" % i for i in range(40)]
        bob = Client(bob_name, password, ca_file, resource="again")
        # Alice keeps sending while bob logs in: the first are stored, the last delivered live.
        login = asyncio.ensure_future(bob.start(host, port))
        for body in sent:
            alice.send_message(mto=bob_jid, mbody=body, mtype="chat")
            await asyncio.sleep(0.005)
        assert await login == "session", bob.failures
        got = [await next_message(bob, lambda m: m["body"].startswith("in order "), "alice's next message")
               for _ in sent]
        assert [m["body"] for m in got] == sent, [m["body"] for m in got]
        # Both round trips done, a duplicate would have come before bob's answer.
        await alice["xep_0030"].get_info(jid=DOMAIN)
        await bob["xep_0030"].get_info(jid=DOMAIN)
        extra = [m["body"] for m in list(bob.messages._queue) if m["body"].startswith("in order ")]
        assert not extra, "delivered twice: %s" % extra
        stored = sum(1 for m in got if m["delay"]["stamp"] is not None)
        return "%d stored, %d live, each once and in order" % (stored, len(sent) - stored)

    async def vcard():
        card = alice["xep_0054"].make_vcard()
        card["FN"] = "Alice Liddell"
        card["NICKNAME"] = "alice"
        await alice["xep_0054"].publish_vcard(card)
        result = await bob["xep_0054"].get_vcard(slixmpp.JID(alice_jid))
        assert result["vcard_temp"]["FN"] == "Alice Liddell", result
        return "published by alice, read by bob"

    async def blocking():
        await alice["xep_0191"].block(bob_jid)
        blocked = await alice["xep_0191"].get_blocked()
        assert slixmpp.JID(bob_jid) in blocked["blocklist"]["items"], blocked
        bob.send_message(mto=alice_jid, mbody="blocked?", mtype="chat")
        refused = await next_message(bob, lambda m: m["type"] == "error", "an error for the blocked message")
        await alice["xep_0191"].unblock(bob_jid)
        bob.send_message(mto=alice_jid, mbody="unblocked", mtype="chat")
        # Messages arrive in order: the blocked one would come before this one.
        got = await next_message(alice, lambda m: m["body"] in ("blocked?", "unblocked"), "bob's later message")
        assert got["body"] == "unblocked", "the blocked message was delivered"
        return "blocked message bounced with %s; delivered after unblock" % refused["error"]["condition"]

    async def archive():
        sent = ["mam %02d" % i for i in range(30)]
        for body in sent:
            alice.send_message(mto=bob_jid, mbody=body, mtype="chat")
        await next_message(bob, lambda m: m["body"] == sent[-1], "the last of 30 messages")
        forwards = [b for b in await archived_bodies(alice, bob_jid, False) if b.startswith("mam ")]
        backwards = [b for b in await archived_bodies(bob, alice_jid, True) if b.startswith("mam ")]
        assert forwards == sent, "alice's archive, forwards: %s" % forwards
        assert backwards == sent, "bob's archive, backwards: %s" % backwards
        return "30 messages in order in alice's archive (pages forwards) and bob's (pages backwards)"

    second = Client(alice_name, password, ca_file, resource="second")

    async def carbons():
        # Two sessions of alice with carbons on: each sees the conversation the other has with bob.
        assert await second.start(host, port) == "session", second.failures
        await alice["xep_0280"].enable()
        await second["xep_0280"].enable()
        bob.send_message(mto=alice.boundjid, mbody="to alice's first", mtype="chat")
        copy = await next_carbon(second, "received", "to alice's first")
        assert copy["from"] == bob.boundjid and copy["to"] == alice.boundjid, copy
        alice.send_message(mto=bob.boundjid, mbody="from alice's first", mtype="chat")
        copy = await next_carbon(second, "sent", "from alice's first")
        assert copy["from"] == alice.boundjid and copy["to"] == bob.boundjid, copy
        bob.send_message(mto=second.boundjid, mbody="to alice's second", mtype="chat")
        await next_carbon(alice, "received", "to alice's second")
        second.send_message(mto=bob.boundjid, mbody="from alice's second", mtype="chat")
        await next_carbon(alice, "sent", "from alice's second")
        await next_message(bob, lambda m: m["body"] == "from alice's second", "the second session's message")
        return "each session got the other's received and sent messages as carbons"

    async def stream_management():
        phone = Client(alice_name, password, ca_file, resource="sm", stream_management=True)
        enabled = asyncio.ensure_future(phone.wait_until("sm_enabled", STEP_TIMEOUT))
        assert await phone.start(host, port) == "session", phone.failures
        await enabled
        sm_id = phone["xep_0198"].sm_id
        assert sm_id, "resumption was not offered"
        acked = []
        phone.add_event_handler("stanza_acked", acked.append)
        for i in range(5):
            # slixmpp asks for an acknowledgement after every 5 stanzas it sends (its window).
            phone.send_message(mto=bob_jid, mbody="counted %d" % i, mtype="chat")
        # Its <r/> skips its send queue: asked after a round trip, it follows every stanza sent.
        await phone["xep_0030"].get_info(jid=DOMAIN)
        phone["xep_0198"].request_ack()
        await until(lambda: not phone["xep_0198"].unacked_queue, "the server's acknowledgement of every stanza")

        phone.abort()
        away = ["while dropped %d" % i for i in range(3)]
        for body in away:
            bob.send_message(mto=phone.boundjid.full, mbody=body, mtype="chat")
        # A disco round trip: the server has queued bob's messages once it answers.
        await bob["xep_0030"].get_info(jid=DOMAIN)
        resumed = asyncio.ensure_future(phone.wait_until("session_resumed", STEP_TIMEOUT))
        phone.connect((host, port), force_starttls=True)
        await resumed
        got = [(await next_message(phone, lambda m: m["body"] in away, "a message sent while dropped"))["body"]
               for _ in away]
        assert got == away, got
        await phone.stop()
        return "enabled (resumable), %d stanzas acknowledged, resumed after a dropped connection with %s" \
            % (len(acked), got)

    async def chat_room():
        # Alice creates an instant room (she accepts the default configuration), bob enters, talks and leaves.
        room = slixmpp.JID("slixmpp@conference." + DOMAIN)
        own, _, _, _ = await alice["xep_0045"].join_muc_wait(room, "alice", timeout=STEP_TIMEOUT)
        codes = {int(s) for s in own["muc"]["status_codes"]}
        assert {110, 201} <= codes, "alice's own presence: %s" % own
        form = await alice["xep_0045"].get_room_config(room)
        await alice["xep_0045"].set_room_config(room, form)
        await bob["xep_0045"].join_muc_wait(room, "bob", maxstanzas=0, timeout=STEP_TIMEOUT)
        bob.send_message(mto=room, mbody="hello room", mtype="groupchat")
        while True:
            got = await asyncio.wait_for(alice.room_messages.get(), STEP_TIMEOUT)
            if got["body"] == "hello room":
                break
        assert got["from"] == slixmpp.JID("slixmpp@conference.%s/bob" % DOMAIN), got
        bob["xep_0045"].leave_muc(room, "bob")
        await until(lambda: "bob" not in alice["xep_0045"].get_roster(room), "bob leaving the room")
        alice["xep_0045"].leave_muc(room, "alice")
        return "created (110, 201), configured, bob entered, his message reached alice from the room, he left"

    async def chat_room_ban():
        # Alice creates a room and bans Bob, in it, with a reason: Bob's client sees its own removal
        # (301 and 110, the reason), he cannot come back (forbidden) and the ban list names him.
        room = slixmpp.JID("slixmpp-ban@conference." + DOMAIN)
        await alice["xep_0045"].join_muc_wait(room, "alice", timeout=STEP_TIMEOUT)
        await alice["xep_0045"].set_room_config(room, await alice["xep_0045"].get_room_config(room))
        await bob["xep_0045"].join_muc_wait(room, "bob", maxstanzas=0, timeout=STEP_TIMEOUT)
        removed = asyncio.get_event_loop().create_future()

        def on_presence(presence):
            if presence["type"] == "unavailable" and presence["from"].resource == "bob" and not removed.done():
                removed.set_result(presence)
        bob.add_event_handler("muc::%s::presence" % room, on_presence)
        await alice["xep_0045"].set_affiliation(room, "outcast", jid=bob.boundjid.bare, reason="spam")
        own = await asyncio.wait_for(removed, STEP_TIMEOUT)
        codes = {int(s) for s in own["muc"]["status_codes"]}
        assert {301, 110} <= codes, "bob's own removal: %s" % own
        assert own["muc"]["item"]["reason"] == "spam", own
        try:
            await bob["xep_0045"].join_muc_wait(room, "bob", maxstanzas=0, timeout=STEP_TIMEOUT)
            raise AssertionError("a banned user entered the room")
        except slixmpp.exceptions.PresenceError as refusal:
            assert refusal.condition == "forbidden", refusal.presence
        outcasts = await alice["xep_0045"].get_affiliation_list(room, "outcast")
        assert outcasts == [bob.boundjid.bare], outcasts
        alice["xep_0045"].leave_muc(room, "alice")
        return "bob saw his own ban (301, 110, reason %r), was refused forbidden on re-entering, banned: %s" \
            % (own["muc"]["item"]["reason"], [str(j) for j in outcasts])

    async def logging_room(name):
        """A room alice creates and configures to log (muc#roomconfig_enablelogging), alice in it."""
        room = slixmpp.JID(name + "@conference." + DOMAIN)
        await alice["xep_0045"].join_muc_wait(room, "alice", timeout=STEP_TIMEOUT)
        form = await alice["xep_0045"].get_room_config(room)
        form.field["muc#roomconfig_enablelogging"]["value"] = True
        await alice["xep_0045"].set_room_config(room, form)
        return room

    async def chat_room_archive():
        # Alice creates a room that logs (muc#roomconfig_enablelogging), bob enters (warned: 170) and
        # gets her messages live, each with the room's stanza-id; he then pages the room's archive
        # (XEP-0313 at the room's JID) in fives and finds them all, in order, under the same ids.
        room = await logging_room("slixmpp-log")
        own, _, _, _ = await bob["xep_0045"].join_muc_wait(room, "bob", maxstanzas=0, timeout=STEP_TIMEOUT)
        assert 170 in {int(s) for s in own["muc"]["status_codes"]}, "bob's own presence: %s" % own
        sent = ["logged %02d" % i for i in range(12)]
        for body in sent:
            alice.send_message(mto=room, mbody=body, mtype="groupchat")
        live = {}
        while len(live) < len(sent):
            got = await asyncio.wait_for(bob.room_messages.get(), STEP_TIMEOUT)
            stanza_id = got.xml.find("{urn:xmpp:sid:0}stanza-id")
            if got["body"] in sent and stanza_id is not None and stanza_id.get("by") == room.bare:
                live[got["body"]] = stanza_id.get("id")
        archived = []
        async for result in bob["xep_0313"].iterate(jid=room, rsm={"max": 5}):
            archived.append((result["mam_result"]["forwarded"]["stanza"]["body"], result["mam_result"]["id"]))
        assert [body for body, _ in archived] == sent, "the room's archive: %s" % archived
        assert all(live[body] == id for body, id in archived), "ids live %s, archived %s" % (live, archived)
        bob["xep_0045"].leave_muc(room, "bob")
        alice["xep_0045"].leave_muc(room, "alice")
        return "bob entered warned (170); %d messages live with the room's stanza-ids, the same in its archive, " \
            "in order, paged in fives" % len(sent)

    async def chat_room_moderation():
        # XEP-0425 as slixmpp speaks it (version 0, in XEP-0422 fastening): in a room that logs, bob
        # says something, alice (its owner, so a moderator) retracts it by the room's stanza-id with
        # a reason, and bob's client raises its moderated_message event for that id.
        room = await logging_room("slixmpp-moderated")
        await bob["xep_0045"].join_muc_wait(room, "bob", maxstanzas=0, timeout=STEP_TIMEOUT)
        moderated = asyncio.get_event_loop().create_future()
        bob.add_event_handler("moderated_message", lambda m: moderated.done() or moderated.set_result(m))
        bob.send_message(mto=room, mbody="buy potions", mtype="groupchat")
        while True:
            got = await asyncio.wait_for(alice.room_messages.get(), STEP_TIMEOUT)
            stanza_id = got.xml.find("{urn:xmpp:sid:0}stanza-id")
            if got["body"] == "buy potions" and stanza_id is not None:
                break
        await alice["xep_0425"].moderate(room, stanza_id.get("id"), "spam")
        told = await asyncio.wait_for(moderated, STEP_TIMEOUT)
        applied = told["apply_to"]
        assert applied["id"] == stanza_id.get("id") and applied["moderated"]["reason"] == "spam", told
        assert applied["moderated"]["by"] == room.bare + "/alice", told
        bob["xep_0045"].leave_muc(room, "bob")
        alice["xep_0045"].leave_muc(room, "alice")
        return "bob was told %s was retracted by %s (%s)" % (applied["id"], applied["moderated"]["by"],
                                                             applied["moderated"]["reason"])

    async def external_services():
        # XEP-0215 (Debian's slixmpp has no xep_0215 plugin: the request is written out). The test
        # configures a STUN and a TURN server with a TURN REST secret: alice gets both, the TURN one
        # with credentials in her name.
        ask = alice.make_iq_get(ito=DOMAIN)
        ask.xml.append(ET.Element("{urn:xmpp:extdisco:2}services"))
        answer = await ask.send()
        services = [dict(s.attrib) for s in answer.xml.iter("{urn:xmpp:extdisco:2}service")]
        assert [(s["type"], s["host"], s["port"]) for s in services] == [("stun", "127.0.0.1", "3478"),
                                                                          ("turn", "127.0.0.1", "3478")], services
        turn = services[1]
        assert turn.get("restricted") == "1" and turn["username"].endswith(":" + alice_jid), turn
        return "services: %s" % services

    async def file_transfer():
        # XEP-0065 with slixmpp's xep_0065 plugin: alice finds the server's proxy through disco and
        # sends bob 64 KiB through it. Bob accepts streams, as an application does once its user has
        # accepted the offer (the plugin refuses streams it was not told about by default).
        proxies = await alice["xep_0065"].discover_proxies()
        assert list(proxies) == [slixmpp.JID("proxy." + DOMAIN)] and proxies[slixmpp.JID("proxy." + DOMAIN)][0] == "127.0.0.1", \
            proxies
        payload = bytes(range(256)) * 256
        received = bytearray()
        complete = asyncio.get_event_loop().create_future()

        def data(chunk):
            received.extend(chunk)
            if len(received) >= len(payload) and not complete.done():
                complete.set_result(None)

        bob.add_event_handler("socks5_data", data)
        bob["xep_0065"].auto_accept = True
        try:
            stream = await alice["xep_0065"].handshake(bob.boundjid.full)
            assert stream is not None, "no bytestream"
            await stream.write(payload)
            await asyncio.wait_for(complete, STEP_TIMEOUT)
            assert bytes(received) == payload, "%d bytes, not the same" % len(received)
            stream.transport.close()
        finally:
            bob.del_event_handler("socks5_data", data)
        return "%d bytes through %s" % (len(received), proxies)

    async def push():
        # XEP-0357 (Debian's slixmpp has no xep_0357 plugin: the stanzas are written out). Bob's
        # second session is alice's app server; alice enables push to it and goes offline; bob's
        # next message to her is pushed to the app server with its sender and without its body.
        app = Client(bob_name, password, ca_file, resource="push")
        pushes = asyncio.Queue()

        def published(iq):
            pushes.put_nowait(iq)
            iq.reply(clear=True).send()

        app.register_handler(Callback("push", MatchXPath("{jabber:client}iq/{http://jabber.org/protocol/pubsub}pubsub"),
                                      published))
        assert await app.start(host, port) == "session", app.failures
        enable = alice.make_iq_set(ito=alice_jid)
        enable.xml.append(ET.Element("{urn:xmpp:push:0}enable", jid=app.boundjid.full, node="slixmpp-node"))
        await enable.send()
        for client in (alice, second):
            if client.is_connected():
                await client.stop()
        await until(lambda: not bob.client_roster.presence(alice_jid), "alice offline")
        bob.send_message(mto=alice_jid, mbody="push me", mtype="chat")
        iq = await asyncio.wait_for(pushes.get(), STEP_TIMEOUT)
        publish = iq.xml.find("{http://jabber.org/protocol/pubsub}pubsub/{http://jabber.org/protocol/pubsub}publish")
        fields = {f.get("var"): f.findtext("{jabber:x:data}value") for f in iq.xml.iter("{jabber:x:data}field")}
        assert iq["from"] == slixmpp.JID(DOMAIN) and publish is not None and publish.get("node") == "slixmpp-node", iq
        assert fields.get("FORM_TYPE") == "urn:xmpp:push:summary" and fields.get("message-count") == "1", fields
        assert fields.get("last-message-sender") == bob.boundjid.full and "last-message-body" not in fields, fields
        await app.stop()
        return "pushed to the app server from %s: %s" % (iq["from"], fields)

    async def file_upload():
        # XEP-0363 with slixmpp's xep_0363 plugin: alice finds upload.localhost through disco, gets a
        # slot and PUTs 100 KiB over HTTPS (aiohttp trusting the server's certificate through
        # SSL_CERT_FILE, which the plugin's default TLS context reads); the same bytes come back from a GET.
        os.environ["SSL_CERT_FILE"] = ca_file
        # The plugin's own discovery (get_info_from_domain) hands asyncio.wait bare coroutines, which
        # Debian's Python refuses: the service is found as it would, through the server's items.
        items = await alice["xep_0030"].get_items(jid=DOMAIN)
        for item in items["disco_items"]["items"]:
            info = await alice["xep_0030"].get_info(jid=item[0])
            if ("store", "file", None, "HTTP File Upload") in info["disco_info"]["identities"]:
                alice["xep_0363"].upload_service = info["from"]
                form = info["disco_info"].iterables[0]
                alice["xep_0363"].max_file_size = int(form["values"]["max-file-size"])
        assert alice["xep_0363"].upload_service == slixmpp.JID("upload." + DOMAIN), alice["xep_0363"].upload_service
        payload = bytes(range(256)) * 400
        url = await alice["xep_0363"].upload_file("notes 1.txt", size=len(payload), content_type="text/plain",
                                                  input_file=io.BytesIO(payload), timeout=STEP_TIMEOUT)
        assert url.startswith("https://localhost:") and url.endswith("/notes%201.txt"), url
        async with aiohttp.ClientSession() as http:
            async with http.get(url, ssl=ssl.create_default_context(cafile=ca_file)) as response:
                got = await response.read()
                assert response.status == 200, response.status
                assert response.headers["X-Content-Type-Options"] == "nosniff", dict(response.headers)
        assert got == payload, "%d bytes, not the same" % len(got)
        return "%d bytes put to and got back from %s" % (len(got), url)

    for name, body in (("roster-subscription", subscription), ("presence-both-ways", presence),
                       ("chat-both-ways", chat), ("client-state-indication", client_state),
                       ("offline-message-delay", offline), ("offline-then-live-in-order", offline_then_live_in_order),
                       ("vcard", vcard), ("blocking", blocking), ("archive-30-in-order", archive),
                       ("carbons", carbons), ("stream-management", stream_management), ("chat-room", chat_room),
                       ("chat-room-ban", chat_room_ban), ("chat-room-archive", chat_room_archive),
                       ("chat-room-moderation", chat_room_moderation),
                       ("external-services", external_services), ("file-transfer-proxy", file_transfer),
                       ("file-upload", file_upload), ("push", push)):
        await scenario(name, body)
    for client in (alice, bob, second):
        if client.is_connected():
            await client.stop()


async def hosts(host, port, ca_file, user, password, on_host, off_host):
    on = Client(user, password, ca_file, domain=on_host)
    off = Client(user, password, ca_file, domain=off_host)
    for client in (on, off):
        assert await client.start(host, port) == "session", client.failures

    async def vcard():
        card = on["xep_0054"].make_vcard()
        card["FN"] = "Alice of " + on_host
        await on["xep_0054"].publish_vcard(card)
        stored = await off["xep_0054"].get_vcard(on.boundjid.bare)
        assert stored["vcard_temp"]["FN"] == "Alice of " + on_host, stored
        try:
            await off["xep_0054"].publish_vcard(off["xep_0054"].make_vcard())
        except slixmpp.exceptions.IqError as e:
            condition = e.iq["error"]["condition"]
            assert condition == "service-unavailable", condition
            return "stored on %s; refused on %s with %s" % (on_host, off_host, condition)
        raise AssertionError("a vCard was stored on " + off_host)

    async def disco():
        features = {}
        for domain in (on_host, off_host):
            info = await off["xep_0030"].get_info(jid=domain)
            features[domain] = "vcard-temp" in info["disco_info"]["features"]
        assert features == {on_host: True, off_host: False}, features
        return "vcard-temp in the disco#info of %s only" % on_host

    for name, body in (("vcard-on-one-host-only", vcard), ("disco-per-host", disco)):
        await scenario(name, body)
    for client in (on, off):
        await client.stop()


async def archived_bodies(client, peer, reverse):
    """The bodies of the client's archive with peer, in pages of 10 (RSM), in archive order."""
    bodies = []
    async for result in client["xep_0313"].iterate(jid=slixmpp.JID(client.boundjid.bare), with_jid=slixmpp.JID(peer),
                                                    reverse=reverse, rsm={"max": 10}):
        bodies.append(result["mam_result"]["forwarded"]["stanza"]["body"])
    return bodies[::-1] if reverse else bodies


def register_pep(client):
    """slixmpp's PEP plugins; XEP-0115 carries the mood+notify interest (added by xep_0107) to the servers."""
    for plugin in ("xep_0115", "xep_0163", "xep_0084", "xep_0107", "xep_0004", "xep_0060"):
        client.register_plugin(plugin)


async def notified_mood(moods, publisher, value):
    """The next user_mood_publish event from the publisher with this mood (bounded)."""
    while True:
        event = await asyncio.wait_for(moods.get(), STEP_TIMEOUT)
        item = event["pubsub_event"]["items"]["item"]
        if event["from"].bare == publisher and item["mood"]["value"] == value:
            return item


async def federation(host, port_a, ca_a, domain_a, port_b, ca_b, domain_b, alice_name, bob_name, password):
    alice = Client(alice_name, password, ca_a, domain=domain_a)
    bob = Client(bob_name, password, ca_b, domain=domain_b)
    moods = asyncio.Queue()
    bob.add_event_handler("user_mood_publish", moods.put_nowait)
    for client in (alice, bob):
        register_pep(client)
    assert await alice.start(host, port_a) == "session", alice.failures
    assert await bob.start(host, port_b) == "session", bob.failures
    alice_jid, bob_jid = alice.boundjid.bare, bob.boundjid.bare

    async def subscription():
        alice.send_presence(pto=bob_jid, ptype="subscribe")
        await until(lambda: alice.client_roster[bob_jid]["subscription"] == "both"
                    and bob.client_roster[alice_jid]["subscription"] == "both", "subscription both on both rosters")
        await until(lambda: alice.client_roster.presence(bob_jid) and bob.client_roster.presence(alice_jid),
                    "each other's available presence")
        return "both rosters say 'both', each sees the other available, across servers"

    async def chat():
        alice.send_message(mto=bob_jid, mbody="hi from %s" % domain_a, mtype="chat")
        got = await next_message(bob, lambda m: m["body"] == "hi from %s" % domain_a, "alice's message")
        bob.send_message(mto=got["from"], mbody="hi from %s" % domain_b, mtype="chat")
        await next_message(alice, lambda m: m["body"] == "hi from %s" % domain_b, "bob's reply")
        return "chat both ways across servers"

    async def vcard():
        card = bob["xep_0054"].make_vcard()
        card["FN"] = "Bob of " + domain_b
        await bob["xep_0054"].publish_vcard(card)
        stored = await alice["xep_0054"].get_vcard(bob_jid)
        assert stored["vcard_temp"]["FN"] == "Bob of " + domain_b, stored
        return "bob's vCard read from " + domain_a

    async def archive():
        # The sender's copy of a message to the other server too, each once (XEP-0313).
        expected = ["hi from %s" % domain_a, "hi from %s" % domain_b]
        for client, peer in ((alice, bob_jid), (bob, alice_jid)):
            bodies = await archived_bodies(client, peer, False)
            assert bodies == expected, (client.boundjid.bare, bodies)
        return "each archive holds both messages of the chat once"

    async def pep_mood():
        # XEP-0163 across servers: bob's caps (mood+notify) verified by alice's server, then notified.
        await alice["xep_0107"].publish_mood("curious", text="across servers")
        item = await notified_mood(moods, alice_jid, "curious")
        return "bob on %s was notified of alice's mood: %s (%s)" % (domain_b, item["mood"]["value"],
                                                                     item["mood"]["text"])

    async def blocking():
        # XEP-0191 with a contact on the other server: alice's own message to bob is refused, bob sees her offline.
        await alice["xep_0191"].block(bob_jid)
        await until(lambda: not bob.client_roster.presence(alice_jid), "alice offline to bob")
        alice.send_message(mto=bob_jid, mbody="to a blocked contact", mtype="chat")
        refused = await next_message(alice, lambda m: m["type"] == "error", "the refusal of alice's message")
        await alice["xep_0191"].unblock(bob_jid)
        await until(lambda: bob.client_roster.presence(alice_jid), "alice online to bob again")
        alice.send_message(mto=bob_jid, mbody="unblocked across servers", mtype="chat")
        # Messages arrive in order: the blocked one would come before this one.
        got = await next_message(bob, lambda m: m["body"] in ("to a blocked contact", "unblocked across servers"),
                                 "alice's message after the unblock")
        assert got["body"] == "unblocked across servers", "the message to the blocked contact was delivered"
        return "alice blocked bob on %s: her message refused with %s, she went offline to him; after unblocking, " \
               "online and delivered" % (domain_b, refused["error"]["condition"])

    for name, body in (("federated-subscription", subscription), ("federated-chat", chat),
                       ("federated-vcard", vcard), ("federated-archive", archive), ("federated-pep-mood", pep_mood),
                       ("federated-blocking", blocking)):
        await scenario(name, body)
    for client in (alice, bob):
        await client.stop()


class Component(slixmpp.ComponentXMPP):
    """An external component (XEP-0114) that records the messages it gets and answers disco#info."""

    def __init__(self, domain, secret, host, port):
        # The server's domain, to which a privileged message is addressed; connect() names the address.
        super().__init__(domain, secret, DOMAIN, port)
        self.address = (host, port)
        self.register_plugin("xep_0030")
        # XEP-0356: the permissions the server advertises once the handshake succeeded.
        self.register_plugin("xep_0356")
        self.privileges = asyncio.get_event_loop().create_future()
        self.add_event_handler("privileges_advertised", lambda _: self.privileges.done()
                               or self.privileges.set_result(dict(self["xep_0356"].granted_privileges)))
        self["xep_0030"].add_identity(category="gateway", itype="irc", name="slixmpp component")
        self.started = asyncio.get_event_loop().create_future()
        self.messages = asyncio.Queue()
        self.add_event_handler("session_start", lambda _: self.started.done() or self.started.set_result(True))
        self.add_event_handler("message", self.messages.put_nowait)


async def component(host, port, ca_file, user, password, component_port, domain, secret):
    comp = Component(domain, secret, host, component_port)

    async def handshake():
        comp.connect(*comp.address)
        await asyncio.wait_for(comp.started, STEP_TIMEOUT)
        return "handshake accepted for %s" % domain

    await scenario("component-handshake", handshake)
    client = Client(user, password, ca_file)
    assert await client.start(host, port) == "session"

    async def gets_message():
        client.send_message(mto="echo@" + domain, mbody="to the component", mtype="chat")
        message = await asyncio.wait_for(comp.messages.get(), STEP_TIMEOUT)
        assert message["body"] == "to the component", message
        assert message["from"] == client.boundjid, message["from"]
        return "from %s" % message["from"]

    async def answers_iq():
        info = await client["xep_0030"].get_info(jid=domain, timeout=STEP_TIMEOUT)
        names = [identity[3] for identity in info["disco_info"]["identities"]]
        assert "slixmpp component" in names, names
        return "identities %s" % names

    async def sends_message():
        comp.send_message(mto=client.boundjid, mfrom="bot@%s/relay" % domain, mbody="from the component",
                          mtype="chat")
        message = await next_message(client, lambda m: m["body"] == "from the component", "the component's message")
        assert message["from"] == "bot@%s/relay" % domain, message["from"]
        return "from %s" % message["from"]

    async def privileged_roster():
        granted = await asyncio.wait_for(comp.privileges, STEP_TIMEOUT)
        assert granted["roster"] == "both" and granted["message"] == "outgoing", granted
        await comp["xep_0356"].set_roster(client.boundjid.bare, {"dave@example.org": {
            "name": "Dave", "subscription": "none", "groups": ["Gateway"]}}, timeout=STEP_TIMEOUT)
        roster = await comp["xep_0356"].get_roster(client.boundjid.bare, timeout=STEP_TIMEOUT)
        items = roster["roster"]["items"]
        assert "dave@example.org" in items and items["dave@example.org"]["name"] == "Dave", items
        return "granted %s; roster has %s" % (granted, sorted(str(jid) for jid in items))

    async def privileged_message():
        message = comp.make_message(mto=client.boundjid.bare, mfrom=client.boundjid.bare, mbody="note to self",
                                    mtype="chat")
        comp["xep_0356"].send_privileged_message(message)
        got = await next_message(client, lambda m: m["body"] == "note to self", "the privileged message")
        assert got["from"].bare == client.boundjid.bare, got["from"]
        return "from %s" % got["from"]

    for name, body in (("component-gets-message", gets_message), ("component-answers-iq", answers_iq),
                       ("component-sends-message", sends_message), ("privileged-roster", privileged_roster),
                       ("privileged-message", privileged_message)):
        await scenario(name, body)
    await client.stop()
    comp.disconnect()


async def pep(host, port, ca_file, alice_name, bob_name, password):
    """XEP-0163 with slixmpp's own plugins: an avatar (XEP-0084) and a mood (XEP-0107) between two contacts."""
    alice = Client(alice_name, password, ca_file, resource="pep")
    bob = Client(bob_name, password, ca_file, resource="pep")
    moods = asyncio.Queue()
    bob.add_event_handler("user_mood_publish", moods.put_nowait)
    for client in (alice, bob):
        register_pep(client)
        assert await client.start(host, port) == "session", client.failures
    alice_jid, bob_jid = alice.boundjid.bare, bob.boundjid.bare
    alice.send_presence(pto=bob_jid, ptype="subscribe")
    await until(lambda: alice.client_roster[bob_jid]["subscription"] == "both"
                and bob.client_roster[alice_jid]["subscription"] == "both", "subscription both on both rosters")

    async def avatar():
        image = bytes(range(256)) * 4
        digest = hashlib.sha1(image).hexdigest()
        await alice["xep_0084"].publish_avatar(image)
        await alice["xep_0084"].publish_avatar_metadata([{"id": digest, "type": "image/png", "bytes": len(image)}])
        got = await bob["xep_0084"].retrieve_avatar(alice_jid, digest)
        data = got["pubsub"]["items"]["item"]["avatar_data"]["value"]
        assert data == image, "the avatar bob read differs (%d bytes)" % len(data)
        return "published by alice (data and metadata), read by bob: %d bytes, id %s" % (len(image), digest)

    async def mood():
        await alice["xep_0107"].publish_mood("curious", text="what is PEP?")
        item = await notified_mood(moods, alice_jid, "curious")
        return "bob was notified of alice's mood: %s (%s)" % (item["mood"]["value"], item["mood"]["text"])

    async def disco_items():
        """XEP-0060 §5.2 on a PEP service: alice's bare JID lists the nodes bob may learn of."""
        items = await bob["xep_0030"].get_items(jid=alice_jid, timeout=STEP_TIMEOUT)
        nodes = sorted(item[1] for item in items["disco_items"]["items"] if item[1])
        assert "http://jabber.org/protocol/mood" in nodes and "urn:xmpp:avatar:metadata" in nodes, nodes
        return "bob sees alice's nodes %s" % nodes

    async def node_items_to_a_stranger():
        """XEP-0060 §5.5 and XEP-0030 §8: bob, no longer subscribed to alice's presence, reads the item ids
        of her open node, and gets an empty list for her mood node, which is for her contacts only."""
        options = alice["xep_0004"].make_form("submit")
        options.add_field(var="FORM_TYPE", ftype="hidden", value="http://jabber.org/protocol/pubsub#publish-options")
        options.add_field(var="pubsub#access_model", value="open")
        await alice["xep_0060"].publish(alice_jid, "urn:test:open", id="note1",
                                        payload=ET.fromstring("<note xmlns='urn:test'>for all</note>"), options=options)
        bob.send_presence(pto=alice_jid, ptype="unsubscribe")
        await until(lambda: bob.client_roster[alice_jid]["subscription"] == "from"
                    and alice.client_roster[bob_jid]["subscription"] == "to", "bob no longer subscribed to alice")
        found = await bob["xep_0030"].get_items(jid=alice_jid, node="urn:test:open", timeout=STEP_TIMEOUT)
        ids = [item[2] for item in found["disco_items"]["items"]]
        assert ids == ["note1"], ids
        hidden = await bob["xep_0030"].get_items(jid=alice_jid, node="http://jabber.org/protocol/mood", timeout=STEP_TIMEOUT)
        assert not hidden["disco_items"]["items"], hidden
        return "bob, not subscribed, sees the ids %s of alice's open node and none of her mood's" % ids

    async def new_subscriber():
        """XEP-0163 §6.2: bob, subscribed to alice again, is sent her last mood at once (his caps unchanged)."""
        bob.send_presence(pto=alice_jid, ptype="unsubscribe")
        await until(lambda: bob.client_roster[alice_jid]["subscription"] == "from"
                    and alice.client_roster[bob_jid]["subscription"] == "to", "bob no longer subscribed to alice")
        await alice["xep_0107"].publish_mood("sleepy", text="while bob was away")
        # slixmpp's default auto_authorize: alice approves at once.
        bob.send_presence(pto=alice_jid, ptype="subscribe")
        item = await notified_mood(moods, alice_jid, "sleepy")
        return "bob subscribed again and got alice's last mood: %s" % item["mood"]["value"]

    async def authorize():
        """XEP-0060 §4.5/§8.6 at pubsub.<host>: bob's subscription waits for alice's approval form."""
        service = "pubsub." + DOMAIN
        requests, changes = asyncio.Queue(), asyncio.Queue()
        # A message without a body: slixmpp's "message" event is for those with one.
        alice.add_event_handler("message_xform", lambda m: AUTHORIZATION in str(m) and requests.put_nowait(m))
        bob.add_event_handler("pubsub_subscription", changes.put_nowait)
        config = alice["xep_0004"].make_form("submit")
        config.add_field(var="FORM_TYPE", ftype="hidden", value="http://jabber.org/protocol/pubsub#node_config")
        config.add_field(var="pubsub#access_model", value="authorize")
        await alice["xep_0060"].create_node(service, "diary", config=config)
        await alice["xep_0060"].publish(service, "diary", id="day1", payload=ET.fromstring("<entry xmlns='urn:test'>day1</entry>"))
        subscribed = await bob["xep_0060"].subscribe(service, "diary")
        state = subscribed["pubsub"]["subscription"]["subscription"]
        assert state == "pending", "subscribing to an authorize node: %s" % state
        request = await asyncio.wait_for(requests.get(), STEP_TIMEOUT)
        assert str(request["form"]["values"]["pubsub#subscriber_jid"]) == bob_jid, request["form"]["values"]
        answer = alice.make_message(mto=service)
        answer["id"] = request["id"]
        form = alice["xep_0004"].make_form("submit")
        form.add_field(var="FORM_TYPE", ftype="hidden", value=AUTHORIZATION)
        form.add_field(var="pubsub#allow", ftype="boolean", value=True)
        answer.append(form)
        answer.send()
        change = await asyncio.wait_for(changes.get(), STEP_TIMEOUT)
        approved = change["pubsub_event"]["subscription"]["subscription"]
        assert approved == "subscribed", "after alice's answer: %s" % approved
        items = await bob["xep_0060"].get_items(service, "diary")
        ids = [item["id"] for item in items["pubsub"]["items"]]
        assert ids == ["day1"], ids
        return "bob's subscription pending, alice approved it with the form, bob read %s" % ids

    for name, body in (("pep-avatar", avatar), ("pep-mood-notification", mood), ("pep-disco-items", disco_items),
                       ("pep-node-items-to-a-stranger", node_items_to_a_stranger),
                       ("pep-last-item-to-new-subscriber", new_subscriber), ("pubsub-authorize", authorize)):
        await scenario(name, body)
    for client in (alice, bob):
        await client.stop()


def main():
    logging.basicConfig(level=logging.DEBUG if "DEBUG" in __import__("os").environ else logging.CRITICAL)
    command, args = sys.argv[1], sys.argv[2:]
    if command == "logins":
        host, starttls_port, tls_port, ca_file, user, password = args
        work = logins(host, int(starttls_port), int(tls_port), ca_file, user, password)
    elif command == "component":
        host, port, ca_file, user, password, component_port, domain, secret = args
        work = component(host, int(port), ca_file, user, password, int(component_port), domain, secret)
    elif command == "pep":
        host, port, ca_file, alice, bob, password = args
        work = pep(host, int(port), ca_file, alice, bob, password)
    elif command == "hosts":
        host, port, ca_file, user, password, on_host, off_host = args
        work = hosts(host, int(port), ca_file, user, password, on_host, off_host)
    elif command == "federation":
        host, port_a, ca_a, domain_a, port_b, ca_b, domain_b, alice, bob, password = args
        work = federation(host, int(port_a), ca_a, domain_a, int(port_b), ca_b, domain_b, alice, bob, password)
    else:
        host, port, ca_file, alice, bob, password = args
        work = im(host, int(port), ca_file, alice, bob, password)
    asyncio.get_event_loop().run_until_complete(work)


if __name__ == "__main__":
    main()
