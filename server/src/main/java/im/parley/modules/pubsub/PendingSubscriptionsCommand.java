package im.parley.modules.pubsub;

import im.parley.modules.adhoc.AdHocCommand;
import im.parley.modules.adhoc.CommandFailure;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.util.List;

/**
 * XEP-0060 §8.7, "Process Pending Subscription Requests", an ad-hoc command (XEP-0050) of one
 * pubsub service: an owner of authorize nodes chooses one from a form, and the service sends it
 * the approval request of each subscription pending there (§8.6's message), which it answers as
 * any other. Only requesters who own such a node may run it (forbidden otherwise, §8.7.2.3).
 */
final class PendingSubscriptionsCommand implements AdHocCommand {
    static final String NODE = Pubsub.NAMESPACE + "#get-pending";
    private static final String FIELD = "pubsub#node";

    private final PubsubService service;
    private final Jid serviceJid;

    PendingSubscriptionsCommand(PubsubService service, Jid serviceJid) {
        this.service = service;
        this.serviceJid = serviceJid;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "Get pending subscription requests";
    }

    @Override
    public boolean allowed(Jid requester) {
        return !service.approvableNodes(serviceJid, requester).isEmpty();
    }

    @Override
    public Step execute(Jid requester, DataForm submitted, int stage) throws CommandFailure {
        if (submitted == null) {
            List<DataForm.Option> nodes = service.approvableNodes(serviceJid, requester).stream()
                    .map(name -> new DataForm.Option(null, name)).toList();
            // §8.7.2 asks for the one field; the example's FORM_TYPE (subscribe_authorization) is left
            // out, as that form type registers pubsub#node as text-single (§8.6), which clients that
            // keep the registry (Smack) then refuse to parse as list-single.
            return new Step.Form(DataForm.of(DataForm.Type.FORM, "Pending subscriptions", List.of(
                    new DataForm.Field(FIELD, "list-single", "Node", null, true, List.of(), nodes))));
        }
        String node = submitted.value(FIELD);
        if (node == null || node.isEmpty()) {
            return new Step.Invalid("Choose a node");
        }
        try {
            int pending = service.sendPendingRequests(serviceJid, node, requester);
            return new Step.Completed(null, pending + " pending subscription request(s) sent");
        } catch (Pubsub.Failure failure) {
            throw new CommandFailure(failure.condition(), failure.getMessage());
        }
    }
}
