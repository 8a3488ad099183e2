package im.parley.modules.streammanagement;

import im.parley.module.Declared;
import java.util.Optional;
import java.util.Set;

/** Stream management (XEP-0198): acknowledgements and stream resumption. Section {@code stream-management:}. */
public final class StreamManagementFeature extends Declared<StreamManagementConfig> {
    public StreamManagementFeature() {
        super("stream-management", StreamManagementConfig::read,
                (settings, services) -> new StreamManagementModule(settings.server(),
                        new JdbcJournalStore(services.jdbc()), services.clock()));
    }

    /** The delivery journal's table ({@code db/journal}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/journal");
    }

    /**
     * One resumption window and one acknowledgement policy for the whole server: a session's
     * unacknowledged queue is bounded the same wherever it resumes. A host may switch the feature off.
     */
    @Override
    public Set<String> serverWideOptions() {
        return Set.of("resumption-timeout-seconds", "max-resumption-seconds", "max-unacked-stanzas",
                "request-ack-every", "delivery-journal");
    }
}
