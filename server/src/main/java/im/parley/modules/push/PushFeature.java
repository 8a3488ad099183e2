package im.parley.modules.push;

import im.parley.module.Declared;
import java.util.Optional;

/** Push notifications (XEP-0357). Section {@code push:}. Provides {@link PushNotifications} to other features. */
public final class PushFeature extends Declared<PushConfig> {
    public PushFeature() {
        super("push", PushConfig::read, (settings, services) -> {
            PushModule module = new PushModule(new JdbcPushRegistrations(services.jdbc()), services.accounts(), settings,
                    services.clock());
            services.provide(PushNotifications.class, module);
            return module;
        });
    }

    /** The feature's own table ({@code db/push}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/push");
    }
}
