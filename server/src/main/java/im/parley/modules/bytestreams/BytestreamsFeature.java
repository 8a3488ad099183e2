package im.parley.modules.bytestreams;

import im.parley.module.Declared;
import java.util.Set;

/** The SOCKS5 bytestreams proxy (XEP-0065). Section {@code bytestreams-proxy:}, off by default. */
public final class BytestreamsFeature extends Declared<BytestreamsConfig> {
    public BytestreamsFeature() {
        super("bytestreams-proxy", BytestreamsConfig::read, (settings, services) -> new BytestreamsModule(settings, services.eventLoops()));
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Set<String> serverWideOptions() {
        return Set.of("subdomain", "address", "port", "public-host", "max-connections", "activation-timeout-seconds");
    }
}
