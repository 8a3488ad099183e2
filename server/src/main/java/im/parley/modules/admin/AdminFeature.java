package im.parley.modules.admin;

import im.parley.module.Declared;
import im.parley.modules.adhoc.AdHocCommands;
import java.util.List;

/** Service administration (XEP-0133); needs ad-hoc commands. Section {@code admin:}. */
public final class AdminFeature extends Declared<Void> {
    public AdminFeature() {
        super("admin", services ->
                new AdminModule(services.require(AdHocCommands.class), services.accounts(), services.admins()));
    }

    @Override
    public List<String> requires() {
        return List.of("adhoc");
    }
}
