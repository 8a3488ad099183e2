package im.parley.modules.carbons;

import im.parley.module.Declared;

/** Message Carbons (XEP-0280) with the XEP-0334 no-copy hint. Section {@code carbons:}. */
public final class CarbonsFeature extends Declared<Void> {
    public CarbonsFeature() {
        super("carbons", services -> new CarbonsModule());
    }
}
