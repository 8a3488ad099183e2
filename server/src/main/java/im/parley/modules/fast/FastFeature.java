package im.parley.modules.fast;

import im.parley.module.Declared;
import java.util.Optional;

/** FAST authentication tokens (XEP-0484) for SASL2. Section {@code fast:}. */
public final class FastFeature extends Declared<FastConfig> {
    public FastFeature() {
        super("fast", FastConfig::read, (settings, services) -> new FastModule(
                new JdbcTokenStore(services.jdbc()), services.accounts(), settings, services.clock()));
    }

    /** The feature's own table ({@code db/fast}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/fast");
    }
}
