package im.parley.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.xml.Element;
import org.junit.jupiter.api.Test;

class StanzaTest {
    private static final Jid JULIET = Jid.parse("juliet@example.com/balcony");
    private static final Jid ROMEO = Jid.parse("romeo@example.com/orchard");
    private static final String PING = "urn:xmpp:ping";

    private static Element.Builder stanza(String name) {
        return Element.builder(name, Namespaces.STANZA)
                .attribute("from", JULIET.toString())
                .attribute("to", ROMEO.toString())
                .attribute("id", "s1");
    }

    private static Element body(String text) {
        return Element.builder("body", Namespaces.STANZA).text(text).build();
    }

    @Test
    void recognizesTheThreeKinds() {
        assertThat(Stanza.of(stanza("message").build()).kind()).isEqualTo(Stanza.Kind.MESSAGE);
        assertThat(Stanza.of(stanza("presence").build()).kind()).isEqualTo(Stanza.Kind.PRESENCE);
        assertThat(Stanza.of(stanza("iq").build()).kind()).isEqualTo(Stanza.Kind.IQ);
        assertThat(Stanza.of(stanza("message").build()).isMessage()).isTrue();
        assertThat(Stanza.of(stanza("presence").build()).isPresence()).isTrue();
        assertThat(Stanza.of(stanza("iq").build()).isIq()).isTrue();
        assertThat(Stanza.Kind.PRESENCE.elementName()).isEqualTo("presence");
    }

    @Test
    void rejectsElementsThatAreNotStanzas() {
        Element otherName = Element.of("features", Namespaces.STREAMS);
        // A message still in jabber:client is a forwarded payload (XEP-0297), not a stanza routed here.
        Element otherNamespace = Element.of("message", Namespaces.CLIENT);

        assertThat(Stanza.isStanza(otherName)).isFalse();
        assertThat(Stanza.isStanza(otherNamespace)).isFalse();
        assertThat(Stanza.isStanza(stanza("iq").build())).isTrue();
        assertThatThrownBy(() -> Stanza.of(otherName)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stanza.of(otherNamespace)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesAndEnforcesTheAddresses() {
        Stanza s = Stanza.of(stanza("message").attribute("to", "Romeo@Example.COM/orchard").build());

        assertThat(s.to()).isEqualTo(ROMEO);
        assertThat(s.from()).isEqualTo(JULIET);
        assertThat(s.id()).isEqualTo("s1");
    }

    @Test
    void rejectsAMalformedAddress() {
        Element bad = stanza("message").attribute("to", "romeo@").build();

        assertThatThrownBy(() -> Stanza.of(bad)).isInstanceOf(JidFormatException.class);
    }

    @Test
    void addressesMayBeAbsent() {
        Stanza s = Stanza.of(Element.of("presence", Namespaces.STANZA));

        assertThat(s.to()).isNull();
        assertThat(s.from()).isNull();
        assertThat(s.id()).isNull();
    }

    /** RFC 6121 §5.2.2 and §4.7.1: the types a missing 'type' attribute stands for. */
    @Test
    void defaultTypes() {
        assertThat(Stanza.of(stanza("message").build()).type()).isEqualTo("normal");
        assertThat(Stanza.of(stanza("presence").build()).type()).isEqualTo("available");
        assertThat(Stanza.of(stanza("iq").build()).type()).isEmpty();
        assertThat(Stanza.of(stanza("message").attribute("type", "chat").build()).type()).isEqualTo("chat");
    }

    @Test
    void classifiesRequestsAndErrors() {
        assertThat(Stanza.of(stanza("iq").attribute("type", "get").build()).isRequest()).isTrue();
        assertThat(Stanza.of(stanza("iq").attribute("type", "set").build()).isRequest()).isTrue();
        assertThat(Stanza.of(stanza("iq").attribute("type", "result").build()).isRequest()).isFalse();
        assertThat(Stanza.of(stanza("message").attribute("type", "get").build()).isRequest()).isFalse();
        assertThat(Stanza.of(stanza("iq").attribute("type", "error").build()).isError()).isTrue();
        assertThat(Stanza.of(stanza("message").attribute("type", "error").build()).isError()).isTrue();
        assertThat(Stanza.of(stanza("message").build()).isError()).isFalse();
    }

    @Test
    void payloadIsTheFirstChildElement() {
        Element ping = Element.of("ping", PING);
        Stanza iq = Stanza.of(stanza("iq").attribute("type", "get").child(ping).build());

        assertThat(iq.payload()).isEqualTo(ping);
        assertThat(Stanza.of(stanza("iq").build()).payload()).isNull();
    }

    @Test
    void resultGoesBackToTheSenderWithTheSameId() {
        Stanza request = Stanza.of(stanza("iq").attribute("type", "get").child(Element.of("ping", PING)).build());
        Element version = Element.builder("query", "jabber:iq:version").textChild("name", "Parley").build();

        Stanza result = request.result(version);

        assertThat(result.kind()).isEqualTo(Stanza.Kind.IQ);
        assertThat(result.type()).isEqualTo("result");
        assertThat(result.id()).isEqualTo("s1");
        assertThat(result.from()).isEqualTo(ROMEO);
        assertThat(result.to()).isEqualTo(JULIET);
        assertThat(result.element().attribute("from")).isEqualTo(ROMEO.toString());
        assertThat(result.element().attribute("to")).isEqualTo(JULIET.toString());
        assertThat(result.element().elements()).containsExactly(version);
    }

    @Test
    void emptyResultHasNoChild() {
        Stanza request = Stanza.of(stanza("iq").attribute("type", "get").child(Element.of("ping", PING)).build());

        assertThat(request.result(null).element().elements()).isEmpty();
    }

    /** RFC 6120 §8.3.2: the error element, its type, and the condition in the stanzas namespace. */
    @Test
    void errorCarriesTypeConditionAndText() {
        Stanza request = Stanza.of(stanza("iq").attribute("type", "get").child(Element.of("ping", PING)).build());

        Stanza error = request.error(StanzaError.SERVICE_UNAVAILABLE, "No such service");

        assertThat(error.type()).isEqualTo("error");
        assertThat(error.isError()).isTrue();
        assertThat(error.id()).isEqualTo("s1");
        assertThat(error.from()).isEqualTo(ROMEO);
        assertThat(error.to()).isEqualTo(JULIET);
        Element errorElement = error.element().child("error", Namespaces.STANZA);
        assertThat(errorElement).isNotNull();
        assertThat(errorElement.attribute("type")).isEqualTo("cancel");
        assertThat(errorElement.child("service-unavailable", Namespaces.STANZA_ERRORS)).isNotNull();
        Element text = errorElement.child("text", Namespaces.STANZA_ERRORS);
        assertThat(text.text()).isEqualTo("No such service");
        assertThat(text.attribute("xml:lang")).isEqualTo("en");
    }

    @Test
    void errorTypeFollowsTheCondition() {
        Stanza request = Stanza.of(stanza("iq").attribute("type", "set").child(Element.of("ping", PING)).build());

        Element modify = request.error(StanzaError.BAD_REQUEST).element().child("error", Namespaces.STANZA);
        Element auth = request.error(StanzaError.FORBIDDEN).element().child("error", Namespaces.STANZA);
        Element wait = request.error(StanzaError.RESOURCE_CONSTRAINT).element().child("error", Namespaces.STANZA);

        assertThat(modify.attribute("type")).isEqualTo("modify");
        assertThat(modify.child("bad-request", Namespaces.STANZA_ERRORS)).isNotNull();
        assertThat(auth.attribute("type")).isEqualTo("auth");
        assertThat(wait.attribute("type")).isEqualTo("wait");
        assertThat(modify.child("text", Namespaces.STANZA_ERRORS)).isNull();
    }

    @Test
    void iqErrorDoesNotCarryTheOriginalPayload() {
        Stanza request = Stanza.of(stanza("iq").attribute("type", "get").child(Element.of("ping", PING)).build());

        Stanza error = request.error(StanzaError.SERVICE_UNAVAILABLE);

        assertThat(error.element().elements()).extracting(Element::name).containsExactly("error");
    }

    @Test
    void messageErrorCarriesTheOriginalPayloadBeforeTheError() {
        Element body = body("Wherefore art thou?");
        Stanza message = Stanza.of(stanza("message").attribute("type", "chat").child(body).build());

        Stanza error = message.error(StanzaError.SERVICE_UNAVAILABLE);

        assertThat(error.kind()).isEqualTo(Stanza.Kind.MESSAGE);
        assertThat(error.type()).isEqualTo("error");
        assertThat(error.element().elements()).extracting(Element::name).containsExactly("body", "error");
        assertThat(error.element().elements().get(0)).isEqualTo(body);
    }

    @Test
    void errorWithoutIdHasNoId() {
        Stanza message = Stanza.of(Element.builder("message", Namespaces.STANZA)
                .attribute("from", JULIET.toString()).attribute("to", ROMEO.toString()).build());

        assertThat(message.error(StanzaError.ITEM_NOT_FOUND).id()).isNull();
    }

    @Test
    void withFromReplacesOnlyTheSender() {
        Stanza s = Stanza.of(stanza("message").child(body("hi")).build());
        Jid nurse = Jid.parse("nurse@example.com/kitchen");

        Stanza stamped = s.withFrom(nurse);

        assertThat(stamped.from()).isEqualTo(nurse);
        assertThat(stamped.element().attribute("from")).isEqualTo(nurse.toString());
        assertThat(stamped.to()).isEqualTo(ROMEO);
        assertThat(stamped.element().attribute("to")).isEqualTo(ROMEO.toString());
        assertThat(stamped.element().childText("body")).isEqualTo("hi");
        assertThat(s.from()).as("the original is unchanged").isEqualTo(JULIET);
    }

    @Test
    void withToReplacesOnlyTheRecipient() {
        Stanza s = Stanza.of(stanza("message").build());

        Stanza redirected = s.withTo(ROMEO.bare());

        assertThat(redirected.to()).isEqualTo(ROMEO.bare());
        assertThat(redirected.element().attribute("to")).isEqualTo("romeo@example.com");
        assertThat(redirected.from()).isEqualTo(JULIET);
        assertThat(redirected.id()).isEqualTo("s1");
    }

    @Test
    void withNullAddressRemovesTheAttribute() {
        Stanza s = Stanza.of(stanza("message").build());

        assertThat(s.withTo(null).element().attribute("to")).isNull();
        assertThat(s.withTo(null).to()).isNull();
        assertThat(s.withFrom(null).element().attribute("from")).isNull();
        assertThat(s.withFrom(null).from()).isNull();
    }

    @Test
    void withAddressesSetsBoth() {
        Stanza s = Stanza.of(stanza("presence").build());

        Stanza swapped = s.withAddresses(ROMEO, JULIET);

        assertThat(swapped.from()).isEqualTo(ROMEO);
        assertThat(swapped.to()).isEqualTo(JULIET);
        assertThat(Stanza.of(swapped.element()).from()).isEqualTo(ROMEO);
        assertThat(Stanza.of(swapped.element()).to()).isEqualTo(JULIET);
    }
}
