package im.parley.auth;

import static im.parley.auth.TestAccounts.TLS_WITHOUT_BINDING;
import static im.parley.auth.TestAccounts.TLS_WITH_BINDING;
import static im.parley.auth.TestAccounts.text;
import static im.parley.auth.TestAccounts.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramMechanismTest {

    /**
     * XEP-0474 §6.3, byte for byte: SCRAM-SHA-1-PLUS with tls-exporter after SCRAM-SHA-1 and
     * SCRAM-SHA-1-PLUS and both binding types were offered; its client-final-message also carries
     * an extension attribute ("x="), which is signed like the rest.
     */
    @Test
    void xep0474ExampleVerifiesByteForByte() {
        ScramCredential credential = ScramCredential.derive(ScramHash.SHA_1, "pencil",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
        TestAccounts accounts = new TestAccounts().add("user", credential);
        Advertisement advertised = new Advertisement(List.of("SCRAM-SHA-1", "SCRAM-SHA-1-PLUS"),
                List.of(TlsInfo.TLS_SERVER_END_POINT, TlsInfo.TLS_EXPORTER));
        TlsInfo tls = TestAccounts.tls(List.of(TlsInfo.TLS_SERVER_END_POINT, TlsInfo.TLS_EXPORTER),
                utf8("THIS IS FAKE CB DATA"));
        SaslServerMechanism scram = new ScramMechanism(ScramHash.SHA_1, true, tls, accounts.accounts(),
                () -> "a09117a6-ac50-4f2f-93f1-93799c2bddf6", new ChannelBindingAttempts(), advertised);

        Step first = scram.evaluate(Base64.getDecoder().decode(
                "cD10bHMtZXhwb3J0ZXIsLG49dXNlcixyPTEyQzRDRDVDLUUzOEUtNEE5OC04RjZELTE1QzM4RjUxQ0NDNg=="));
        assertThat(Base64.getEncoder().encodeToString(((Step.Challenge) first).data())).isEqualTo(
                "cj0xMkM0Q0Q1Qy1FMzhFLTRBOTgtOEY2RC0xNUMzOEY1MUNDQzZhMDkxMTdhNi1hYzUwLTRmMmYtOTNmMS05Mzc5OWMyYmRk"
                        + "ZjYscz1RU1hDUitRNnNlazhiZjkyLGk9NDA5NixoPUc2ay9yQkxEcWdPaFJSYUN1dWF0U0RGa0owOD0=");

        Step last = scram.evaluate(Base64.getDecoder().decode(
                "Yz1jRDEwYkhNdFpYaHdiM0owWlhJc0xGUklTVk1nU1ZNZ1JrRkxSU0JEUWlCRVFWUkIscj0xMkM0Q0Q1Qy1FMzhFLTRBOTgtOEY2RC0x"
                        + "NUMzOEY1MUNDQzZhMDkxMTdhNi1hYzUwLTRmMmYtOTNmMS05Mzc5OWMyYmRkZjYseD0xOUM2NTMyRi0xQ0Y0LTRBMjctQTE4"
                        + "RC1EQzlDRUE0MUJCQjMscD1NL1NJRGpUK2RmY3hVaDg5alpFeXBSdkZ4QjQ9"));
        assertThat(Base64.getEncoder().encodeToString(((Step.Success) last).additionalData()))
                .isEqualTo("dj1NUXJNUHZ2N3l2NHg0Q3E0VzRJaDI1RXFTMmM9");
    }

    /**
     * RFC 5802's example with the hash appended: the server-first-message is the RFC's plus "h",
     * and the RFC's own proof, made for a server-first-message without it, no longer verifies
     * (the hash is signed), while a proof over the whole message does.
     */
    @Test
    void rfc5802ExampleCarriesTheHashOfWhatWasOffered() throws Exception {
        ScramCredential credential = ScramCredential.derive(ScramHash.SHA_1, "pencil",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
        TestAccounts accounts = new TestAccounts().add("user", credential).serverNonces("3rfcNHYJY1ZVvWVs7j", "3rfcNHYJY1ZVvWVs7j");
        // Offered over TLS without channel binding: SCRAM-SHA-256, SCRAM-SHA-1, PLAIN.
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest(utf8("PLAIN\u001eSCRAM-SHA-1\u001eSCRAM-SHA-256")));

        SaslServerMechanism scram = accounts.mechanisms().create("SCRAM-SHA-1", TLS_WITHOUT_BINDING);
        Step first = scram.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
        assertThat(text(((Step.Challenge) first).data()))
                .isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096,h=" + hash);
        assertFailure(scram.evaluate(utf8(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=")),
                SaslFailure.NOT_AUTHORIZED);

        ScramTestClient client = new ScramTestClient(ScramHash.SHA_1, "n,,", new byte[0], "user", "pencil",
                "fyko+d2lbbFgONRv9qkxdawL");
        assertThat(exchange(accounts.mechanisms().create("SCRAM-SHA-1", TLS_WITHOUT_BINDING), client))
                .isInstanceOf(Step.Success.class);
    }

    @Test
    void rfc7677ExampleCarriesTheHashOfWhatWasOfferedWithChannelBinding() throws Exception {
        ScramCredential credential = ScramCredential.derive(ScramHash.SHA_256, "pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        SaslServerMechanism scram = new TestAccounts().add("user", credential)
                .serverNonces("%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0").mechanisms().create("SCRAM-SHA-256", TLS_WITH_BINDING);
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(utf8(
                "PLAIN\u001eSCRAM-SHA-1\u001eSCRAM-SHA-1-PLUS\u001eSCRAM-SHA-256\u001eSCRAM-SHA-256-PLUS"
                        + "\u001ftls-exporter\u001etls-server-end-point")));

        Step first = scram.evaluate(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertThat(text(((Step.Challenge) first).data())).isEqualTo(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,h=" + hash);
    }

    @Test
    void rejectsTheRfcProofForAnotherPassword() {
        ScramCredential credential = ScramCredential.derive(ScramHash.SHA_1, "pencil2",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
        SaslServerMechanism scram = new TestAccounts().add("user", credential).serverNonces("3rfcNHYJY1ZVvWVs7j")
                .mechanisms().create("SCRAM-SHA-1", TLS_WITHOUT_BINDING);
        scram.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));

        Step last = scram.evaluate(utf8(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        assertFailure(last, SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void eachExchangeGetsAFreshServerNonce() {
        SaslMechanisms mechanisms = new SaslMechanisms(username -> java.util.Map.of(), "example.org");
        String first = text(((Step.Challenge) mechanisms.create("SCRAM-SHA-1", TLS_WITHOUT_BINDING)
                .evaluate(utf8("n,,n=user,r=abc"))).data());
        String second = text(((Step.Challenge) mechanisms.create("SCRAM-SHA-1", TLS_WITHOUT_BINDING)
                .evaluate(utf8("n,,n=user,r=abc"))).data());
        String nonce = ScramTestClient.attributes(first).get("r");
        assertThat(nonce).startsWith("abc").hasSizeGreaterThanOrEqualTo("abc".length() + 24);
        assertThat(ScramTestClient.attributes(second).get("r")).isNotEqualTo(nonce);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-1", "SCRAM-SHA-256"})
    void wrongPasswordFails(String mechanism) {
        ScramHash hash = mechanism.equals("SCRAM-SHA-1") ? ScramHash.SHA_1 : ScramHash.SHA_256;
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();

        assertThat(exchange(mechanisms.create(mechanism, TLS_WITHOUT_BINDING),
                ScramTestClient.withoutBinding(hash, "juliet", "r0meo!"))).isInstanceOf(Step.Success.class);
        assertFailure(exchange(mechanisms.create(mechanism, TLS_WITHOUT_BINDING),
                ScramTestClient.withoutBinding(hash, "juliet", "romeo")), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void serverProvesItKnowsTheCredential() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        ScramTestClient client = ScramTestClient.withoutBinding(ScramHash.SHA_256, "juliet", "r0meo!");

        Step.Success success = (Step.Success) exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING), client);
        assertThat(success.additionalData()).isEqualTo(client.expectedServerFinal());
    }

    @Test
    void unknownUserGetsAPlausibleStableSaltAndFailsOnlyAtTheEnd() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        String probe = "n,,n=nobody,r=abc";

        Step first = mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING).evaluate(utf8(probe));
        Step again = mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING).evaluate(utf8(probe));
        String serverFirst = text(((Step.Challenge) first).data());
        assertThat(serverFirst).isEqualTo(text(((Step.Challenge) again).data()));
        assertThat(ScramTestClient.attributes(serverFirst).get("i")).isEqualTo("4096");
        assertThat(Base64.getDecoder().decode(ScramTestClient.attributes(serverFirst).get("s"))).hasSize(16);

        assertFailure(exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING),
                ScramTestClient.withoutBinding(ScramHash.SHA_256, "nobody", "r0meo!")), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void unknownUsersGetDifferentSalts() {
        SaslMechanisms mechanisms = new TestAccounts().mechanisms();
        String a = text(((Step.Challenge) mechanisms.create("SCRAM-SHA-1", TLS_WITHOUT_BINDING)
                .evaluate(utf8("n,,n=alice,r=abc"))).data());
        String b = text(((Step.Challenge) mechanisms.create("SCRAM-SHA-1", TLS_WITHOUT_BINDING)
                .evaluate(utf8("n,,n=bob,r=abc"))).data());
        assertThat(ScramTestClient.attributes(a).get("s")).isNotEqualTo(ScramTestClient.attributes(b).get("s"));
    }

    @Test
    void accountWithoutACredentialForTheHashCannotLogInWithIt() {
        ScramCredential sha256Only = new CredentialFactory().create(ScramHash.SHA_256, "r0meo!");
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", sha256Only).mechanisms();

        assertFailure(exchange(mechanisms.create("SCRAM-SHA-1", TLS_WITHOUT_BINDING),
                ScramTestClient.withoutBinding(ScramHash.SHA_1, "juliet", "r0meo!")), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void usernameIsDecodedAndNormalized() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();

        Step step = exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING),
                ScramTestClient.withoutBinding(ScramHash.SHA_256, "JULIET", "r0meo!"));
        assertThat(((Step.Success) step).username()).isEqualTo("juliet");
    }

    @Test
    void saslNameEscapesAreDecoded() {
        SaslMechanisms mechanisms = new TestAccounts().add("a,b=c", "secret").mechanisms();

        Step step = exchange(mechanisms.create("SCRAM-SHA-1", TLS_WITHOUT_BINDING),
                ScramTestClient.withoutBinding(ScramHash.SHA_1, "a=2Cb=3Dc", "secret"));
        assertThat(((Step.Success) step).username()).isEqualTo("a,b=c");
    }

    @Test
    void passwordIsNormalizedWithOpaqueString() {
        // OpaqueString maps non-ASCII spaces (here U+00A0) to U+0020.
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "two words").mechanisms();

        assertThat(exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING),
                ScramTestClient.withoutBinding(ScramHash.SHA_256, "juliet", "two\u00a0words")))
                .isInstanceOf(Step.Success.class);
    }

    @Test
    void authzidMayNameTheUsersOwnBareJid() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_256, "n,a=juliet@example.org,", new byte[0],
                "juliet", "r0meo!", "nonce");

        assertThat(exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING), client))
                .isInstanceOf(Step.Success.class);
    }

    @Test
    void authzidOfSomeoneElseIsRefused() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();

        assertFailure(mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING)
                .evaluate(utf8("n,a=romeo@example.org,n=juliet,r=abc")), SaslFailure.INVALID_AUTHZID);
    }

    @Test
    void plusWithMatchingBindingSucceeds() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_256, "p=tls-server-end-point,,",
                TestAccounts.SERVER_END_POINT, "juliet", "r0meo!", "nonce");

        assertThat(exchange(mechanisms.create("SCRAM-SHA-256-PLUS", TLS_WITH_BINDING), client))
                .isInstanceOf(Step.Success.class);
    }

    @Test
    void plusChecksTheDataOfTheTypeTheClientNamed() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        ScramTestClient exporter = new ScramTestClient(ScramHash.SHA_1, "p=tls-exporter,,",
                TestAccounts.EXPORTER, "juliet", "r0meo!", "nonce");
        ScramTestClient mixedUp = new ScramTestClient(ScramHash.SHA_1, "p=tls-exporter,,",
                TestAccounts.SERVER_END_POINT, "juliet", "r0meo!", "nonce");

        assertThat(exchange(mechanisms.create("SCRAM-SHA-1-PLUS", TLS_WITH_BINDING), exporter))
                .isInstanceOf(Step.Success.class);
        assertFailure(exchange(mechanisms.create("SCRAM-SHA-1-PLUS", TLS_WITH_BINDING), mixedUp),
                SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void plusWithWrongBindingDataFails() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_256, "p=tls-server-end-point,,",
                utf8("a man in the middle's certificate"), "juliet", "r0meo!", "nonce");

        assertFailure(exchange(mechanisms.create("SCRAM-SHA-256-PLUS", TLS_WITH_BINDING), client),
                SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void plusWithUnsupportedBindingTypeFails() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();

        assertFailure(mechanisms.create("SCRAM-SHA-256-PLUS", TLS_WITH_BINDING)
                .evaluate(utf8("p=tls-unique,,n=juliet,r=abc")), SaslFailure.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"n,,n=juliet,r=abc", "y,,n=juliet,r=abc"})
    void plusRequiresTheClientToBind(String clientFirst) {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();

        assertFailure(mechanisms.create("SCRAM-SHA-256-PLUS", TLS_WITH_BINDING).evaluate(utf8(clientFirst)),
                SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void bindingRequestOnPlainScramFails() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();

        assertFailure(mechanisms.create("SCRAM-SHA-256", TLS_WITH_BINDING)
                .evaluate(utf8("p=tls-server-end-point,,n=juliet,r=abc")), SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void yFlagIsADowngradeWhenTheServerOffersBinding() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_256, "y,,", new byte[0], "juliet", "r0meo!", "n");

        assertFailure(exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITH_BINDING), client),
                SaslFailure.NOT_AUTHORIZED);
        assertThat(exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING), client))
                .isInstanceOf(Step.Success.class);
    }

    @Test
    void yFlagIsAcceptedAfterAPlusAttemptWithATypeTheConnectionLacks() {
        // slixmpp 1.8: it saw -PLUS (nothing stripped them) but binds only with tls-unique (XEP-0440's gap).
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        ChannelBindingAttempts attempts = new ChannelBindingAttempts();
        assertFailure(mechanisms.create("SCRAM-SHA-256-PLUS", TLS_WITH_BINDING, attempts)
                .evaluate(utf8("p=tls-unique,,n=juliet,r=abc")), SaslFailure.NOT_AUTHORIZED);

        assertThat(exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITH_BINDING, attempts), yClient()))
                .isInstanceOf(Step.Success.class);
    }

    @Test
    void yFlagAfterAPlusAttemptWithATypeWeOfferIsStillADowngrade() {
        // That client could bind with our type: no interoperability gap excuses its "y".
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        ChannelBindingAttempts attempts = new ChannelBindingAttempts();
        mechanisms.create("SCRAM-SHA-256-PLUS", TLS_WITH_BINDING, attempts)
                .evaluate(utf8("p=tls-server-end-point,,n=juliet,r=abc"));

        assertFailure(exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITH_BINDING, attempts), yClient()),
                SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void yFlagAfterAMismatchedBindingIsStillADowngrade() {
        // The client's TLS session is not ours (a man in the middle), even if it also named a type we lack.
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        ChannelBindingAttempts attempts = new ChannelBindingAttempts();
        mechanisms.create("SCRAM-SHA-256-PLUS", TLS_WITH_BINDING, attempts)
                .evaluate(utf8("p=tls-unique,,n=juliet,r=abc"));
        ScramTestClient otherSession = new ScramTestClient(ScramHash.SHA_256, "p=tls-server-end-point,,",
                utf8("another certificate hash"), "juliet", "r0meo!", "n");
        assertFailure(exchange(mechanisms.create("SCRAM-SHA-256-PLUS", TLS_WITH_BINDING, attempts), otherSession),
                SaslFailure.NOT_AUTHORIZED);

        assertFailure(exchange(mechanisms.create("SCRAM-SHA-256", TLS_WITH_BINDING, attempts), yClient()),
                SaslFailure.NOT_AUTHORIZED);
    }

    private static ScramTestClient yClient() {
        return new ScramTestClient(ScramHash.SHA_256, "y,,", new byte[0], "juliet", "r0meo!", "n");
    }

    @Test
    void finalMessageMustRepeatTheGs2Header() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        // The client claims "y" first, then binds as if it had sent "n": the header is part of c=.
        SaslServerMechanism scram = mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING);
        scram.evaluate(utf8("y,,n=juliet,r=abc"));

        Step last = scram.evaluate(utf8("c=biws,r=abcserverNonce456,p=" + Base64.getEncoder().encodeToString(new byte[32])));
        assertFailure(last, SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void finalMessageMustCarryTheCombinedNonce() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        SaslServerMechanism scram = mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING);
        scram.evaluate(utf8("n,,n=juliet,r=abc"));

        Step last = scram.evaluate(utf8("c=biws,r=abcOTHER,p=" + Base64.getEncoder().encodeToString(new byte[32])));
        assertFailure(last, SaslFailure.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "n,,", "n,,n=juliet", "x,,n=juliet,r=abc", "n,b=x,n=juliet,r=abc", "n,,r=abc,n=juliet",
        "n,,n=,r=abc", "n,,n=jul=2Diet,r=abc", "n,,n=juliet=,r=abc", "n,,n=juliet,r=", "n,,n=juliet,r=a b",
        "n,,m=ext,n=juliet,r=abc", "p=,,n=juliet,r=abc", "p=tls unique,,n=juliet,r=abc", "n,a=,n=juliet,r=abc"})
    void malformedClientFirstIsRejected(String clientFirst) {
        SaslServerMechanism scram = new TestAccounts().add("juliet", "r0meo!").mechanisms()
                .create("SCRAM-SHA-256", TLS_WITHOUT_BINDING);
        // The first empty message only prompts for an initial response.
        scram.evaluate(new byte[0]);

        assertFailure(scram.evaluate(utf8(clientFirst)), SaslFailure.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "c=biws", "c=biws,r=abcserverNonce456", "r=abcserverNonce456,c=biws,p=AAAA",
        "c=!!!,r=abcserverNonce456,p=AAAA", "c=biws,r=abcserverNonce456,p=not base64", "c=biws,p=AAAA"})
    void malformedClientFinalIsRejected(String clientFinal) {
        SaslServerMechanism scram = new TestAccounts().add("juliet", "r0meo!").mechanisms()
                .create("SCRAM-SHA-256", TLS_WITHOUT_BINDING);
        scram.evaluate(utf8("n,,n=juliet,r=abc"));

        assertFailure(scram.evaluate(utf8(clientFinal)), SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void invalidUtf8IsMalformed() {
        SaslServerMechanism scram = new TestAccounts().mechanisms().create("SCRAM-SHA-1", TLS_WITHOUT_BINDING);

        assertFailure(scram.evaluate(new byte[] {'n', ',', ',', 'n', '=', (byte) 0xC3, ',', 'r', '=', 'x'}),
                SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void usernameThatNoAccountCouldHaveIsNotAuthorized() {
        SaslServerMechanism scram = new TestAccounts().mechanisms().create("SCRAM-SHA-1", TLS_WITHOUT_BINDING);

        assertFailure(scram.evaluate(utf8("n,,n=a@b,r=abc")), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void emptyInitialResponseIsAnsweredWithAnEmptyChallenge() {
        SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();
        SaslServerMechanism scram = mechanisms.create("SCRAM-SHA-256", TLS_WITHOUT_BINDING);

        assertThat(((Step.Challenge) scram.evaluate(new byte[0])).data()).isEmpty();
        assertThat(exchange(scram, ScramTestClient.withoutBinding(ScramHash.SHA_256, "juliet", "r0meo!")))
                .isInstanceOf(Step.Success.class);
    }

    @Test
    void noStepsAfterTheEnd() {
        SaslServerMechanism scram = new TestAccounts().mechanisms().create("SCRAM-SHA-1", TLS_WITHOUT_BINDING);
        scram.evaluate(utf8("garbage"));

        assertThatThrownBy(() -> scram.evaluate(utf8("n,,n=juliet,r=abc"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nameIncludesPlus() {
        SaslMechanisms mechanisms = new TestAccounts().mechanisms();
        assertThat(mechanisms.create("SCRAM-SHA-1-PLUS", TLS_WITH_BINDING).name()).isEqualTo("SCRAM-SHA-1-PLUS");
        assertThat(mechanisms.create("SCRAM-SHA-256", TLS_WITH_BINDING).name()).isEqualTo("SCRAM-SHA-256");
    }

    static Step exchange(SaslServerMechanism server, ScramTestClient client) {
        Step first = server.evaluate(client.clientFirst());
        if (!(first instanceof Step.Challenge challenge)) {
            return first;
        }
        return server.evaluate(client.clientFinal(challenge.data()));
    }

    static void assertFailure(Step step, SaslFailure condition) {
        assertThat(step).isInstanceOfSatisfying(Step.Failure.class, f -> assertThat(f.condition()).isEqualTo(condition));
    }
}
