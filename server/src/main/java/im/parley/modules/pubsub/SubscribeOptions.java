package im.parley.modules.pubsub;

import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.StanzaError;
import java.util.List;

/**
 * The {@code pubsub#subscribe_options} form (XEP-0060 §6.3, §16.4.2) with the one option this
 * service keeps per subscription and enforces: {@code pubsub#deliver}.
 */
final class SubscribeOptions {
    static final String DELIVER = "pubsub#deliver";

    private SubscribeOptions() {
    }

    /** The options form of a subscription (§6.3.2). */
    static DataForm form(Subscription subscription) {
        return DataForm.of(DataForm.Type.FORM, null, List.of(Field.formType(Pubsub.SUBSCRIBE_OPTIONS),
                Field.of(DELIVER, "boolean", "Enable delivery?", subscription.deliver() ? "1" : "0")));
    }

    /**
     * The subscription with a submitted form's options (§6.3.5); an option not offered or a value
     * it does not take is bad-request with invalid-options (§6.3.6).
     */
    static Subscription apply(Subscription subscription, DataForm submitted) {
        Subscription result = subscription;
        for (Field field : submitted.fields()) {
            if (field.var().equals("FORM_TYPE")) {
                continue;
            }
            Boolean on = field.var().equals(DELIVER) ? DataForm.parseBoolean(field.value()) : null;
            if (on == null) {
                throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "invalid-options",
                        "Subscription options offered: " + DELIVER + " (a boolean); not " + field.var());
            }
            result = result.delivering(on);
        }
        return result;
    }
}
