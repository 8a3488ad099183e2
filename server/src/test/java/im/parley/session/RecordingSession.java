package im.parley.session;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bound session for tests without a network: its endpoint records what it is sent and how it was closed. */
public class RecordingSession extends ClientSession {
    private final Recorder recorder;

    public RecordingSession(Jid jid) {
        this(jid, new Recorder());
    }

    private RecordingSession(Jid jid, Recorder recorder) {
        // No lifecycle owns it: it is never detached, and acknowledgements are not enabled on it.
        super(jid, recorder, null);
        this.recorder = recorder;
    }

    /** Everything delivered so far, in order. */
    public List<Stanza> delivered() {
        return recorder.delivered;
    }

    /** The stream error the session was closed with, or null while open. */
    public StreamError closedWith() {
        return recorder.closedWith;
    }

    private static final class Recorder implements Endpoint {
        private final List<Stanza> delivered = new CopyOnWriteArrayList<>();
        private volatile StreamError closedWith;

        @Override
        public boolean send(Stanza stanza) {
            return delivered.add(stanza);
        }

        @Override
        public boolean sendElement(Element element) {
            return true;
        }

        @Override
        public boolean awaitRoom() {
            return closedWith == null;
        }

        @Override
        public void close(StreamError error, String text) {
            closedWith = error;
        }
    }
}
