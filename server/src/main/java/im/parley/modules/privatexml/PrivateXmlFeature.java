package im.parley.modules.privatexml;

import im.parley.module.Declared;

/** Private XML storage (XEP-0049). Section {@code private-storage:}. */
public final class PrivateXmlFeature extends Declared<PrivateXmlConfig> {
    public PrivateXmlFeature() {
        super("private-storage", PrivateXmlConfig::read, (settings, services) ->
                new PrivateXmlModule(services.mapStore("private_xml"), settings));
    }
}
