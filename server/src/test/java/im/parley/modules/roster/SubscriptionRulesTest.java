package im.parley.modules.roster;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.modules.roster.SubscriptionRules.Action;
import im.parley.modules.roster.SubscriptionRules.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The state tables of RFC 6121 Appendix A. A state is written as the subscription followed by
 * the flags that hold: "+out" (ask), "+in" (pending-in request), "+approved".
 */
class SubscriptionRulesTest {

    @ParameterizedTest(name = "inbound {0} in {1} -> {2}, {3}")
    @CsvSource({
        // A.2.1 inbound subscribe
        "subscribe, none, none+in, FORWARD",
        "subscribe, none+out, none+out+in, FORWARD",
        "subscribe, none+in, none+in, DROP",
        "subscribe, to, to+in, FORWARD",
        "subscribe, from, from, APPROVE",
        "subscribe, both, both, APPROVE",
        "subscribe, none+approved, from, APPROVE",
        // A.2.2 inbound subscribed
        "subscribed, none, none, DROP",
        "subscribed, none+out, to, FORWARD",
        "subscribed, none+out+in, to+in, FORWARD",
        "subscribed, from+out, both, FORWARD",
        "subscribed, to, to, DROP",
        "subscribed, both, both, DROP",
        // A.2.3 inbound unsubscribe
        "unsubscribe, none, none, DROP",
        "unsubscribe, none+in, none, FORWARD",
        "unsubscribe, none+out+in, none+out, FORWARD",
        "unsubscribe, to+in, to, FORWARD",
        "unsubscribe, from, none, FORWARD",
        "unsubscribe, from+out, none+out, FORWARD",
        "unsubscribe, both, to, FORWARD",
        // A.2.4 inbound unsubscribed
        "unsubscribed, none, none, DROP",
        "unsubscribed, none+out, none, FORWARD",
        "unsubscribed, none+in, none+in, DROP",
        "unsubscribed, to, none, FORWARD",
        "unsubscribed, to+in, none+in, FORWARD",
        "unsubscribed, from, from, DROP",
        "unsubscribed, from+out, from, FORWARD",
        "unsubscribed, both, from, FORWARD",
    })
    void inbound(String type, String before, String after, Action action) {
        assertThat(SubscriptionRules.inbound(type, state(before))).isEqualTo(new Outcome(state(after), action));
    }

    @ParameterizedTest(name = "outbound {0} in {1} -> {2}, {3}")
    @CsvSource({
        // A.3.1 outbound subscribe
        "subscribe, none, none+out, FORWARD",
        "subscribe, none+in, none+out+in, FORWARD",
        "subscribe, from, from+out, FORWARD",
        "subscribe, to, to, FORWARD",
        "subscribe, both, both, FORWARD",
        // A.3.2 outbound subscribed: approval of a request, else pre-approval (§3.4)
        "subscribed, none+in, from, FORWARD",
        "subscribed, none+out+in, from+out, FORWARD",
        "subscribed, to+in, both, FORWARD",
        "subscribed, none, none+approved, DROP",
        "subscribed, to, to+approved, DROP",
        "subscribed, from, from, DROP",
        "subscribed, both, both, DROP",
        // A.3.3 outbound unsubscribe
        "unsubscribe, none+out, none, FORWARD",
        "unsubscribe, to, none, FORWARD",
        "unsubscribe, both, from, FORWARD",
        "unsubscribe, none+out+in, none+in, FORWARD",
        // A.3.4 outbound unsubscribed
        "unsubscribed, none+in, none, FORWARD",
        "unsubscribed, from, none, FORWARD",
        "unsubscribed, both, to, FORWARD",
        "unsubscribed, none+approved, none, FORWARD",
        "unsubscribed, to+in, to, FORWARD",
    })
    void outbound(String type, String before, String after, Action action) {
        assertThat(SubscriptionRules.outbound(type, state(before))).isEqualTo(new Outcome(state(after), action));
    }

    private static SubscriptionState state(String text) {
        String[] parts = text.split("\\+");
        SubscriptionState s = new SubscriptionState(Subscription.parse(parts[0]), false, false, false);
        for (int i = 1; i < parts.length; i++) {
            s = switch (parts[i]) {
                case "out" -> s.withAsk(true);
                case "in" -> s.withPendingIn(true);
                case "approved" -> s.withApproved(true);
                default -> throw new IllegalArgumentException(parts[i]);
            };
        }
        return s;
    }
}
