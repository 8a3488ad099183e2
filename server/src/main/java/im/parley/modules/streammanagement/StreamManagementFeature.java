package im.parley.modules.streammanagement;

import im.parley.module.Declared;

/** Stream management (XEP-0198): acknowledgements and stream resumption. Section {@code stream-management:}. */
public final class StreamManagementFeature extends Declared<StreamManagementConfig> {
    public StreamManagementFeature() {
        super("stream-management", StreamManagementConfig::read,
                (config, services) -> new StreamManagementModule(config));
    }
}
