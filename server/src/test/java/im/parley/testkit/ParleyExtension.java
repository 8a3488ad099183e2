package im.parley.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts a Parley server for tests and hands them logged-in {@link RecordingClient}s.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ParleyExtension parley = new ParleyExtension().config("roster:\n  max-items: 3\n").users("alice", "bob");
 * ...
 * &#64;Login("bob/laptop")
 * RecordingClient bob;
 * ...
 * RecordingClient alice = parley.login("alice", "phone");
 * </pre>
 *
 * In a static field the server is shared by the tests of the class (started before the first,
 * stopped after the last); in an instance field every test gets a fresh one, whose configuration
 * a {@link ServerConfig} on the test method can extend. Accounts named with {@link #users} (password
 * {@code NAME-pw}) exist from the start; fields marked {@link Login} are logged in for the tests.
 * Clients made during a test are closed after it; those made before the tests (static
 * {@code @Login} fields, {@code @BeforeAll}) after the last test.
 */
public final class ParleyExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final List<String> overrides = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private final List<String> admins = new ArrayList<>();
    private final List<RecordingClient> classClients = new ArrayList<>();
    private final List<RecordingClient> testClients = new ArrayList<>();
    private TestServer server;
    private boolean sharedByClass;
    private boolean inTest;

    /** Configuration overrides for every server this extension starts (YAML, merged key by key). */
    public ParleyExtension config(String yaml) {
        overrides.add(yaml);
        return this;
    }

    /**
     * Accounts created in every server this extension starts, each with the password {@code NAME-pw}:
     * {@code NAME} on the default domain, {@code NAME@HOST} on another hosted domain.
     */
    public ParleyExtension users(String... names) {
        users.addAll(List.of(names));
        return this;
    }

    /** An account that is also an administrator (XEP-0133), with the password {@code NAME-pw}. */
    public ParleyExtension admin(String name) {
        admins.add(name + "@" + TestServer.DOMAIN);
        return users(name);
    }

    /** The password {@link #users} gives an account. */
    public static String password(String user) {
        return (user.indexOf('@') < 0 ? user : user.substring(0, user.indexOf('@'))) + "-pw";
    }

    // ---- lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        sharedByClass = true;
        server = start(Optional.empty());
        logIn(context.getRequiredTestClass(), null);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Optional<ServerConfig> perTest = context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, ServerConfig.class));
        if (sharedByClass && perTest.isPresent()) {
            throw new IllegalStateException("@ServerConfig needs a server per test: register "
                    + "the ParleyExtension in an instance field, not a static one");
        }
        if (!sharedByClass) {
            server = start(perTest.map(ServerConfig::value));
        }
        inTest = true;
        logIn(context.getRequiredTestClass(), context.getRequiredTestInstance());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        inTest = false;
        closeAll(testClients);
        if (!sharedByClass) {
            stopServer();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeAll(classClients);
        stopServer();
    }

    private TestServer start(Optional<String> perTest) throws Exception {
        List<String> all = new ArrayList<>();
        if (!admins.isEmpty()) {
            all.add("admins: [" + String.join(", ", admins) + "]\n");
        }
        all.addAll(overrides);
        perTest.ifPresent(all::add);
        TestServer started = TestServer.start(all.toArray(String[]::new));
        users.forEach(name -> started.addUser(name, password(name)));
        return started;
    }

    /** Sets the {@link Login} fields: the static ones when {@code instance} is null, else the instance's. */
    private void logIn(Class<?> testClass, Object instance) throws Exception {
        for (Field field : testClass.getDeclaredFields()) {
            Login login = field.getAnnotation(Login.class);
            if (login == null || Modifier.isStatic(field.getModifiers()) != (instance == null)) {
                continue;
            }
            String[] userAndResource = login.value().split("/", 2);
            if (userAndResource.length != 2) {
                throw new IllegalArgumentException("@Login(\"user/resource\") expected on " + field);
            }
            RecordingClient client = login(userAndResource[0], userAndResource[1]);
            field.setAccessible(true);
            field.set(instance, field.getType() == XMPPTCPConnection.class ? client.connection() : client);
        }
    }

    private void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static void closeAll(List<RecordingClient> clients) {
        clients.forEach(RecordingClient::close);
        clients.clear();
    }

    // ---- for the tests ----

    /** The running server. */
    public TestServer server() {
        if (server == null) {
            throw new IllegalStateException("no server: the ParleyExtension starts it before each test "
                    + "(instance field) or before all tests (static field)");
        }
        return server;
    }

    /** Creates accounts on the running server, each with the password {@code NAME-pw}. */
    public void createUsers(String... names) {
        for (String name : names) {
            server().addUser(name, password(name));
        }
    }

    /** Logs a user in (password {@code NAME-pw}) with a resource, sending initial presence. */
    public RecordingClient login(String user, String resource) throws Exception {
        return track(server().login(user, password(user), resource));
    }

    /** A client for a user, to configure before it connects; closed by the extension. */
    public ClientBuilder client(String user) {
        return new ClientBuilder(user);
    }

    private RecordingClient track(RecordingClient client) {
        (inTest ? testClients : classClients).add(client);
        return client;
    }

    /** What a client needs besides the user: password, resource, initial presence. */
    public final class ClientBuilder {
        private final String user;
        private String domain;
        private String password;
        private String resource;
        private boolean sendPresence = true;
        private boolean streamManagement = true;
        private Consumer<XMPPTCPConnectionConfiguration.Builder> settings = builder -> { };

        private ClientBuilder(String user) {
            this.user = user;
            this.password = ParleyExtension.password(user);
        }

        public ClientBuilder password(String newPassword) {
            password = newPassword;
            return this;
        }

        /** The domain of the account, when the server hosts several (virtual hosts). */
        public ClientBuilder domain(String newDomain) {
            domain = newDomain;
            return this;
        }

        public ClientBuilder resource(String newResource) {
            resource = newResource;
            return this;
        }

        /** Leaves initial presence to the test (Smack sends it at login by default). */
        public ClientBuilder withoutPresence() {
            sendPresence = false;
            return this;
        }

        /**
         * Leaves stream management (XEP-0198) off, which Smack enables with resumption by default:
         * for a test of what happens when a connection drops and its session ends at once.
         */
        public ClientBuilder withoutStreamManagement() {
            streamManagement = false;
            return this;
        }

        /** Anything else in Smack's configuration: SASL mechanisms, another port, a socket factory. */
        public ClientBuilder configure(Consumer<XMPPTCPConnectionConfiguration.Builder> more) {
            settings = settings.andThen(more);
            return this;
        }

        /** The client, not connected yet: listeners and managers can be set up before the server can send. */
        public RecordingClient build() throws Exception {
            var config = server().clientConfig(domain != null ? domain : server().domain(), user, password)
                    .setSendPresence(sendPresence);
            if (resource != null) {
                config.setResource(resource);
            }
            settings.accept(config);
            RecordingClient client = track(new RecordingClient(config.build()));
            client.connection().setUseStreamManagement(streamManagement);
            return client;
        }

        /** Connected, not authenticated. */
        public RecordingClient connect() throws Exception {
            return build().connect();
        }

        /** Connected and authenticated. */
        public RecordingClient login() throws Exception {
            return build().login();
        }
    }
}
