package im.parley.modules.fast;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.auth.SaslFailure;
import im.parley.auth.Step;
import im.parley.auth.TlsInfo;
import im.parley.module.HostSettings;
import im.parley.module.Hosts;
import im.parley.store.StoreContractTest;
import im.parley.testkit.MutableClock;
import im.parley.xmpp.Jid;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * XEP-0484's token rules on the {@code fast_token} table, on H2 and PostgreSQL: the client's proof
 * is computed here the way a client does, HMAC-SHA-256 keyed with the token string itself.
 */
class FastTokensTest extends StoreContractTest {
    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final String AGENT = "d4565fa7-4d72-4749-b3d3-740edbf87770";
    private static final String NONE = "HT-SHA-256-NONE";
    private static final FastConfig CONFIG = new FastConfig(Duration.ofDays(14), Duration.ofDays(7));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private FastTokens tokens;
    private JdbcTokenStore store;

    @BeforeEach
    void open() {
        database.migrate("fast", "classpath:db/fast");
        store = new JdbcTokenStore(database.jdbc());
        tokens = new FastTokens(store, new HostSettings<>(CONFIG, Map.of("example.org", CONFIG),
                new Hosts(List.of("example.org"))), clock);
    }

    @Test
    void aTokenAuthenticatesForItsUserAgentAndMechanismOnlyAndOnlyItsHashIsStored() throws Exception {
        FastTokens.Issued issued = tokens.issue(ALICE, AGENT, NONE);
        assertThat(issued.token()).hasSize(96);
        assertThat(issued.expires()).isEqualTo(Instant.parse("2026-12-20T12:00:00Z"));

        FastTokens.Verified verified = tokens.verify(ALICE, AGENT, NONE, proof(issued.token()), new byte[0], false);
        assertThat(((FastTokens.Verified.Valid) verified).responder()).isEqualTo(hmac(issued.token(), "Responder"));
        assertThat(tokens.verify(ALICE, "another-agent", NONE, proof(issued.token()), new byte[0], false))
                .isInstanceOf(FastTokens.Verified.Invalid.class);
        assertThat(tokens.verify(ALICE, AGENT, "HT-SHA-256-ENDP", proof(issued.token()), new byte[0], false))
                .isInstanceOf(FastTokens.Verified.Invalid.class);
        assertThat(tokens.verify(ALICE, AGENT, NONE, proof("not the token".repeat(8)), new byte[0], false))
                .isInstanceOf(FastTokens.Verified.Invalid.class);
        assertThat(database.jdbc().query("SELECT token_hash FROM fast_token", row -> row.getString(1)))
                .singleElement().isNotEqualTo(issued.token());
    }

    @Test
    void theOldTokenWorksUntilTheNewOneIsUsedAndNeverAfter() throws Exception {
        String first = tokens.issue(ALICE, AGENT, NONE).token();
        assertThat(valid(first)).isTrue();
        String second = tokens.issue(ALICE, AGENT, NONE).token();

        // The client may have missed the success that carried the new one.
        assertThat(valid(first)).isTrue();
        assertThat(valid(second)).isTrue();
        assertThat(valid(first)).isFalse();
        assertThat(valid(second)).isTrue();
    }

    @Test
    void aNewTokenReplacesOneThatWasNeverUsed() throws Exception {
        String unused = tokens.issue(ALICE, AGENT, NONE).token();
        String newer = tokens.issue(ALICE, AGENT, NONE).token();

        assertThat(valid(unused)).isFalse();
        assertThat(valid(newer)).isTrue();
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() throws Exception {
        String token = tokens.issue(ALICE, AGENT, NONE).token();
        clock.advance(Duration.ofDays(14));

        assertThat(tokens.verify(ALICE, AGENT, NONE, proof(token), new byte[0], false))
                .isInstanceOf(FastTokens.Verified.Expired.class);
    }

    @Test
    void issuingDropsTheUsersExpiredTokensOfEveryClient() throws Exception {
        tokens.issue(ALICE, "gone-agent", NONE);
        tokens.issue(Jid.parse("bob@example.org"), "gone-agent", NONE);
        clock.advance(Duration.ofDays(15));

        tokens.issue(ALICE, AGENT, NONE);

        assertThat(database.jdbc().query("SELECT username, agent FROM fast_token ORDER BY username",
                row -> row.getString(1) + "/" + row.getString(2))).containsExactly("alice/" + AGENT, "bob/gone-agent");
    }

    @Test
    void aTokenIsDueForRotationInTheLastPartOfItsLife() throws Exception {
        String token = tokens.issue(ALICE, AGENT, NONE).token();
        valid(token);
        assertThat(tokens.dueForRotation(ALICE, AGENT)).isFalse();

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(tokens.dueForRotation(ALICE, AGENT)).isTrue();
    }

    @Test
    void invalidatingAndDeletingAllLeaveNoTokenThatWorks() throws Exception {
        String token = tokens.issue(ALICE, AGENT, NONE).token();
        assertThat(tokens.verify(ALICE, AGENT, NONE, proof(token), new byte[0], true))
                .isInstanceOf(FastTokens.Verified.Valid.class);
        assertThat(valid(token)).isFalse();

        String other = tokens.issue(ALICE, "second-agent", NONE).token();
        tokens.deleteAll(ALICE);
        assertThat(tokens.verify(ALICE, "second-agent", NONE, proof(other), new byte[0], false))
                .isInstanceOf(FastTokens.Verified.Invalid.class);
    }

    @Test
    void channelBindingDataIsPartOfTheProof() throws Exception {
        String token = tokens.issue(ALICE, AGENT, "HT-SHA-256-ENDP").token();
        byte[] cb = "certificate hash".getBytes(StandardCharsets.UTF_8);

        assertThat(tokens.verify(ALICE, AGENT, "HT-SHA-256-ENDP", proof(token), cb, false))
                .isInstanceOf(FastTokens.Verified.Invalid.class);
        Mac mac = mac(token);
        mac.update("Initiator".getBytes(StandardCharsets.US_ASCII));
        assertThat(tokens.verify(ALICE, AGENT, "HT-SHA-256-ENDP", mac.doFinal(cb), cb, false))
                .isInstanceOf(FastTokens.Verified.Valid.class);
    }

    @Test
    void theHtMechanismTakesAuthcidNulProofAndAnswersWithTheResponderHmacForAnExistingAccountOnly() throws Exception {
        String token = tokens.issue(ALICE, AGENT, NONE).token();
        byte[] message = htMessage("alice", proof(token));

        Step step = mechanism(user -> true, AGENT).evaluate(message);
        assertThat(((Step.Success) step).username()).isEqualTo("alice");
        assertThat(((Step.Success) step).additionalData()).isEqualTo(hmac(token, "Responder"));
        assertThat(((Step.Failure) mechanism(user -> false, AGENT).evaluate(message)).condition())
                .isEqualTo(SaslFailure.NOT_AUTHORIZED);
        assertThat(((Step.Failure) mechanism(user -> true, null).evaluate(message)).condition())
                .isEqualTo(SaslFailure.NOT_AUTHORIZED);
        assertThat(((Step.Failure) mechanism(user -> true, AGENT).evaluate("alice".getBytes(StandardCharsets.UTF_8)))
                .condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
        assertThat(((Step.Failure) mechanism(user -> true, AGENT).evaluate(htMessage("bob", proof(token)))).condition())
                .isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    private HtMechanism mechanism(java.util.function.Predicate<Jid> accountExists, String agent) {
        return new HtMechanism(HtMechanism.Binding.NONE, "example.org", TlsInfo.PLAINTEXT, tokens, accountExists, agent,
                false);
    }

    private static byte[] htMessage(String authcid, byte[] proof) {
        byte[] name = authcid.getBytes(StandardCharsets.UTF_8);
        byte[] message = java.util.Arrays.copyOf(name, name.length + 1 + proof.length);
        System.arraycopy(proof, 0, message, name.length + 1, proof.length);
        return message;
    }

    private boolean valid(String token) throws Exception {
        return tokens.verify(ALICE, AGENT, NONE, proof(token), new byte[0], false) instanceof FastTokens.Verified.Valid;
    }

    /** What a client sends for HT-SHA-256-NONE after its authcid: HMAC(token, "Initiator"). */
    private static byte[] proof(String token) throws Exception {
        return hmac(token, "Initiator");
    }

    private static byte[] hmac(String token, String label) throws Exception {
        return mac(token).doFinal(label.getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac mac(String token) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac;
    }
}
