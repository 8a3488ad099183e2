package im.parley.modules.vcard;

import im.parley.module.Declared;

/** vCards (XEP-0054) and avatar hashes (XEP-0153). Section {@code vcard:}. */
public final class VCardFeature extends Declared<VCardConfig> {
    public VCardFeature() {
        super("vcard", VCardConfig::read, (config, services) ->
                new VCardModule(new VCardStore(services.jdbc()), config));
    }
}
