package im.parley.router;

import im.parley.module.Hosts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.config.ConfigException;
import im.parley.config.ResourceConflict;
import im.parley.module.Delivery;
import im.parley.module.IqScope;
import im.parley.module.ModuleContext;
import im.parley.module.ModuleRegistry;
import im.parley.module.Origin;
import im.parley.session.RecordingSession;
import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Delivery rules of RFC 6120 §10 and RFC 6121 §8.5 as {@link StanzaRouter} implements them. */
class StanzaRouterTest {
    private static final String DOMAIN = "example.com";
    private static final String ECHO = "urn:test:echo";
    private static final String FAILING = "urn:test:failing";
    private static final String ACCOUNT_QUERY = "urn:test:account";
    private static final Jid JULIET = Jid.parse("juliet@example.com");

    private final SessionRegistry sessions = new SessionRegistry();
    private final Set<String> accounts = Set.of("juliet", "romeo");
    /** The account names the router asked the store about. */
    private final List<String> accountLookups = new ArrayList<>();
    private final ModuleRegistry modules = new ModuleRegistry(Hosts.of(DOMAIN), sessions);
    private final RouteTable routes = new RouteTable(List.of(DOMAIN));
    private final StanzaRouter router = new StanzaRouter(routes, sessions, account -> {
        accountLookups.add(account.local());
        return accounts.contains(account.local());
    }, modules);
    /** Stanzas that reached the delivery hooks. */
    private final List<Stanza> hooked = new ArrayList<>();
    private final List<Stanza> accountQueries = new ArrayList<>();
    /** The origins the delivery hooks saw, the outcomes reported, and what the other handlers took. */
    private final List<Origin> hookedOrigins = new ArrayList<>();
    private final List<Delivery> outcomes = new ArrayList<>();
    private final List<Stanza> serverPresence = new ArrayList<>();
    private final List<Stanza> toService = new ArrayList<>();
    private FakeSession romeo;

    /** A bound session that records what the router hands it. */
    private static final class FakeSession extends RecordingSession {
        FakeSession(Jid jid) {
            super(jid);
        }

        FakeSession available(int priority) {
            updatePresence(Stanza.of(Element.builder("presence", Namespaces.STANZA)
                    .attribute("from", jid().toString())
                    .textChild("priority", Integer.toString(priority))
                    .build()));
            return this;
        }

        FakeSession unavailable() {
            updatePresence(Stanza.of(Element.builder("presence", Namespaces.STANZA)
                    .attribute("from", jid().toString()).attribute("type", "unavailable").build()));
            return this;
        }
    }

    @BeforeEach
    void wire() {
        ModuleContext context = modules.context(router, null, Hosts.of(DOMAIN));
        context.handleIq(IqScope.SERVER, ECHO, request -> request.iq().result(Element.of("echo", ECHO)));
        context.handleIq(IqScope.SERVER, FAILING, request -> {
            throw new IllegalStateException("handler bug");
        });
        context.handleIq(IqScope.ACCOUNT, ACCOUNT_QUERY, request -> {
            accountQueries.add(request.iq());
            return request.iq().result(null);
        });
        context.onDelivery(0, (stanza, origin) -> {
            hooked.add(stanza);
            hookedOrigins.add(origin);
            // Like a blocklist: the hook takes it.
            return stanza.isMessage() && "refuse me".equals(stanza.element().childText("body")) ? null : stanza;
        });
        context.onDelivered(outcomes::add);
        context.onServerPresence((stanza, origin) -> serverPresence.add(stanza));
        context.onUndeliverableMessage(message ->
                "store me".equals(message.element().childText("body")) ? Delivery.STORED_OFFLINE : null);
        context.serviceDomain("rooms", "Rooms", (stanza, origin) -> toService.add(stanza));
        modules.serviceDomains().forEach(routes::add);
        romeo = bind("romeo@example.com/orchard");
    }

    private FakeSession bind(String fullJid) {
        FakeSession session = new FakeSession(Jid.parse(fullJid));
        sessions.bind(session, ResourceConflict.REFUSE);
        return session;
    }

    /** A stanza from Romeo's session, as the client stream would hand it to the router. */
    private Stanza fromRomeo(String kind, String to, String type, Element child) {
        return Stanza.of(Element.builder(kind, Namespaces.STANZA)
                .attribute("from", romeo.jid().toString())
                .attribute("to", to)
                .attribute("type", type)
                .attribute("id", "r1")
                .child(child)
                .build());
    }

    private Stanza message(String to, String type) {
        return fromRomeo("message", to, type, Element.builder("body", Namespaces.STANZA).text("hi").build());
    }

    private Stanza iq(String to, String type, String namespace) {
        return fromRomeo("iq", to, type, namespace == null ? null : Element.of("query", namespace));
    }

    /** Asserts Romeo got exactly one stanza: an error with this condition answering his stanza r1. */
    private void assertRomeoGotError(String condition) {
        assertThat(romeo.delivered()).hasSize(1);
        Stanza error = romeo.delivered().get(0);
        assertThat(error.isError()).isTrue();
        assertThat(error.id()).isEqualTo("r1");
        assertThat(error.to()).isEqualTo(romeo.jid());
        Element errorElement = error.element().child("error", Namespaces.STANZA);
        assertThat(errorElement.child(condition, Namespaces.STANZA_ERRORS)).as(error.toString()).isNotNull();
    }

    @Nested
    class ToAFullJid {
        @Test
        void messageIsDeliveredToThatSessionOnly() {
            FakeSession balcony = bind("juliet@example.com/balcony").available(0);
            FakeSession chamber = bind("juliet@example.com/chamber").available(5);

            router.route(message("juliet@example.com/balcony", "chat"));

            assertThat(balcony.delivered()).singleElement().extracting(Stanza::id).isEqualTo("r1");
            assertThat(chamber.delivered()).isEmpty();
            assertThat(romeo.delivered()).isEmpty();
        }

        /** §8.5.3.1: a connected resource gets stanzas addressed to it even before its initial presence. */
        @Test
        void iqIsDeliveredToAConnectedResourceWithoutPresence() {
            FakeSession balcony = bind("juliet@example.com/balcony");

            router.route(iq("juliet@example.com/balcony", "get", ECHO));

            assertThat(balcony.delivered()).hasSize(1);
        }

        @Test
        void chatToAMissingResourceIsTreatedAsToTheBareJid() {
            FakeSession balcony = bind("juliet@example.com/balcony").available(1);

            router.route(message("juliet@example.com/gone", "chat"));

            assertThat(balcony.delivered()).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo("r1");
                assertThat(s.element().childText("body")).isEqualTo("hi");
            });
            assertThat(romeo.delivered()).isEmpty();
        }

        @Test
        void chatToAMissingResourceOfAnOfflineUserIsRefused() {
            router.route(message("juliet@example.com/gone", "chat"));

            assertRomeoGotError("service-unavailable");
        }

        /** §8.5.3.2.1: normal and groupchat messages are not redirected to other resources. */
        @ParameterizedTest
        @ValueSource(strings = {"normal", "groupchat"})
        void normalOrGroupchatToAMissingResourceIsRefused(String type) {
            FakeSession balcony = bind("juliet@example.com/balcony").available(1);

            router.route(message("juliet@example.com/gone", type));

            assertThat(balcony.delivered()).isEmpty();
            assertRomeoGotError("service-unavailable");
        }

        @Test
        void messageWithoutTypeCountsAsNormal() {
            FakeSession balcony = bind("juliet@example.com/balcony").available(1);

            router.route(message("juliet@example.com/gone", null));

            assertThat(balcony.delivered()).isEmpty();
            assertRomeoGotError("service-unavailable");
        }

        @ParameterizedTest
        @ValueSource(strings = {"headline", "error"})
        void headlineOrErrorToAMissingResourceIsDropped(String type) {
            FakeSession balcony = bind("juliet@example.com/balcony").available(1);

            router.route(message("juliet@example.com/gone", type));

            assertThat(balcony.delivered()).isEmpty();
            assertThat(romeo.delivered()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"get", "set"})
        void iqRequestToAMissingResourceIsRefused(String type) {
            bind("juliet@example.com/balcony").available(1);

            router.route(iq("juliet@example.com/gone", type, ECHO));

            assertRomeoGotError("service-unavailable");
        }

        @ParameterizedTest
        @ValueSource(strings = {"result", "error"})
        void iqResponseToAMissingResourceIsDropped(String type) {
            FakeSession balcony = bind("juliet@example.com/balcony").available(1);

            router.route(iq("juliet@example.com/gone", type, null));

            assertThat(balcony.delivered()).isEmpty();
            assertThat(romeo.delivered()).isEmpty();
        }

        @Test
        void presenceToAMissingResourceIsDropped() {
            FakeSession balcony = bind("juliet@example.com/balcony").available(1);

            router.route(fromRomeo("presence", "juliet@example.com/gone", null, null));

            assertThat(balcony.delivered()).isEmpty();
            assertThat(romeo.delivered()).isEmpty();
        }
    }

    @Nested
    class ToABareJid {
        private FakeSession high1;
        private FakeSession high2;
        private FakeSession low;
        private FakeSession negative;

        void bindJulietResources() {
            high1 = bind("juliet@example.com/balcony").available(5);
            high2 = bind("juliet@example.com/chamber").available(5);
            low = bind("juliet@example.com/garden").available(1);
            negative = bind("juliet@example.com/tomb").available(-1);
        }

        /** §8.5.2.1.1: chat and normal go to the available resource(s) of highest priority. */
        @ParameterizedTest
        @ValueSource(strings = {"chat", "normal"})
        void chatOrNormalGoesToTheHighestPriorityResources(String type) {
            bindJulietResources();

            router.route(message("juliet@example.com", type));

            assertThat(high1.delivered()).hasSize(1);
            assertThat(high2.delivered()).hasSize(1);
            assertThat(low.delivered()).isEmpty();
            assertThat(negative.delivered()).isEmpty();
            assertThat(romeo.delivered()).isEmpty();
        }

        @Test
        void zeroPriorityBeatsNoPriority() {
            FakeSession zero = bind("juliet@example.com/balcony").available(0);
            FakeSession negative = bind("juliet@example.com/tomb").available(-5);

            router.route(message("juliet@example.com", "chat"));

            assertThat(zero.delivered()).hasSize(1);
            assertThat(negative.delivered()).isEmpty();
        }

        @Test
        void headlineGoesToEveryNonNegativeResource() {
            bindJulietResources();

            router.route(message("juliet@example.com", "headline"));

            assertThat(high1.delivered()).hasSize(1);
            assertThat(high2.delivered()).hasSize(1);
            assertThat(low.delivered()).hasSize(1);
            assertThat(negative.delivered()).isEmpty();
        }

        @Test
        void groupchatIsRefusedEvenWithAvailableResources() {
            bindJulietResources();

            router.route(message("juliet@example.com", "groupchat"));

            assertThat(high1.delivered()).isEmpty();
            assertRomeoGotError("service-unavailable");
        }

        @Test
        void errorMessageIsDropped() {
            bindJulietResources();

            router.route(message("juliet@example.com", "error"));

            assertThat(high1.delivered()).isEmpty();
            assertThat(romeo.delivered()).isEmpty();
        }

        @Test
        void onlyNegativePriorityResourcesCountAsUnavailableForChat() {
            FakeSession negative = bind("juliet@example.com/tomb").available(-1);

            router.route(message("juliet@example.com", "chat"));

            assertThat(negative.delivered()).isEmpty();
            assertRomeoGotError("service-unavailable");
        }

        @Test
        void resourcesWithoutOrAfterPresenceGetNoMessages() {
            FakeSession connected = bind("juliet@example.com/balcony");
            FakeSession gone = bind("juliet@example.com/chamber").available(3).unavailable();

            router.route(message("juliet@example.com", "chat"));

            assertThat(connected.delivered()).isEmpty();
            assertThat(gone.delivered()).isEmpty();
            assertRomeoGotError("service-unavailable");
        }

        @ParameterizedTest
        @ValueSource(strings = {"chat", "normal"})
        void chatOrNormalWithoutAvailableResourceIsRefused(String type) {
            router.route(message("juliet@example.com", type));

            assertRomeoGotError("service-unavailable");
        }

        @Test
        void headlineWithoutAvailableResourceIsDropped() {
            FakeSession negative = bind("juliet@example.com/tomb").available(-1);

            router.route(message("juliet@example.com", "headline"));

            assertThat(negative.delivered()).isEmpty();
            assertThat(romeo.delivered()).isEmpty();
        }

        @Test
        void presenceGoesToEveryAvailableResource() {
            bindJulietResources();
            FakeSession connected = bind("juliet@example.com/hall");

            router.route(fromRomeo("presence", "juliet@example.com", null, null));

            assertThat(List.of(high1, high2, low, negative)).allSatisfy(s -> assertThat(s.delivered()).hasSize(1));
            assertThat(connected.delivered()).isEmpty();
        }

        @Test
        void presenceToAnAccountWithoutAvailableResourceIsIgnoredWithoutAStoreLookup() {
            bind("juliet@example.com/hall");

            router.route(fromRomeo("presence", "juliet@example.com", null, null));
            router.route(fromRomeo("presence", "juliet@example.com", "unavailable", null));
            router.route(fromRomeo("presence", "nobody@example.com", null, null));

            assertThat(accountLookups).isEmpty();
            assertThat(hooked).isEmpty();
            assertThat(romeo.delivered()).isEmpty();
        }

        @Test
        void aProbeOfAnOfflineAccountGoesToTheHooksWithoutAStoreLookup() {
            router.route(fromRomeo("presence", "juliet@example.com", "probe", null));

            assertThat(accountLookups).isEmpty();
            assertThat(hooked).extracting(Stanza::type).containsExactly("probe");
        }

        @Test
        void aSubscriptionRequestToAnOfflineAccountAsksWhetherItExists() {
            router.route(fromRomeo("presence", "juliet@example.com", "subscribe", null));

            assertThat(accountLookups).containsExactly("juliet");
            assertThat(hooked).extracting(Stanza::type).containsExactly("subscribe");
        }

        @Test
        void iqIsHandledOnBehalfOfTheAccount() {
            FakeSession balcony = bind("juliet@example.com/balcony").available(5);

            router.route(iq("juliet@example.com", "get", ACCOUNT_QUERY));

            assertThat(accountQueries).singleElement().extracting(Stanza::to).isEqualTo(JULIET);
            assertThat(balcony.delivered()).isEmpty();
            assertThat(romeo.delivered()).singleElement().satisfies(result -> {
                assertThat(result.type()).isEqualTo("result");
                assertThat(result.from()).isEqualTo(JULIET);
            });
        }

        @Test
        void iqWithoutAccountHandlerIsRefused() {
            router.route(iq("juliet@example.com", "get", "urn:test:unknown"));

            assertRomeoGotError("service-unavailable");
        }

        @Test
        void iqResponseToTheAccountIsDropped() {
            router.route(iq("juliet@example.com", "result", null));

            assertThat(accountQueries).isEmpty();
            assertThat(romeo.delivered()).isEmpty();
        }
    }

    /** RFC 6120 §10.3: no 'to' means the sender's own bare JID. */
    @Nested
    class WithoutTo {
        @Test
        void iqIsHandledForTheSendersAccount() {
            router.route(iq(null, "get", ACCOUNT_QUERY));

            assertThat(accountQueries).singleElement().extracting(Stanza::to).isEqualTo(romeo.jid().bare());
            assertThat(romeo.delivered()).singleElement().extracting(Stanza::type).isEqualTo("result");
        }

        @Test
        void messageGoesToTheSendersOwnResources() {
            FakeSession otherDevice = bind("romeo@example.com/phone").available(1);

            router.route(message(null, "chat"));

            assertThat(otherDevice.delivered()).hasSize(1);
        }
    }

    /** RFC 6121 §8.5.1: no such account. */
    @Nested
    class ToAnUnknownUser {
        @ParameterizedTest
        @ValueSource(strings = {"nobody@example.com", "nobody@example.com/res"})
        void messageIsRefused(String to) {
            router.route(message(to, "chat"));

            assertRomeoGotError("service-unavailable");
        }

        @ParameterizedTest
        @ValueSource(strings = {"nobody@example.com", "nobody@example.com/res"})
        void iqIsRefused(String to) {
            router.route(iq(to, "get", ACCOUNT_QUERY));

            assertThat(accountQueries).isEmpty();
            assertRomeoGotError("service-unavailable");
        }

        @ParameterizedTest
        @ValueSource(strings = {"headline", "error"})
        void headlineOrErrorMessageIsDropped(String type) {
            router.route(message("nobody@example.com", type));

            assertThat(romeo.delivered()).isEmpty();
        }

        @Test
        void iqResponseIsDropped() {
            router.route(iq("nobody@example.com", "result", null));

            assertThat(romeo.delivered()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"subscribe", "probe", "unavailable"})
        void presenceIsIgnored(String type) {
            router.route(fromRomeo("presence", "nobody@example.com", type, null));

            assertThat(romeo.delivered()).isEmpty();
        }
    }

    @Nested
    class ToAnotherDomain {
        @ParameterizedTest
        @ValueSource(strings = {"juliet@example.net", "juliet@example.net/balcony", "example.net"})
        void messageIsAnsweredWithRemoteServerNotFound(String to) {
            router.route(message(to, "chat"));

            assertRomeoGotError("remote-server-not-found");
        }

        @Test
        void iqRequestIsAnsweredWithRemoteServerNotFound() {
            router.route(iq("example.net", "get", ECHO));

            assertRomeoGotError("remote-server-not-found");
        }

        @Test
        void errorsAndResponsesAreNotAnswered() {
            router.route(message("juliet@example.net", "error"));
            router.route(iq("example.net", "result", null));
            router.route(iq("example.net", "error", null));

            assertThat(romeo.delivered()).isEmpty();
        }
    }

    @Nested
    class ToTheServer {
        @Test
        void iqWithHandlerIsAnsweredWithTheHandlersResult() {
            router.route(iq(DOMAIN, "get", ECHO));

            assertThat(romeo.delivered()).singleElement().satisfies(result -> {
                assertThat(result.type()).isEqualTo("result");
                assertThat(result.id()).isEqualTo("r1");
                assertThat(result.from()).isEqualTo(Jid.domain(DOMAIN));
                assertThat(result.to()).isEqualTo(romeo.jid());
                assertThat(result.payload().is("echo", ECHO)).isTrue();
            });
        }

        @Test
        void iqWithoutHandlerIsRefused() {
            router.route(iq(DOMAIN, "get", "urn:test:unknown"));

            assertRomeoGotError("service-unavailable");
        }

        @Test
        void accountHandlersDoNotAnswerForTheServer() {
            router.route(iq(DOMAIN, "get", ACCOUNT_QUERY));

            assertThat(accountQueries).isEmpty();
            assertRomeoGotError("service-unavailable");
        }

        @Test
        void iqRequestWithoutChildIsABadRequest() {
            router.route(iq(DOMAIN, "get", null));

            assertRomeoGotError("bad-request");
        }

        @ParameterizedTest
        @ValueSource(strings = {"result", "error"})
        void iqResponsesAreNeverAnswered(String type) {
            router.route(iq(DOMAIN, type, null));
            router.route(iq(DOMAIN, type, "urn:test:unknown"));

            assertThat(romeo.delivered()).isEmpty();
        }

        @Test
        void failingHandlerIsAnsweredWithInternalServerError() {
            router.route(iq(DOMAIN, "get", FAILING));

            assertRomeoGotError("internal-server-error");
        }

        @ParameterizedTest
        @ValueSource(strings = {"chat", "normal"})
        void chatOrNormalMessageIsRefused(String type) {
            router.route(message(DOMAIN, type));

            assertRomeoGotError("service-unavailable");
        }

        @Test
        void presenceIsIgnored() {
            router.route(fromRomeo("presence", DOMAIN, null, null));

            assertThat(romeo.delivered()).isEmpty();
        }
    }

    @Test
    void errorMessagesAreNeverAnsweredWithErrors() {
        router.route(message("juliet@example.com", "error"));
        router.route(message("juliet@example.com/gone", "error"));
        router.route(message("nobody@example.com", "error"));
        router.route(message(DOMAIN, "error"));
        router.route(message("juliet@example.net", "error"));

        assertThat(romeo.delivered()).isEmpty();
    }

    @Test
    void stanzaWithoutSenderCannotBeAnswered() {
        Stanza anonymous = Stanza.of(Element.builder("iq", Namespaces.STANZA)
                .attribute("to", DOMAIN).attribute("type", "get").attribute("id", "a1").build());

        router.route(anonymous);

        assertThat(romeo.delivered()).isEmpty();
    }

    @Nested
    class DeliveryOutcomes {
        private Stanza body(String to, String type, String text) {
            return fromRomeo("message", to, type, Element.builder("body", Namespaces.STANZA).text(text).build());
        }

        @Test
        void aMessageDeliveredToTheBestResourcesNamesThemWithItsOrigin() {
            bind("juliet@example.com/balcony").available(1);
            bind("juliet@example.com/chamber").available(1);
            bind("juliet@example.com/phone").available(0);
            Origin fromRomeo = Origin.client(romeo, null);

            router.route(body("juliet@example.com", "chat", "hi"), fromRomeo);

            assertThat(hookedOrigins).containsExactly(fromRomeo);
            assertThat(outcomes).singleElement().satisfies(delivery -> {
                assertThat(delivery.origin()).isSameAs(fromRomeo);
                assertThat(delivery.stanza().id()).isEqualTo("r1");
                assertThat(delivery.outcome()).isInstanceOfSatisfying(Delivery.Delivered.class, d -> assertThat(
                        d.resources()).map(Jid::resource).containsExactlyInAnyOrder("balcony", "chamber"));
            });
        }

        @Test
        void aMessageToAFullJidNamesThatResource() {
            bind("juliet@example.com/balcony").available(1);

            router.route(body("juliet@example.com/balcony", "chat", "hi"));

            assertThat(outcomes).singleElement().extracting(Delivery::outcome)
                    .isEqualTo(new Delivery.Delivered(List.of(Jid.parse("juliet@example.com/balcony"))));
            assertThat(hookedOrigins).containsExactly(Origin.LOCAL);
        }

        @Test
        void offlineMessagesAreStoredBouncedOrDroppedAsTheHooksAndRulesSay() {
            router.route(body("juliet@example.com", "chat", "store me"));
            router.route(body("juliet@example.com", "chat", "nobody takes this"));
            router.route(body("juliet@example.com", "headline", "news"));
            router.route(body("nobody@example.com", "chat", "hi"));

            // The bounces themselves are messages delivered to Romeo: their outcomes are left out.
            assertThat(outcomes).filteredOn(delivery -> !delivery.stanza().isError()).extracting(Delivery::outcome)
                    .containsExactly(
                    Delivery.STORED_OFFLINE,
                    new Delivery.Bounced(im.parley.xmpp.StanzaError.SERVICE_UNAVAILABLE),
                    Delivery.DROPPED,
                    new Delivery.Bounced(im.parley.xmpp.StanzaError.SERVICE_UNAVAILABLE));
        }

        @Test
        void everyMessageHasAnOutcomeThoseAHookTakesAndErrorsIncluded() {
            bind("juliet@example.com/balcony").available(1);
            router.route(body("juliet@example.com", "chat", "refuse me"));
            router.route(body("juliet@example.com/balcony", "chat", "refuse me"));
            router.route(body("juliet@example.com", "error", "an error"));
            router.route(body("juliet@example.com/gone", "headline", "news"));
            router.route(body("nobody@example.com", "headline", "news"));
            router.route(body("nobody@example.com", "error", "an error"));

            assertThat(outcomes).extracting(Delivery::outcome).containsExactly(Delivery.REFUSED, Delivery.REFUSED,
                    Delivery.DROPPED, Delivery.DROPPED, Delivery.DROPPED, Delivery.DROPPED);
        }

        @Test
        void presenceAndIqHaveNoDeliveryOutcome() {
            bind("juliet@example.com/balcony").available(1);

            router.route(fromRomeo("presence", "juliet@example.com", null, null));
            router.route(iq("juliet@example.com", "get", ACCOUNT_QUERY));

            assertThat(outcomes).isEmpty();
        }
    }

    @Nested
    class ToAServiceDomain {
        @Test
        void everythingAddressedToTheServiceOrAtItGoesToItsHandler() {
            router.route(iq("rooms.example.com", "get", ECHO));
            router.route(message("lobby@rooms.example.com", "groupchat"));
            router.route(fromRomeo("presence", "lobby@rooms.example.com/romeo", null, null));

            assertThat(toService).extracting(Stanza::kind)
                    .containsExactly(Stanza.Kind.IQ, Stanza.Kind.MESSAGE, Stanza.Kind.PRESENCE);
            assertThat(romeo.delivered()).as("the service answers, not the router").isEmpty();
            assertThat(hooked).as("no account's hooks").isEmpty();
        }

        @Test
        void presenceToTheServerGoesToItsPresenceHandlers() {
            router.route(fromRomeo("presence", DOMAIN, "subscribe", null));

            assertThat(serverPresence).singleElement().extracting(Stanza::type).isEqualTo("subscribe");
            assertThat(toService).isEmpty();
        }
    }

    @Nested
    class ToAComponent {
        private final List<Stanza> toComponent = new ArrayList<>();
        private boolean connected = true;

        @BeforeEach
        void routeComponent() {
            routes.add(new RouteTable.Component("bridge.example.com", stanza -> connected && toComponent.add(stanza)));
        }

        @Test
        void everythingForItsDomainGoesToTheComponentWhileConnected() {
            router.route(message("channel@bridge.example.com", "chat"));
            router.route(iq("bridge.example.com", "get", ECHO));

            assertThat(toComponent).extracting(Stanza::kind).containsExactly(Stanza.Kind.MESSAGE, Stanza.Kind.IQ);
            assertThat(romeo.delivered()).isEmpty();
        }

        @Test
        void whileItIsAwayItsStanzasBounceWithServiceUnavailable() {
            connected = false;
            router.route(message("channel@bridge.example.com", "chat"));

            assertRomeoGotError("service-unavailable");
        }

        @Test
        void aDomainServedAlreadyCannotBeAComponentsToo() {
            assertThatThrownBy(() -> routes.add(new RouteTable.Component("rooms.example.com", stanza -> true)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("rooms.example.com");
        }
    }
}
