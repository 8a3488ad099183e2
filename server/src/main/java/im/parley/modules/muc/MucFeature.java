package im.parley.modules.muc;

import im.parley.module.Declared;
import im.parley.modules.mam.ArchiveAccess;
import im.parley.modules.push.PushNotifications;
import java.util.Optional;
import java.util.Set;

/**
 * Multi-User Chat (XEP-0045) at {@code conference.<host>}. Section {@code muc:}. Rooms keep their
 * archives through the archive feature's {@link ArchiveAccess} and push mentions of members who are
 * away through {@link PushNotifications}, each when its feature is on; administration sees the rooms
 * through {@link ChatRooms}.
 */
public final class MucFeature extends Declared<MucConfig> {
    public MucFeature() {
        super("muc", MucConfig::read, (settings, services) -> {
            MucModule module = new MucModule(settings, services.clock(),
                    new JdbcRoomStore(services.jdbc(), settings.server().historyLength()),
                    services.find(ArchiveAccess.class).orElse(null), services.find(PushNotifications.class).orElse(null));
            services.provide(ChatRooms.class, module);
            return module;
        });
    }

    /** The persistent rooms' tables ({@code db/muc}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/muc");
    }

    /**
     * One service name for every host (a host may switch rooms off); the limits are each host's, for
     * the rooms of its service (a host's section may set its own {@code limits}).
     */
    @Override
    public Set<String> serverWideOptions() {
        return Set.of("domain");
    }
}
