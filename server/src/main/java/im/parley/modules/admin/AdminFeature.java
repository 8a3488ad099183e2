package im.parley.modules.admin;

import im.parley.module.Declared;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.muc.ChatRooms;
import java.util.List;

/** Service administration (XEP-0133) and the web admin page; needs ad-hoc commands. Section {@code admin:}. */
public final class AdminFeature extends Declared<Void> {
    public AdminFeature() {
        super("admin", services ->
                new AdminModule(services.require(AdHocCommands.class), services.accounts(),
                        services.find(ChatRooms.class).orElse(null), services.admins(), services.http(),
                        services.clock(), services.softwareVersion()));
    }

    @Override
    public List<String> requires() {
        return List.of("adhoc");
    }
}
