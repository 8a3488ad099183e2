"""Logs in to Parley with aioxmpp, sends a message to a peer (a Smack client in AioxmppTest) and
waits for the peer's answer, printing one line per scenario:

    SCENARIO <name> PASS|FAIL <detail>

    echo.py HOST STARTTLS_PORT USER PASSWORD PEER_JID CA_FILE   (run with Debian's /usr/bin/python3)
"""
import asyncio
import logging
import os
import sys

import aioxmpp
import aioxmpp.dispatcher

DOMAIN = "localhost"
STEP_TIMEOUT = 10


def report(name, ok, detail):
    print("SCENARIO %s %s %s" % (name, "PASS" if ok else "FAIL", " ".join(str(detail).split())), flush=True)


def trusting(ca_file):
    """An SSL context whose only trust anchor is CA_FILE, the server's self-signed certificate."""
    def factory():
        context = aioxmpp.security_layer.default_ssl_context()
        context.load_verify_locations(ca_file)
        return context
    return factory


async def run(host, port, user, password, peer, ca_file):
    client = aioxmpp.PresenceManagedClient(
        aioxmpp.JID.fromstr("%s@%s/aioxmpp" % (user, DOMAIN)),
        aioxmpp.make_security_layer(password, ssl_context_factory=trusting(ca_file)),
        override_peer=[(host, port, aioxmpp.connector.STARTTLSConnector())])
    answers = asyncio.Queue()
    client.summon(aioxmpp.dispatcher.SimpleMessageDispatcher).register_callback(
        aioxmpp.MessageType.CHAT, None, answers.put_nowait)
    try:
        async with client.connected() as stream:
            report("login", True, "bound " + str(client.local_jid))
            message = aioxmpp.Message(to=aioxmpp.JID.fromstr(peer), type_=aioxmpp.MessageType.CHAT)
            message.body[None] = "hello from aioxmpp"
            await stream.send(message)
            try:
                answer = await asyncio.wait_for(answers.get(), STEP_TIMEOUT)
                body = answer.body.any()
                ok = answer.from_.bare() == aioxmpp.JID.fromstr(peer).bare() and body == "echo: hello from aioxmpp"
                report("message-from-peer", ok, "%s from %s" % (body, str(answer.from_)))
            except asyncio.TimeoutError:
                report("message-from-peer", False, "no answer within %d s" % STEP_TIMEOUT)
    except Exception as e:
        report("login", False, "%s: %s" % (type(e).__name__, e))


def main():
    logging.basicConfig(level=logging.DEBUG if "DEBUG" in os.environ else logging.CRITICAL)
    host, port, user, password, peer, ca_file = sys.argv[1:]
    asyncio.get_event_loop().run_until_complete(run(host, int(port), user, password, peer, ca_file))


if __name__ == "__main__":
    main()
