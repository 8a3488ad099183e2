package im.parley.module;

import im.parley.session.ClientSession;
import im.parley.xml.Element;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A step of client stream negotiation after authentication, before the stream serves a session:
 * resource binding (RFC 6120 §7) is one; stream resumption (XEP-0198) adds its own the same way
 * (inside SASL2's {@code <authenticate/>}, features are {@link Sasl2Inline} instead). A step offers its stream features and handles the top-level elements it
 * recognises until one of them gives the stream its session. Steps run on the stream's own
 * thread, one element at a time, and may wait for storage.
 */
public interface NegotiationStep {
    /** What this step adds to {@code <stream:features/>} after authentication. */
    List<Element> features();

    /** True if this step handles {@code element}, a top-level element of an authenticated stream without a session. */
    boolean accepts(Element element);

    /**
     * Handles the element; a step that binds a session hands it to {@link NegotiatingStream#serve}
     * at once. A step that throws ends the stream with internal-server-error, and the session with it.
     */
    void handle(NegotiatingStream stream, Element element);

    /** What a step sees of the stream it negotiates; it writes its answers with {@code send}, or fails the stream. */
    interface NegotiatingStream extends StreamElementHandler.StreamOutput {
        /** The authenticated user's local part. */
        String username();

        /** The hosted domain the stream was opened to, whose account authenticated. */
        String host();

        InetSocketAddress remoteAddress();

        /** The session the stream serves, or null until a step (or an inline feature) gave it one. */
        ClientSession session();

        /** The stream as a session's endpoint, for the session a step binds or resumes. */
        ClientSession.Endpoint endpoint();

        /**
         * The stream serves {@code session} from now on: called as soon as it is bound, before
         * anything that may fail, so that the session ends with the stream whatever happens next.
         */
        void serve(ClientSession session);
    }
}
