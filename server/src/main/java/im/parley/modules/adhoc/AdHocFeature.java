package im.parley.modules.adhoc;

import im.parley.module.Declared;

/**
 * Ad-hoc commands (XEP-0050); provides {@link AdHocCommands}, where other features add theirs.
 * Section {@code adhoc:}.
 */
public final class AdHocFeature extends Declared<Void> {
    public AdHocFeature() {
        super("adhoc", services -> {
            AdHocCommands commands = new AdHocCommands();
            services.provide(AdHocCommands.class, commands);
            return new AdHocModule(commands, services.clock());
        });
    }
}
