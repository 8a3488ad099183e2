package im.parley.modules.adhoc;

import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@code <command/>} a responder returns (XEP-0050 §6.1): status, then actions, notes and the form in that order. */
final class CommandResponse {
    /** The 'status' values of XEP-0050 §6.1. */
    enum Status {
        EXECUTING("executing"), COMPLETED("completed"), CANCELED("canceled");

        private final String value;

        Status(String value) {
            this.value = value;
        }
    }

    /** The severities of a note (XEP-0050 §6.3). */
    enum NoteType {
        INFO("info"), WARN("warn"), ERROR("error");

        private final String value;

        NoteType(String value) {
            this.value = value;
        }
    }

    private final Element.Builder command;
    private final List<Element> notes = new ArrayList<>();
    private Element actions;
    private DataForm form;

    CommandResponse(CommandSession session, Status status) {
        command = Element.builder("command", AdHocModule.NAMESPACE)
                .attribute("node", session.command().node())
                .attribute("sessionid", session.id())
                .attribute("status", status.value);
    }

    /**
     * The actions allowed at a stage (§6.2): going back when there is a stage to go back to, then
     * "complete" on the last form or "next" before it, which is also what "execute" means.
     */
    CommandResponse actions(boolean previous, boolean last) {
        Action forward = last ? Action.COMPLETE : Action.NEXT;
        Element.Builder allowed = Element.builder("actions", AdHocModule.NAMESPACE).attribute("execute", forward.value());
        if (previous) {
            allowed.child(Element.of(Action.PREV.value(), AdHocModule.NAMESPACE));
        }
        allowed.child(Element.of(forward.value(), AdHocModule.NAMESPACE));
        this.actions = allowed.build();
        return this;
    }

    CommandResponse note(NoteType type, String text) {
        if (text != null) {
            notes.add(Element.builder("note", AdHocModule.NAMESPACE).attribute("type", type.value).text(text).build());
        }
        return this;
    }

    CommandResponse form(DataForm form) {
        this.form = form;
        return this;
    }

    Element build() {
        command.child(actions).children(notes);
        if (form != null) {
            command.child(form.toElement());
        }
        return command.build();
    }
}
