package im.parley.modules.fast;

import im.parley.auth.SaslServerMechanism;
import im.parley.auth.TlsInfo;
import im.parley.module.Accounts;
import im.parley.module.HostSettings;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.NegotiationStep.NegotiatingStream;
import im.parley.module.Sasl2Inline;
import im.parley.module.Sasl2Request;
import im.parley.modules.fast.HtMechanism.Binding;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FAST (XEP-0484): a client that authenticated with its password asks for a token
 * ({@code <request-token/>} inside SASL2's {@code <authenticate/>}) and gets it in
 * {@code <success/>}; next time it authenticates with the token in one round trip (an HT-SHA-256
 * mechanism and {@code <fast/>}), may invalidate it, and is given a new one when it nears its
 * expiry. Tokens are bound to the user, the SASL2 user-agent id and the mechanism; a password
 * change or the account's deletion invalidates all of the user's.
 *
 * <p>Parley never accepts TLS 0-RTT data, so it does not advertise {@code tls-0rtt} and the
 * replay counter ({@code count}) a client sends is not needed (§3.4).
 */
public final class FastModule implements Module, Sasl2Inline {
    static final String NAMESPACE = "urn:xmpp:fast:0";
    private static final Logger log = LoggerFactory.getLogger(FastModule.class);

    private final FastTokens tokens;
    private final Accounts accounts;

    FastModule(TokenStore store, Accounts accounts, HostSettings<FastConfig> settings, Clock clock) {
        this.tokens = new FastTokens(store, settings, clock);
        this.accounts = accounts;
    }

    @Override
    public void start(ModuleContext context) {
        context.sasl2Inline(this);
        accounts.onDeletion(tokens::deleteAll);
        accounts.onPasswordChange(tokens::deleteAll);
    }

    @Override
    public void stop() {
    }

    /** §3.1: {@code <fast/>} with the mechanisms this connection can use a token with. */
    @Override
    public Element advertisement(String host, TlsInfo tls) {
        Element.Builder fast = Element.builder("fast", NAMESPACE);
        for (Binding binding : Binding.offered(tls)) {
            fast.textChild("mechanism", binding.mechanismName());
        }
        return fast.build();
    }

    /** §3.4: a token authentication names an HT mechanism offered here and carries {@code <fast/>}. */
    @Override
    public SaslServerMechanism mechanism(Sasl2Request request, String host, TlsInfo tls) {
        Element fast = request.inline("fast", NAMESPACE);
        Optional<Binding> binding = Binding.of(request.mechanism()).filter(Binding.offered(tls)::contains);
        if (fast == null || binding.isEmpty()) {
            return null;
        }
        return new HtMechanism(binding.get(), host, tls, tokens, accounts::exists, request.userAgentId(),
                isTrue(fast.attribute("invalidate")));
    }

    /**
     * §3.2 and §3.5: a new token when the client asked for one (for a mechanism Parley has, bound
     * to its user-agent id), or when the token it just used is due for rotation and it did not
     * invalidate it.
     */
    @Override
    public List<Element> authenticated(NegotiatingStream stream, Sasl2Request request, String mechanism) {
        Jid user = Jid.of(stream.username(), stream.host(), null);
        String agent = request.userAgentId();
        Element requested = request.inline("request-token", NAMESPACE);
        if (requested != null) {
            String wanted = requested.attribute("mechanism");
            if (agent == null || Binding.of(wanted).isEmpty()) {
                log.info("No FAST token for {}: {}", user, agent == null ? "no user-agent id" : "mechanism " + wanted);
                return List.of();
            }
            return List.of(token(tokens.issue(user, agent, wanted)));
        }
        Element fast = request.inline("fast", NAMESPACE);
        boolean rotate = fast != null && Binding.of(mechanism).isPresent() && !isTrue(fast.attribute("invalidate"))
                && tokens.dueForRotation(user, agent);
        return rotate ? List.of(token(tokens.issue(user, agent, mechanism))) : List.of();
    }

    private static Element token(FastTokens.Issued issued) {
        return Element.builder("token", NAMESPACE).attribute("expiry", issued.expires().toString())
                .attribute("token", issued.token()).build();
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }
}
