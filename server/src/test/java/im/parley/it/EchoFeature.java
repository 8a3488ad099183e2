package im.parley.it;

import im.parley.module.Feature;
import im.parley.module.HostSettings;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.ModuleServices;
import im.parley.module.StanzaSender;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;

/**
 * A feature found on the test class path only, serving {@code echo.<host>}, so that real
 * clients can watch stanzas routed to a service domain: it answers disco#info, returns each
 * message's body to its sender and answers presence with its own. Off unless
 * {@code echo: enabled: true}.
 */
public final class EchoFeature implements Feature<Void> {
    static final String IDENTITY_NAME = "Echo service";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Module create(HostSettings<Void> settings, ModuleServices services) {
        return (ModuleContext context) -> context.serviceDomain("echo", IDENTITY_NAME,
                (stanza, origin) -> answer(context.stanzas(), stanza));
    }

    private static void answer(StanzaSender out, Stanza stanza) {
        if (stanza.isError() || stanza.from() == null) {
            return;
        }
        switch (stanza.kind()) {
            case IQ -> {
                if (stanza.isRequest()) {
                    out.route(stanza.payload().is("query", DISCO_INFO)
                            ? stanza.result(Element.builder("query", DISCO_INFO).child(Element.builder("identity", DISCO_INFO)
                                    .attribute("category", "component").attribute("type", "generic")
                                    .attribute("name", IDENTITY_NAME).build()).build())
                            : stanza.error(StanzaError.SERVICE_UNAVAILABLE));
                }
            }
            case MESSAGE -> {
                String body = stanza.element().childText("body");
                if (body != null) {
                    out.route(Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("type", stanza.type())
                            .child(Element.builder("body", Namespaces.STANZA).text(body).build())
                            .build()).withAddresses(stanza.to(), stanza.from()));
                }
            }
            case PRESENCE -> {
                if (stanza.type().equals("available") || stanza.type().equals("probe")) {
                    out.route(Stanza.of(Element.of("presence", Namespaces.STANZA)).withAddresses(stanza.to(), stanza.from()));
                }
            }
        }
    }
}
