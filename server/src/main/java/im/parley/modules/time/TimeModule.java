package im.parley.modules.time;

import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.xml.Element;
import im.parley.xmpp.Stanza;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Entity Time (XEP-0202): the server's UTC time and its offset, in XEP-0082 format. */
public final class TimeModule implements Module {
    public static final String NAMESPACE = "urn:xmpp:time";

    private final Clock clock;

    public TimeModule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start(ModuleContext context) {
        context.serverFeature(NAMESPACE);
        context.handleIq(IqScope.SERVER, NAMESPACE, IqHandler.getOnly(this::answer));
    }

    private Stanza answer(IqRequest request) {
        ZonedDateTime now = ZonedDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        ZoneOffset offset = now.getOffset();
        String tzo = offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
        return request.iq().result(Element.builder("time", NAMESPACE)
                .textChild("tzo", tzo)
                .textChild("utc", DateTimeFormatter.ISO_INSTANT.format(now.toInstant()))
                .build());
    }
}
