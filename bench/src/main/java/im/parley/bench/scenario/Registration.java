package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.StanzaListener;
import im.parley.bench.client.XmppClient;
import im.parley.bench.report.Json;

/**
 * Bulk provisioning over the protocol: registers user1..userN in band (XEP-0077). Works the same
 * on every server that has registration open, which is how the anchors are provisioned; an
 * existing account counts as done.
 */
public final class Registration {
    private Registration() {
    }

    public static Json run(ClientPool pool, int users, double rate) {
        Logins.Result result = Logins.run(pool, 1, users, rate, XmppClient.Purpose.REGISTER, StanzaListener.IGNORE,
                Logins.timeoutSeconds(users, rate));
        return result.toJson().put("scenario", "register");
    }
}
