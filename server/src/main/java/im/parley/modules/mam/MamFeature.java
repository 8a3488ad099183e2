package im.parley.modules.mam;

import im.parley.module.Declared;
import im.parley.modules.roster.Roster;
import java.util.List;

/**
 * The message archive (XEP-0313) of one-to-one messages, with XEP-0441 preferences and XEP-0359
 * stanza ids. Section {@code archive:}. Its items are in the archive store kind (store name
 * {@code mam}), its preferences in a key-value store ({@code mam-prefs}): no tables of its own.
 * Provides {@link ArchiveAccess}: the archives features keep for entities of theirs (chat rooms) are
 * in the same store.
 */
public final class MamFeature extends Declared<ArchiveConfig> {
    /** The archive store the messages are in; {@code parley archive export} reads it. */
    public static final String STORE = "mam";

    public MamFeature() {
        super("archive", ArchiveConfig::read, (settings, services) -> {
            MamModule module = new MamModule(services.archiveStore(STORE), services.keyValueStore("mam-prefs"),
                    services.require(Roster.class), services.accounts(),
                    services.declarations(), settings, services.clock());
            services.provide(ArchiveAccess.class, module.access());
            return module;
        });
    }

    /** The roster answers the 'roster' preference (XEP-0441). */
    @Override
    public List<String> requires() {
        return List.of("roster");
    }
}
