package im.parley.it.clients;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * libstrophe (Debian's libstrophe, the library under profanity) logs in over STARTTLS and direct
 * TLS and exchanges a message each way with a Smack user. The client is the small C program
 * {@code src/test/clients/libstrophe/echo.c}, compiled here against the installed library.
 */
class LibstropheTest {
    private static final String SOURCE = "src/test/clients/libstrophe/echo.c";

    @TempDir
    static Path directory;
    private static Path program;

    @BeforeAll
    static void compile() {
        ClientScenarios.requireInstalled(ClientScenarios.succeeds("pkg-config", "--exists", "libstrophe"),
                "libstrophe", "apt-get install libstrophe-dev gcc pkg-config");
        program = directory.resolve("echo");
        ClientScenarios.requireInstalled(ClientScenarios.succeeds("sh", "-c",
                        "cc -Wall -Werror -o \"$0\" \"$1\" $(pkg-config --cflags --libs libstrophe)", program.toString(), SOURCE),
                "a C compiler for libstrophe", "apt-get install gcc");
    }

    @TestFactory
    List<DynamicTest> loginAndMessageEachWay() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean directTls : List.of(false, true)) {
            tests.addAll(SmackEchoPeer.exchange(directTls ? "(libstrophe, direct TLS)" : "(libstrophe, STARTTLS)",
                    "hello from libstrophe", (server, peer, caFile) -> List.of(program.toString(),
                            "127.0.0.1", String.valueOf(directTls ? server.server().directTlsPort() : server.port()),
                            "alice@localhost", "alice-pw", peer, caFile.toString(), directTls ? "direct-tls" : "starttls")));
        }
        return tests;
    }
}
