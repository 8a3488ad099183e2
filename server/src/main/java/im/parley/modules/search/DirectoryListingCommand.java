package im.parley.modules.search;

import im.parley.module.Hosts;
import im.parley.modules.adhoc.UserSettingCommand;
import im.parley.xmpp.Jid;

/**
 * The ad-hoc command with which a local user chooses whether directory searches may find them.
 * Users are unlisted until they choose otherwise.
 */
final class DirectoryListingCommand {
    static final String NODE = "urn:parley:directory:listing";
    static final String LISTED = "listed";

    private DirectoryListingCommand() {
    }

    static UserSettingCommand create(DirectoryRepository store, Hosts hosts) {
        return new UserSettingCommand(NODE, LISTED, hosts, new UserSettingCommand.Setting() {
            @Override
            public boolean get(Jid user) {
                return store.listed(user);
            }

            @Override
            public void set(Jid user, boolean value) {
                store.setListed(user, value);
            }
        }, new UserSettingCommand.Texts("Directory listing", "List me in the user directory",
                "Listed users can be found by the name, nickname and e-mail address in their vCard.",
                "Directory searches can now find you by the name, nickname and e-mail in your vCard.",
                "Directory searches no longer find you."));
    }
}
