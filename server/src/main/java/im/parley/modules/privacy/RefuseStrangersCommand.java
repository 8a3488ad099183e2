package im.parley.modules.privacy;

import im.parley.module.Hosts;
import im.parley.modules.adhoc.UserSettingCommand;
import im.parley.xmpp.Jid;

/**
 * The ad-hoc command with which a user turns "refuse messages from people not in my roster" on
 * or off. No XEP defines this setting; an ad-hoc command is the standard way to offer a server
 * setting that any client with XEP-0050 support can change.
 */
final class RefuseStrangersCommand {
    static final String NODE = "urn:parley:privacy:refuse-strangers";
    static final String FIELD = "refuse-strangers";

    private RefuseStrangersCommand() {
    }

    static UserSettingCommand create(StrangerSettings settings, Hosts hosts) {
        return new UserSettingCommand(NODE, FIELD, hosts, new UserSettingCommand.Setting() {
            @Override
            public boolean get(Jid user) {
                return settings.refusesStrangers(user);
            }

            @Override
            public void set(Jid user, boolean value) {
                settings.setRefuseStrangers(user, value);
            }
        }, new UserSettingCommand.Texts("Refuse messages from people not in my roster",
                "Refuse messages from people not in my roster",
                "Refused messages are answered with service-unavailable.",
                "Messages from people not in your roster are now refused",
                "Messages from people not in your roster are now accepted"));
    }
}
