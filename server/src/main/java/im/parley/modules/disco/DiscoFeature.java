package im.parley.modules.disco;

import im.parley.module.Declared;

/** Service discovery (XEP-0030), generated from what the other modules declare. Section {@code disco:}. */
public final class DiscoFeature extends Declared<Void> {
    public DiscoFeature() {
        super("disco", services -> new DiscoModule(services.declarations(), services.softwareName()));
    }
}
