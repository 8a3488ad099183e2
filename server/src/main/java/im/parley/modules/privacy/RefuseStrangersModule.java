package im.parley.modules.privacy;

import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;

/**
 * "Refuse messages from people not in my roster": when a user has it on, a message from an
 * account outside their roster is bounced with service-unavailable, the answer for a user who
 * cannot take it, so the stranger knows it was not delivered (a silent drop would leave them
 * believing it was) without learning why; headlines are dropped, as they never get errors.
 * Group chat messages, errors and messages from servers pass, since rooms and services are never
 * roster contacts; presence and IQs are untouched, so a stranger can still ask to be added.
 */
public final class RefuseStrangersModule implements Module {
    /** After blocking (which answers blocked senders itself) and before delivery or storage. */
    public static final int HOOK_PRIORITY = 900;

    private final StrangerSettings settings;
    private final Contacts contacts;
    private final AdHocCommands commands;
    private ModuleContext context;

    public RefuseStrangersModule(StrangerSettings settings, Contacts contacts, AdHocCommands commands) {
        this.settings = settings;
        this.contacts = contacts;
        this.commands = commands;
    }

    @Override
    public void start(ModuleContext context) {
        this.context = context;
        context.onDelivery(HOOK_PRIORITY, (stanza, origin) -> filter(stanza));
        commands.add(RefuseStrangersCommand.create(settings, context.enabledHosts()));
    }

    /** Errors pass: they answer what the user sent, e.g. to a stranger they wrote to first. */
    private Stanza filter(Stanza stanza) {
        if (!stanza.isMessage() || stanza.isError() || stanza.type().equals("groupchat")
                || !isStranger(stanza.from(), stanza.to())) {
            return stanza;
        }
        // RFC 6121 §8.5.2.1.1: headlines are never answered with an error.
        if (!stanza.type().equals("headline")) {
            context.stanzas().route(stanza.error(StanzaError.SERVICE_UNAVAILABLE, null));
        }
        return null;
    }

    private boolean isStranger(Jid from, Jid to) {
        return from != null && from.local() != null && !from.bare().equals(to.bare())
                && settings.refusesStrangers(to.bare()) && !contacts.inRoster(to.bare(), from.bare());
    }
}
