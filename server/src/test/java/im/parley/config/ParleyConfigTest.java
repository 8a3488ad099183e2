package im.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParleyConfigTest {

    @Test
    void defaultsMatchTheDocumentedValues() {
        ParleyConfig c = ParleyConfig.defaults();

        assertThat(c.domain()).isEqualTo("localhost");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.admins()).isEmpty();
        assertThat(c.c2s()).isEqualTo(new C2sConfig("0.0.0.0", 5222, 5223, true, ResourceConflict.REPLACE,
                Duration.ofSeconds(30), Duration.ofSeconds(600), Duration.ofSeconds(5), 1_048_576));
        assertThat(c.tls()).isEqualTo(new TlsConfig(Optional.empty(), Optional.empty(), TlsImplementation.AUTO));
        assertThat(c.tls().selfSigned()).isTrue();
        assertThat(c.limits()).isEqualTo(new LimitsConfig(262_144, 32, 64, 3));
        assertThat(c.store()).isEqualTo(StoreConfig.EMBEDDED);
        assertThat(c.store().embedded()).isTrue();
        assertThat(c.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(c.components()).isEqualTo(new ComponentsConfig("127.0.0.1", 5347, ComponentsConfig.Conflict.REPLACE,
                16 * 1_048_576, List.of()));
    }

    @Test
    void emptyOrCommentOnlyFilesGiveTheDefaults() {
        for (String yaml : List.of("", "# nothing here\n", "c2s:\ntls: ~\n")) {
            // The features' sections are compared where the features read them (FeatureLoaderTest).
            assertThat(ParleyConfig.parse(yaml, "parley.yml")).usingRecursiveComparison().ignoringFields("modules")
                    .isEqualTo(ParleyConfig.defaults());
        }
    }

    @Test
    void readsEveryKeyOfAFullFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("parley.yml");
        Files.writeString(file, """
                domain: Chat.Example.ORG
                data-dir: /var/lib/parley
                admins: [Admin@chat.example.org, ops@example.net]
                c2s:
                  bind-address: "::"
                  port: 0
                  direct-tls-port: -1
                  require-tls: false
                  resource-conflict: refuse
                  unauthenticated-timeout-seconds: 5
                  idle-timeout-seconds: 120
                  rest-after-seconds: 20
                  max-queued-bytes: 262144
                tls:
                  certificate: /etc/parley/cert.pem
                  key: /etc/parley/key.pem
                  implementation: jdk
                limits:
                  max-stanza-bytes: 65536
                  max-depth: 16
                  max-attributes: 32
                  max-auth-failures: 5
                store:
                  jdbc-url: jdbc:postgresql://db/parley
                  username: parley
                  password: 0123
                  pool-size: 20
                log-level: debug
                """);

        ParleyConfig c = ParleyConfig.load(file);

        assertThat(c.domain()).isEqualTo("chat.example.org");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/parley"));
        assertThat(c.admins()).containsExactly("admin@chat.example.org", "ops@example.net");
        assertThat(c.c2s()).isEqualTo(new C2sConfig("::", 0, -1, false, ResourceConflict.REFUSE,
                Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(20), 262_144));
        assertThat(c.c2s().directTlsEnabled()).isFalse();
        assertThat(c.tls()).isEqualTo(new TlsConfig(Optional.of(Path.of("/etc/parley/cert.pem")),
                Optional.of(Path.of("/etc/parley/key.pem")), TlsImplementation.JDK));
        assertThat(c.limits()).isEqualTo(new LimitsConfig(65_536, 16, 32, 5));
        // Written as it stands in the file, not read as the YAML integer 123.
        assertThat(c.store()).isEqualTo(new StoreConfig("jdbc:postgresql://db/parley", "parley", "0123", 20));
        assertThat(c.logLevel()).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void anUnknownKeyIsNamedWithItsSection() {
        assertThatThrownBy(() -> ParleyConfig.parse("c2s:\n  port: 5222\n  prot: 5223\n", "parley.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'c2s.prot' in parley.yml line 3");
        // A top-level key may be a feature's section: it is unknown once no feature claims it.
        ModuleSections rest = ParleyConfig.parse("domain: example.org\ndomian: example.org\n", "parley.yml").modules();
        assertThatThrownBy(() -> rest.requireKnown(Set.of("vcard")))
                .hasMessage("unknown key 'domian' in parley.yml line 2");
    }

    @Test
    void aBadPortIsNamedWithWhatWasWritten() {
        assertThatThrownBy(() -> ParleyConfig.parse("c2s:\n  port: abc\n", "parley.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c2s.port: expected a port number 0-65535, got 'abc' in parley.yml line 2");
        assertThatThrownBy(() -> ParleyConfig.parse("c2s:\n  port: 65536\n", "parley.yml"))
                .hasMessageStartingWith("c2s.port: expected a port number 0-65535, got '65536'");
        assertThatThrownBy(() -> ParleyConfig.parse("c2s:\n  port: -1\n", "parley.yml"))
                .hasMessageStartingWith("c2s.port: expected a port number 0-65535, got '-1'");
        assertThatThrownBy(() -> ParleyConfig.parse("c2s:\n  direct-tls-port: -2\n", "parley.yml"))
                .hasMessageStartingWith("c2s.direct-tls-port: expected a port number 0-65535 or -1 (off), got '-2'");
    }

    @Test
    void wrongTypesAreNamed() {
        assertThat(errorFor("c2s:\n  require-tls: yes\n"))
                .startsWith("c2s.require-tls: expected true or false, got 'yes'");
        assertThat(errorFor("c2s: 5222\n")).startsWith("c2s: expected a section of keys, got '5222'");
        assertThat(errorFor("domain: [a, b]\n")).startsWith("domain: expected a domain name, got a list");
        assertThat(errorFor("admins: root@localhost\n"))
                .startsWith("admins: expected a list of bare JIDs (user@domain), got 'root@localhost'");
        assertThat(errorFor("limits:\n  max-depth: 1.5\n")).startsWith("limits.max-depth: expected an integer >= 1, got '1.5'");
        assertThat(errorFor("c2s:\n  resource-conflict: kick\n"))
                .startsWith("c2s.resource-conflict: expected one of replace, refuse, got 'kick'");
        assertThat(errorFor("log-level: loud\n"))
                .startsWith("log-level: expected one of trace, debug, info, warn, error, off, got 'loud'");
    }

    @Test
    void invalidValuesAreNamed() {
        assertThat(errorFor("domain: a@b\n")).startsWith("domain: expected a domain name, got 'a@b'");
        assertThat(errorFor("admins: [localhost]\n")).startsWith("admins[0]: expected bare JIDs (user@domain), got 'localhost'");
        assertThat(errorFor("admins: [ok@localhost, a@b/c]\n")).startsWith("admins[1]: expected bare JIDs");
        assertThat(errorFor("limits:\n  max-stanza-bytes: 9999\n"))
                .startsWith("limits.max-stanza-bytes: expected an integer >= 10000, got '9999'");
        assertThat(errorFor("c2s:\n  max-queued-bytes: 65535\n"))
                .startsWith("c2s.max-queued-bytes: expected an integer >= 65536, got '65535'");
        assertThat(errorFor("c2s:\n  max-queued-bytes: 100000\nlimits:\n  max-stanza-bytes: 200000\n"))
                .contains("c2s.max-queued-bytes (100000) must be at least limits.max-stanza-bytes (200000)");
        assertThat(errorFor("store:\n  jdbc-url: postgres://x\n")).startsWith("store.jdbc-url: expected a JDBC URL");
        assertThat(errorFor("store:\n  pool-size: 0\n")).startsWith("store.pool-size: expected an integer 1-1000, got '0'");
        assertThat(errorFor("tls:\n  certificate: cert.pem\n")).contains("tls.certificate", "tls.key");
        assertThat(errorFor("data-dir: ''\n")).startsWith("data-dir: expected a directory path");
    }

    @Test
    void severalHostsAreListedUnderHosts() {
        ParleyConfig c = ParleyConfig.parse("hosts: [one.example, TWO.example]\n", "parley.yml");

        assertThat(c.hosts()).containsExactly("one.example", "two.example");
        assertThat(c.domain()).as("the default host").isEqualTo("one.example");
        assertThat(errorFor("domain: one.example\nhosts: [two.example]\n"))
                .isEqualTo("give either 'domain' (one host) or 'hosts' (several), not both in parley.yml");
        assertThat(errorFor("hosts: [one.example, ONE.example]\n"))
                .isEqualTo("a domain is listed twice in 'hosts' in parley.yml");
        assertThat(errorFor("hosts: [a@b]\n")).startsWith("hosts[0]: expected domain names, got 'a@b'");
        assertThat(errorFor("domain: one.example\nhosts: []\n"))
                .isEqualTo("hosts: an empty list serves no domain; name at least one, or leave 'hosts' out in parley.yml line 2");
    }

    /** A host may carry feature sections of its own; the features read them (FeatureLoaderTest, PerHostSettingsTest). */
    @Test
    void aHostIsADomainOrADomainWithASectionOfItsOwn() {
        ParleyConfig c = ParleyConfig.parse("hosts:\n  - one.example\n  - TWO.example:\n      vcard: {enabled: false}\n"
                + "  - three.example:\n", "parley.yml");

        assertThat(c.hosts()).containsExactly("one.example", "two.example", "three.example");
        assertThat(c.modules().hostHas("two.example", "vcard")).isTrue();
        assertThat(c.modules().hostHas("one.example", "vcard")).isFalse();
        assertThat(errorFor("hosts:\n  - one.example: 5\n"))
                .isEqualTo("hosts.one.example: expected a section of feature sections, got '5' in parley.yml line 2");
        assertThat(errorFor("hosts:\n  - {a.example: {}, b.example: {}}\n"))
                .isEqualTo("hosts[0]: expected domain names, each alone or with one section of its own, got a section"
                        + " in parley.yml line 2");
        assertThat(errorFor("hosts:\n  - a@b: {}\n")).startsWith("hosts[0]: expected domain names, got 'a@b'");
    }

    @Test
    void malformedDocumentsAreRejectedWithTheSourceName() {
        assertThat(errorFor("c2s:\n  port: 1\n  port: 2\n")).isEqualTo("duplicate key 'c2s.port' in parley.yml");
        assertThat(errorFor("- a\n- b\n")).isEqualTo("parley.yml: expected a mapping of keys at the top level");
        assertThat(errorFor("c2s: [unclosed\n")).startsWith("parley.yml is not valid YAML");
    }

    @Test
    void aMissingFileIsAConfigError(@TempDir Path dir) {
        assertThatThrownBy(() -> ParleyConfig.load(dir.resolve("absent.yml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void theDataDirectoryCanBeOverridden() {
        ParleyConfig c = ParleyConfig.parse("domain: example.org\n", "parley.yml").withDataDir(Path.of("/tmp/x"));

        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.domain()).isEqualTo("example.org");
    }

    @Test
    void theStorePasswordStaysOutOfToString() {
        assertThat(new StoreConfig("jdbc:h2:mem:x", "sa", "hunter2", 10).toString()).doesNotContain("hunter2");
    }

    @Test
    void componentsAreReadWithTheirDomainsAndSecretsAndTheSecretsStayOutOfToString() {
        ParleyConfig c = ParleyConfig.parse("""
                components:
                  port: 5348
                  on-conflict: refuse
                  accept:
                    - domain: IRC.example.org
                      secret: s3cret
                      name: IRC
                      privileges: {roster: get, message: outgoing}
                      delegations: [urn:xmpp:mam:2]
                    - {domain: bot.example.org, secret: '0123'}
                """, "parley.yml");

        assertThat(c.components().port()).isEqualTo(5348);
        assertThat(c.components().onConflict()).isEqualTo(ComponentsConfig.Conflict.REFUSE);
        assertThat(c.components().accept()).containsExactly(
                new ComponentsConfig.Component("irc.example.org", "s3cret", "IRC", new ComponentsConfig.Privileges(
                        ComponentsConfig.RosterAccess.GET, ComponentsConfig.MessageAccess.OUTGOING), List.of("urn:xmpp:mam:2")),
                new ComponentsConfig.Component("bot.example.org", "0123", null, ComponentsConfig.Privileges.NONE,
                        List.of()));
        assertThat(c.components().toString()).doesNotContain("s3cret", "0123");
    }

    @Test
    void aComponentNeedsASecretAndADomainOfItsOwn() {
        assertThat(errorFor("components:\n  accept:\n    - domain: irc.localhost\n"))
                .isEqualTo("components.accept[0].secret: the component irc.localhost needs a shared secret in parley.yml");
        assertThat(errorFor("components:\n  accept:\n    - {domain: a.localhost, secret: x}\n"
                + "    - {domain: a.localhost, secret: y}\n"))
                .startsWith("components.accept: the component domain a.localhost is listed twice");
        assertThat(errorFor("components:\n  accept:\n    - {domain: a.localhost, secret: x, delegations: [urn:x]}\n"
                + "    - {domain: b.localhost, secret: y, delegations: [urn:x]}\n"))
                .startsWith("components.accept: the namespace urn:x is delegated to two components");
        assertThat(errorFor("components:\n  accept:\n    - {domain: localhost, secret: x}\n"))
                .startsWith("components: localhost is a hosted domain");
        assertThat(errorFor("components:\n  accept:\n    - irc.localhost\n"))
                .startsWith("components.accept[0]: expected a section of keys, got 'irc.localhost'");
    }

    private static String errorFor(String yaml) {
        try {
            ParleyConfig.parse(yaml, "parley.yml");
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }
}
