package im.parley.modules.privatexml;

import im.parley.module.Declared;

/** Private XML storage (XEP-0049), provided to later features as {@link PrivateStorage}. Section {@code private-storage:}. */
public final class PrivateXmlFeature extends Declared<PrivateXmlConfig> {
    public PrivateXmlFeature() {
        super("private-storage", PrivateXmlConfig::read, (settings, services) -> {
            PrivateXmlModule module = new PrivateXmlModule(services.mapStore("private_xml"), settings);
            services.provide(PrivateStorage.class, module);
            return module;
        });
    }
}
