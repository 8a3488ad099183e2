package im.parley.module;

import im.parley.session.ClientSession;
import im.parley.xml.Element;

/**
 * A feature a client switches on for its new session inside Bind2's {@code <bind/>} (XEP-0386),
 * in the same round trip as its authentication: carbons (XEP-0280), stream management
 * (XEP-0198). Listed as a {@code <feature var=.../>} of the bind advertisement, and enabled after
 * the session is bound and before its session hooks run, so that nothing is sent to it first.
 */
public interface BindInline {
    /** Its namespace: the {@code var} advertised and the namespace of the request element. */
    String namespace();

    /**
     * Switches the feature on for {@code session} as {@code request} (a child of {@code <bind/>}
     * in {@link #namespace()}) asks.
     *
     * @return the element for {@code <bound/>} (XEP-0198's {@code <enabled/>}), or null when the
     *     feature answers nothing (carbons)
     */
    Element enable(ClientSession session, Element request);
}
