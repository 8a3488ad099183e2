package im.parley.modules.adhoc;

import im.parley.module.Hosts;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.util.List;

/**
 * An ad-hoc command (XEP-0050) with which a local user turns one yes/no setting of their own
 * account on or off (e.g. "list me in the directory"): one form with one boolean field, whose
 * FORM_TYPE is the command's node.
 */
public final class UserSettingCommand implements AdHocCommand {
    /** Where the setting is kept, per account (a bare JID); may block. */
    public interface Setting {
        boolean get(Jid user);

        void set(Jid user, boolean value);
    }

    /** What the requester reads: the command name, the field label, and the note after each choice. */
    public record Texts(String name, String fieldLabel, String instructions, String whenOn, String whenOff) {
    }

    private final String node;
    private final String field;
    private final Hosts hosts;
    private final Setting setting;
    private final Texts texts;

    public UserSettingCommand(String node, String field, Hosts hosts, Setting setting, Texts texts) {
        this.node = node;
        this.field = field;
        this.hosts = hosts;
        this.setting = setting;
        this.texts = texts;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public String name() {
        return texts.name();
    }

    /** Any account of {@code hosts} (those the feature is on for): the command changes only the requester's own setting. */
    @Override
    public boolean allowed(Jid requester) {
        return hosts.isAccount(requester);
    }

    @Override
    public Step execute(Jid requester, DataForm submitted, int stage) {
        Jid user = requester.bare();
        if (submitted == null) {
            return new Step.Form(form(setting.get(user)));
        }
        Boolean value = DataForm.parseBoolean(submitted.value(field));
        if (value == null) {
            return new Step.Invalid(field + " must be true or false");
        }
        setting.set(user, value);
        return new Step.Completed(null, value ? texts.whenOn() : texts.whenOff());
    }

    private DataForm form(boolean current) {
        return DataForm.of(DataForm.Type.FORM, texts.name(), List.of(
                Field.formType(node),
                Field.of(field, "boolean", texts.fieldLabel(), current ? "1" : "0").asRequired()))
                .withInstructions(texts.instructions());
    }
}
