package im.parley.it.clients;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * aioxmpp (Debian's python3-aioxmpp) logs in over STARTTLS and exchanges a message each way with a
 * Smack user; the script is {@code src/test/clients/aioxmpp/echo.py}.
 */
class AioxmppTest {

    @BeforeAll
    static void aioxmppIsInstalled() {
        ClientScenarios.requirePythonModule("aioxmpp", "python3-aioxmpp");
    }

    @TestFactory
    List<DynamicTest> loginAndMessageEachWay() throws Exception {
        return SmackEchoPeer.exchange("(aioxmpp)", "hello from aioxmpp", (server, peer, caFile) -> List.of(
                ClientScenarios.PYTHON, "src/test/clients/aioxmpp/echo.py", "127.0.0.1", String.valueOf(server.port()),
                "alice", "alice-pw", peer, caFile.toString()));
    }
}
