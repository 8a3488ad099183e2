/**
 * The test kit: a Parley server in-process and real clients for it, shared by the server's
 * real-client tests and by {@code bench/} (published as the server module's test-jar).
 *
 * <ul>
 *   <li>{@link im.parley.testkit.ParleyExtension}: a JUnit 5 extension that starts a server (a
 *       fresh store in a temporary directory, free loopback ports, quiet logs) for a test class
 *       (static field) or for each test (instance field), creates its accounts, and hands out
 *       logged-in {@link im.parley.testkit.RecordingClient}s, which it closes again.</li>
 *   <li>{@link im.parley.testkit.RecordingClient}: a Smack client that records every stanza it
 *       receives: {@code alice.awaitMessage()}, {@code alice.received(Presence.class)},
 *       {@code alice.awaitPresence(Presence.Type.subscribe, "bob")}.</li>
 *   <li>{@link im.parley.testkit.TestServer}: the server itself, for tests that manage it by hand
 *       (the standard suite) or prepare its store before it starts ({@link
 *       im.parley.testkit.TestServer#config}); {@link im.parley.testkit.TestServer#restart()} keeps
 *       the store.</li>
 *   <li>{@link im.parley.testkit.RawStream}: bytes on a plain socket, for input no client would send.</li>
 * </ul>
 *
 * <p>Converting a test written against the old {@code im.parley.it.TestServer}: replace the
 * {@code @BeforeAll}/{@code @AfterAll} server start and stop with
 * {@code @RegisterExtension static final ParleyExtension parley = new ParleyExtension().config(EXTRA_YAML).users("alice", "bob")}
 * ({@code @BeforeEach}/{@code @AfterEach}: the same in an instance field); {@code server.login(user,
 * password, resource)} becomes {@code parley.login(user, resource).connection()} (passwords are
 * {@code NAME-pw}; another one with {@code parley.client(user).password(pw).resource(r).login()}),
 * or a {@code @Login("user/resource")} field; stanza listeners and their lists become the client's
 * own record; the disconnects go. A test that keeps its own {@code TestServer} only changes the
 * import: {@code login(user, password, resource)} then returns a recording client (its
 * {@code connection()} is the Smack connection), and {@code startWithC2s(lines)} is
 * {@code start("c2s:\n" + lines)}.
 * {@code ImClient.login(server, user, resource)} becomes {@code parley.login(user, resource)}, with
 * the same methods. Configuration overrides are YAML merged key by key into the defaults, so a
 * c2s key is written {@code "c2s:\n  resource-conflict: refuse\n"}.
 */
package im.parley.testkit;
