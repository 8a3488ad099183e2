package im.parley.modules.push;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.StoreContractTest;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push registrations on every database: one per service and node, options replaced, a cap, disabling one or all. */
class PushRegistrationsContractTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@capulet.example");
    private static final Jid ROMEO = Jid.parse("romeo@montague.example");
    private static final Jid SERVICE = Jid.parse("push.example.com");
    private static final String OPTIONS = "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'>"
            + "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
            + "<field var='secret'><value>%s</value></field></x>";

    private PushRegistrations registrations;

    @BeforeEach
    void open() {
        database.migrate("push", "classpath:db/push");
        registrations = new JdbcPushRegistrations(database.jdbc());
        for (Jid user : new Jid[] {JULIET, ROMEO}) {
            database.jdbc().update("INSERT INTO account (host, username) VALUES (?, ?)", user.domain(), user.local());
        }
    }

    private static Registration registration(Jid account, String node, String secret) {
        return new Registration(account, SERVICE, node, secret == null ? null : XmlText.readOne(OPTIONS.formatted(secret)));
    }

    @Test
    void enablingAServiceAndNodeAgainReplacesItsPublishOptions() {
        assertThat(registrations.enable(registration(JULIET, "phone", "one"), 5)).isTrue();
        assertThat(registrations.enable(registration(JULIET, "phone", "two"), 5)).isTrue();
        assertThat(registrations.enable(registration(JULIET, "", null), 5)).isTrue();
        assertThat(registrations.enable(registration(ROMEO, "phone", "three"), 5)).isTrue();

        assertThat(registrations.of(JULIET)).extracting(Registration::node).containsExactlyInAnyOrder("phone", "");
        Registration phone = registrations.of(JULIET).stream().filter(r -> r.node().equals("phone")).findFirst().orElseThrow();
        assertThat(XmlText.write(phone.publishOptions())).contains("<value>two</value>");
        assertThat(phone.service()).isEqualTo(SERVICE);
    }

    @Test
    void anAccountHasAtMostMaxRegistrationsButMayStillReplaceOne() {
        assertThat(registrations.enable(registration(JULIET, "a", null), 2)).isTrue();
        assertThat(registrations.enable(registration(JULIET, "b", null), 2)).isTrue();
        assertThat(registrations.enable(registration(JULIET, "c", null), 2)).isFalse();
        assertThat(registrations.enable(registration(JULIET, "b", "new"), 2)).isTrue();
        assertThat(registrations.of(JULIET)).extracting(Registration::node).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void disablingRemovesOneNodeOrEveryNodeOfTheService() {
        for (String node : new String[] {"a", "b", "c"}) {
            registrations.enable(registration(JULIET, node, null), 5);
        }
        registrations.enable(registration(ROMEO, "a", null), 5);

        registrations.disable(JULIET, SERVICE, "b");
        assertThat(registrations.of(JULIET)).extracting(Registration::node).containsExactlyInAnyOrder("a", "c");
        registrations.disable(JULIET, SERVICE, null);
        assertThat(registrations.of(JULIET)).isEmpty();
        assertThat(registrations.of(ROMEO)).hasSize(1);
    }

    @Test
    void registrationsGoWithTheAccount() {
        registrations.enable(registration(JULIET, "a", null), 5);
        database.jdbc().update("DELETE FROM account WHERE host = ? AND username = ?", JULIET.domain(), JULIET.local());
        assertThat(registrations.of(JULIET)).isEmpty();
    }
}
