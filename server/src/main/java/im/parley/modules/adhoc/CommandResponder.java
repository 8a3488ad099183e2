package im.parley.modules.adhoc;

import im.parley.module.DiscoNodes;
import im.parley.module.Identity;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responder side of Ad-Hoc Commands (XEP-0050) for one entity's commands: lists those a
 * requester may run in service discovery and drives their execution, one session per run. The
 * server's JID has one ({@link AdHocModule}); a service domain may have its own (the pubsub
 * service's XEP-0060 §8.7 command).
 */
public final class CommandResponder implements DiscoNodes {
    private static final int MAX_OPEN_SESSIONS_PER_REQUESTER = 16;
    private static final Logger log = LoggerFactory.getLogger(CommandResponder.class);

    private final AdHocCommands commands;
    private final CommandSessions sessions;

    public CommandResponder(AdHocCommands commands, Clock clock) {
        this.commands = commands;
        this.sessions = new CommandSessions(clock, AdHocModule.SESSION_TIMEOUT, MAX_OPEN_SESSIONS_PER_REQUESTER);
    }

    /** Forgets the command sessions of a requester that is gone (its session ended). */
    public void forget(Jid requester) {
        sessions.forget(requester);
    }

    /** §2.2: the command list is a node of its own; §2.3: each command node describes itself. */
    @Override
    public Info info(Jid requester, Jid host, String node) {
        if (AdHocModule.NAMESPACE.equals(node)) {
            return new Info(List.of(new Identity("automation", "command-list", "Commands")), List.of());
        }
        AdHocCommand command = commands.get(node);
        if (command == null) {
            return null;
        }
        return new Info(List.of(new Identity("automation", "command-node", command.name())),
                List.of(AdHocModule.NAMESPACE, DataForm.NAMESPACE));
    }

    /** §2.2: the commands this requester may run, at the host it asks. */
    @Override
    public List<Item> items(Jid requester, Jid host, String node) {
        if (!AdHocModule.NAMESPACE.equals(node)) {
            return null;
        }
        return commands.all().stream()
                .filter(command -> command.allowed(requester))
                .map(command -> new Item(host, command.node(), command.name()))
                .toList();
    }

    /** Answers a {@code <command/>} request to the entity. */
    public Stanza handle(Stanza iq) {
        Element command = iq.payload();
        if (!"set".equals(iq.type()) || !command.is("command", AdHocModule.NAMESPACE) || command.attribute("node") == null) {
            return iq.error(StanzaError.BAD_REQUEST, "A command is executed with an IQ set naming its node");
        }
        AdHocCommand target = commands.get(command.attribute("node"));
        if (target == null) {
            return iq.error(StanzaError.ITEM_NOT_FOUND, null);
        }
        if (!target.allowed(iq.from())) {
            return iq.error(StanzaError.FORBIDDEN, null);
        }
        Action action = Action.parse(command.attribute("action"));
        if (action == null) {
            return CommandError.MALFORMED_ACTION.answer(iq, null);
        }
        String sessionId = command.attribute("sessionid");
        return sessionId == null ? begin(iq, target, action) : resume(iq, target, action, sessionId);
    }

    /** A request without a session id starts a new run; only "execute" can start one. */
    private Stanza begin(Stanza iq, AdHocCommand command, Action action) {
        if (action != Action.EXECUTE) {
            return CommandError.BAD_ACTION.answer(iq, "A new command session starts with execute");
        }
        CommandSession session = sessions.open(iq.from(), command);
        if (session == null) {
            return iq.error(StanzaError.NOT_ALLOWED, "Too many open command sessions; complete or cancel some");
        }
        return run(iq, session, null);
    }

    private Stanza resume(Stanza iq, AdHocCommand command, Action action, String sessionId) {
        return switch (sessions.find(iq.from(), sessionId)) {
            case CommandSessions.Lookup.Unknown unknown -> CommandError.BAD_SESSIONID.answer(iq, null);
            case CommandSessions.Lookup.Ended ended -> CommandError.SESSION_EXPIRED.answer(iq, null);
            case CommandSessions.Lookup.Open open when open.session().command() != command ->
                    CommandError.BAD_SESSIONID.answer(iq, "The session runs another command");
            case CommandSessions.Lookup.Open open -> act(iq, open.session(), action);
        };
    }

    private Stanza act(Stanza iq, CommandSession session, Action action) {
        synchronized (session) {
            return switch (action) {
                case CANCEL -> cancel(iq, session);
                case PREV -> previous(iq, session);
                case EXECUTE, NEXT, COMPLETE -> submit(iq, session);
            };
        }
    }

    private Stanza cancel(Stanza iq, CommandSession session) {
        sessions.end(session);
        return iq.result(new CommandResponse(session, CommandResponse.Status.CANCELED).build());
    }

    private Stanza previous(Stanza iq, CommandSession session) {
        if (!session.hasPrevious()) {
            return CommandError.BAD_ACTION.answer(iq, "There is no previous stage");
        }
        return iq.result(showing(session, session.back()).build());
    }

    /** Execute, next and complete all submit the current form; the command decides whether it is done. */
    private Stanza submit(Stanza iq, CommandSession session) {
        Element x = iq.payload().child("x", DataForm.NAMESPACE);
        if (x == null) {
            return CommandError.BAD_PAYLOAD.answer(iq, "Submit the form");
        }
        DataForm submitted;
        try {
            submitted = DataForm.parse(x);
        } catch (IllegalArgumentException e) {
            return CommandError.BAD_PAYLOAD.answer(iq, e.getMessage());
        }
        return run(iq, session, submitted);
    }

    /** Calls the command for the session's next stage and answers with what it returned. */
    private Stanza run(Stanza iq, CommandSession session, DataForm submitted) {
        AdHocCommand.Step step;
        try {
            step = session.command().execute(iq.from(), submitted, session.stage());
        } catch (CommandFailure e) {
            sessions.end(session);
            return iq.error(e.condition(), e.getMessage());
        } catch (Exception e) {
            sessions.end(session);
            log.warn("Ad-hoc command {} failed for {}", session.command().node(), iq.from(), e);
            return iq.error(StanzaError.INTERNAL_SERVER_ERROR, null);
        }
        return iq.result(respond(session, step).build());
    }

    private CommandResponse respond(CommandSession session, AdHocCommand.Step step) {
        return switch (step) {
            case AdHocCommand.Step.Form form -> {
                session.show(form);
                yield showing(session, form);
            }
            case AdHocCommand.Step.Completed completed -> {
                sessions.end(session);
                yield new CommandResponse(session, CommandResponse.Status.COMPLETED)
                        .note(CommandResponse.NoteType.INFO, completed.note())
                        .form(completed.result());
            }
            case AdHocCommand.Step.Invalid invalid -> refused(session, invalid.note());
        };
    }

    /** Refused input keeps the stage and shows its form again; refused first input ends the run, which then failed. */
    private CommandResponse refused(CommandSession session, String note) {
        AdHocCommand.Step.Form current = session.current();
        if (current == null) {
            sessions.end(session);
            return new CommandResponse(session, CommandResponse.Status.COMPLETED)
                    .note(CommandResponse.NoteType.ERROR, note);
        }
        return showing(session, current).note(CommandResponse.NoteType.ERROR, note);
    }

    private static CommandResponse showing(CommandSession session, AdHocCommand.Step.Form form) {
        return new CommandResponse(session, CommandResponse.Status.EXECUTING)
                .actions(session.hasPrevious(), form.last())
                .form(form.form());
    }
}
