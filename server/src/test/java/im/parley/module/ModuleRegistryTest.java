package im.parley.module;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a module switched on for some hosts declares applies to those hosts' stanzas only. */
class ModuleRegistryTest {
    private static final String NAMESPACE = "urn:test:per-host";

    private final ModuleRegistry registry = new ModuleRegistry(Hosts.of("one.example", "two.example"),
            new SessionRegistry());
    private final ModuleContext onOne = registry.context(new StanzaSender() {
        @Override
        public void route(Stanza stanza) {
        }

        @Override
        public CompletableFuture<Stanza> request(Stanza iq, Duration timeout) {
            return new CompletableFuture<>();
        }
    }, null, Hosts.of("one.example"));
    private final List<String> heard = new ArrayList<>();

    private static Stanza message(String from, String to) {
        return Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("type", "chat")
                .attribute("from", from).attribute("to", to).build());
    }

    @Test
    void handlersDiscoAndServiceDomainsAreThoseOfTheHostAsked() {
        onOne.handleIq(IqScope.SERVER, NAMESPACE, request -> null);
        onOne.serverFeature(NAMESPACE);
        onOne.serviceDomain("echo", "Echo", (stanza, origin) -> {
        });

        assertThat(registry.iqHandler("one.example", IqScope.SERVER, NAMESPACE)).isNotNull();
        assertThat(registry.iqHandler("two.example", IqScope.SERVER, NAMESPACE)).isNull();
        assertThat(registry.iqHandler("elsewhere.example", IqScope.SERVER, NAMESPACE)).isNull();
        assertThat(registry.serverFeatures("one.example")).containsExactly(NAMESPACE);
        assertThat(registry.serverFeatures("two.example")).isEmpty();
        assertThat(registry.serviceDomains()).extracting(ServiceDomain::domain).containsExactly("echo.one.example");
        assertThat(registry.serviceDomains("two.example")).isEmpty();
    }

    /**
     * Delivery hooks act for the recipient's host; onDeliveryFrom hooks for the sending account's,
     * whoever receives, on another server too.
     */
    @Test
    void deliveryHooksActForTheRecipientsHostAndSenderSideHooksForTheSendersHost() {
        onOne.onDelivery(0, (stanza, origin) -> {
            heard.add("to " + stanza.to());
            return stanza;
        });
        onOne.onDeliveryFrom(0, (stanza, origin) -> {
            heard.add("from " + stanza.from());
            return stanza;
        });

        registry.delivery(message("bob@two.example/a", "alice@one.example"), Origin.LOCAL);
        registry.delivery(message("alice@one.example/a", "bob@two.example"), Origin.LOCAL);
        registry.delivery(message("carol@two.example/a", "bob@two.example"), Origin.LOCAL);
        registry.delivery(message("one.example", "bob@two.example"), Origin.LOCAL);
        registry.delivery(message("alice@one.example/a", "dave@remote.example"), Origin.LOCAL);
        registry.delivery(message("carol@two.example/a", "dave@remote.example"), Origin.LOCAL);

        assertThat(heard).containsExactly("to alice@one.example", "from alice@one.example/a", "from alice@one.example/a");
    }

    @Test
    void fewerHostsThanTheModuleIsOnForCanBeDeclaredForButNoMore() {
        ModuleContext narrowed = onOne.on(Hosts.of("two.example"));
        narrowed.serverFeature(NAMESPACE);

        assertThat(narrowed.enabledHosts().domains()).isEmpty();
        assertThat(registry.serverFeatures("two.example")).isEmpty();
    }
}
