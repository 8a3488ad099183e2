package im.parley.modules.version;

import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.xml.Element;
import im.parley.xmpp.Stanza;

/** Software Version (XEP-0092) of the server. */
public final class VersionModule implements Module {
    public static final String NAMESPACE = "jabber:iq:version";

    private final String name;
    private final String version;

    public VersionModule(String name, String version) {
        this.name = name;
        this.version = version;
    }

    @Override
    public void start(ModuleContext context) {
        context.serverFeature(NAMESPACE);
        context.handleIq(IqScope.SERVER, NAMESPACE, IqHandler.getOnly(this::answer));
    }

    private Stanza answer(IqRequest request) {
        return request.iq().result(Element.builder("query", NAMESPACE)
                .textChild("name", name)
                .textChild("version", version)
                .textChild("os", System.getProperty("os.name"))
                .build());
    }
}
