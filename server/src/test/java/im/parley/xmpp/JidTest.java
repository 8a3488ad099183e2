package im.parley.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import rocks.xmpp.precis.PrecisProfiles;

class JidTest {

    @Test
    void parsesADomainJid() {
        Jid jid = Jid.parse("example.com");

        assertThat(jid.local()).isNull();
        assertThat(jid.domain()).isEqualTo("example.com");
        assertThat(jid.resource()).isNull();
        assertThat(jid.isDomain()).isTrue();
        assertThat(jid.isBare()).isTrue();
    }

    @Test
    void parsesABareJid() {
        Jid jid = Jid.parse("juliet@example.com");

        assertThat(jid.local()).isEqualTo("juliet");
        assertThat(jid.domain()).isEqualTo("example.com");
        assertThat(jid.resource()).isNull();
        assertThat(jid.isBare()).isTrue();
        assertThat(jid.isDomain()).isFalse();
    }

    @Test
    void parsesAFullJid() {
        Jid jid = Jid.parse("juliet@example.com/balcony");

        assertThat(jid.local()).isEqualTo("juliet");
        assertThat(jid.domain()).isEqualTo("example.com");
        assertThat(jid.resource()).isEqualTo("balcony");
        assertThat(jid.isBare()).isFalse();
        assertThat(jid.isDomain()).isFalse();
    }

    @Test
    void parsesADomainWithResource() {
        Jid jid = Jid.parse("example.com/foobar");

        assertThat(jid.local()).isNull();
        assertThat(jid.resource()).isEqualTo("foobar");
        assertThat(jid.isDomain()).isFalse();
    }

    /** RFC 7622 §3.1: the resource starts at the first '/', so it may hold '/' and '@'. */
    @Test
    void resourceMayContainSlashAndAt() {
        Jid jid = Jid.parse("juliet@example.com/foo/bar@baz");

        assertThat(jid.local()).isEqualTo("juliet");
        assertThat(jid.domain()).isEqualTo("example.com");
        assertThat(jid.resource()).isEqualTo("foo/bar@baz");
    }

    /** RFC 7622 §3.5, example 15: the '@' after the first '/' belongs to the resource. */
    @Test
    void atSignAfterTheSlashIsNotALocalpartSeparator() {
        Jid jid = Jid.parse("a.example.com/b@example.net");

        assertThat(jid.local()).isNull();
        assertThat(jid.domain()).isEqualTo("a.example.com");
        assertThat(jid.resource()).isEqualTo("b@example.net");
    }

    /** RFC 7622 §3.5, examples 1-15 (valid JIDs), with their enforced forms. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "juliet@example.com            | juliet@example.com",
        "juliet@example.com/foo        | juliet@example.com/foo",
        "juliet@example.com/foo bar    | juliet@example.com/foo bar",
        "juliet@example.com/foo@bar    | juliet@example.com/foo@bar",
        "foo\\20bar@example.com        | foo\\20bar@example.com",
        "fussball@example.com          | fussball@example.com",
        "fußball@example.com           | fußball@example.com",
        "π@example.com                 | π@example.com",
        "Σ@example.com/foo             | σ@example.com/foo",
        "σ@example.com/foo             | σ@example.com/foo",
        "ς@example.com/foo             | ς@example.com/foo",
        "king@example.com/♚            | king@example.com/♚",
        "example.com                   | example.com",
        "example.com/foobar            | example.com/foobar",
        "a.example.com/b@example.net   | a.example.com/b@example.net",
    })
    void acceptsTheValidExamplesOfRfc7622(String input, String enforced) {
        assertThat(Jid.parse(input)).hasToString(enforced);
    }

    /** RFC 7622 §3.5, examples 16-23 (invalid JIDs), except 18 (see below). */
    @ParameterizedTest
    @ValueSource(strings = {
        "\"juliet\"@example.com",
        "foo bar@example.com",
        "@example.com/",
        "henryⅣ@example.com",
        "♚@example.com",
        "juliet@",
        "/foobar",
    })
    void rejectsTheInvalidExamplesOfRfc7622(String input) {
        assertThatThrownBy(() -> Jid.parse(input)).isInstanceOf(JidFormatException.class);
    }

    /**
     * RFC 7622 §3.5 example 18 calls a leading space in the resource invalid, but the OpaqueString
     * profile that §3.4 applies to the resource allows spaces anywhere; the space is kept as sent.
     */
    @Test
    void keepsALeadingSpaceInTheResource() {
        assertThat(Jid.parse("juliet@example.com/ foo").resource()).isEqualTo(" foo");
    }

    @Test
    void lowercasesLocalpartAndDomainButKeepsTheResourceCase() {
        Jid jid = Jid.parse("Juliet@Example.COM/Balcony");

        assertThat(jid).hasToString("juliet@example.com/Balcony");
        assertThat(jid).isEqualTo(Jid.parse("juliet@example.com/Balcony"));
        assertThat(jid).isNotEqualTo(Jid.parse("juliet@example.com/balcony"));
    }

    @Test
    void mapsFullWidthCharactersInLocalpartAndDomain() {
        assertThat(Jid.parse("ｊｕｌｉｅｔ@localhost")).hasToString("juliet@localhost");
        assertThat(Jid.parse("ＪＵＬＩＥＴ@ｅｘａｍｐｌｅ．ｃｏｍ")).hasToString("juliet@example.com");
    }

    @Test
    void keepsFullWidthCharactersInTheResource() {
        // OpaqueString has no width mapping (RFC 8265 §4.2.2).
        assertThat(Jid.parse("juliet@localhost/Ｂａｌｃｏｎｙ").resource()).isEqualTo("Ｂａｌｃｏｎｙ");
    }

    @Test
    void mapsNonAsciiSpacesInTheResourceToAsciiSpace() {
        assertThat(Jid.parse("juliet@localhost/foo\u00A0bar").resource()).isEqualTo("foo bar");
    }

    @Test
    void normalizesToNfc() {
        String decomposed = "e\u0301";
        assertThat(Jid.parse(decomposed + "@localhost/" + decomposed)).hasToString("\u00E9@localhost/\u00E9");
    }

    @Test
    void acceptsNonAsciiLocalparts() {
        assertThat(Jid.parse("ñandú@localhost").local()).isEqualTo("ñandú");
        assertThat(Jid.parse("ÑANDÚ@localhost").local()).isEqualTo("ñandú");
    }

    @Test
    void keepsAnIdnDomainAsLowercaseULabel() {
        assertThat(Jid.parse("juliet@münchen.de").domain()).isEqualTo("münchen.de");
        assertThat(Jid.parse("juliet@MÜNCHEN.DE").domain()).isEqualTo("münchen.de");
    }

    /** RFC 7622 §3.2.1: A-labels are converted, so both spellings are the same address. */
    @ParameterizedTest
    @ValueSource(strings = {"xn--mnchen-3ya.de", "XN--MNCHEN-3YA.DE"})
    void convertsALabelsToULabels(String domain) {
        assertThat(Jid.domain(domain)).isEqualTo(Jid.domain("münchen.de"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet@example.com./balcony", "juliet@Example.COM./balcony"})
    void stripsTheTrailingDotOfTheDomain(String input) {
        assertThat(Jid.parse(input)).isEqualTo(Jid.parse("juliet@example.com/balcony"));
    }

    @Test
    void stripsTheTrailingDotOfAnIdnDomain() {
        assertThat(Jid.domain("MÜNCHEN.DE.").domain()).isEqualTo("münchen.de");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "@localhost", "juliet@", "juliet@localhost/", "/balcony", "juliet@/balcony", "@", "/", ".",
    })
    void rejectsEmptyParts(String input) {
        assertThatThrownBy(() -> Jid.parse(input)).isInstanceOf(JidFormatException.class);
    }

    @Test
    void parseOrNullReturnsNullForInvalidOrAbsentAddresses() {
        assertThat(Jid.parseOrNull(null)).isNull();
        assertThat(Jid.parseOrNull("juliet@")).isNull();
        assertThat(Jid.parseOrNull("juliet@localhost")).isEqualTo(Jid.parse("juliet@localhost"));
    }

    /** RFC 7622 §3.3.1: characters a localpart may never contain, even though UsernameCaseMapped allows some. */
    @ParameterizedTest
    @ValueSource(strings = {"\"", "&", "'", "/", ":", "<", ">", "@", " "})
    void rejectsForbiddenLocalpartCharacters(String c) {
        assertThatThrownBy(() -> Jid.of("jul" + c + "iet", "localhost", null)).isInstanceOf(JidFormatException.class);
        assertThatThrownBy(() -> Jid.enforceLocal("jul" + c + "iet")).isInstanceOf(JidFormatException.class);
    }

    @Test
    void rejectsForbiddenCharactersThatWidthMappingProduces() {
        // U+FF20 FULLWIDTH COMMERCIAL AT and U+FF07 FULLWIDTH APOSTROPHE map to '@' and '\''.
        assertThatThrownBy(() -> Jid.parse("a\uFF20b@localhost")).isInstanceOf(JidFormatException.class);
        assertThatThrownBy(() -> Jid.parse("a\uFF07b@localhost")).isInstanceOf(JidFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet@example.com/foo\u0000", "juliet@example.com/foo\u0007bar",
        "juliet@example.com/foo\nbar", "juliet@example.com/\u007F", "juliet@example.com/a\u200Bb"})
    void rejectsControlAndInvisibleCharactersInTheResource(String input) {
        assertThatThrownBy(() -> Jid.parse(input)).isInstanceOf(JidFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com..", ".example.com", "a..b", "-a.com", "a-.com", "ab_c.com",
        "example．com．", "a@b@example.com"})
    void rejectsMalformedDomains(String domain) {
        assertThatThrownBy(() -> Jid.domain(domain)).isInstanceOf(JidFormatException.class);
    }

    @Test
    void rejectsALabelLongerThan63Characters() {
        assertThat(Jid.domain("a".repeat(63) + ".com").domain()).hasSize(67);
        assertThatThrownBy(() -> Jid.domain("a".repeat(64) + ".com")).isInstanceOf(JidFormatException.class);
    }

    @Test
    void acceptsPartsOfExactly1023Bytes() {
        String local = "a".repeat(1023);
        String resource = "r".repeat(1023);

        Jid jid = Jid.of(local, "localhost", resource);

        assertThat(jid.local()).isEqualTo(local);
        assertThat(jid.resource()).isEqualTo(resource);
    }

    @Test
    void rejectsPartsLongerThan1023Bytes() {
        assertThatThrownBy(() -> Jid.of("a".repeat(1024), "localhost", null)).isInstanceOf(JidFormatException.class);
        assertThatThrownBy(() -> Jid.of("a", "localhost", "r".repeat(1024))).isInstanceOf(JidFormatException.class);
        assertThatThrownBy(() -> Jid.domain("a".repeat(1024))).isInstanceOf(JidFormatException.class);
    }

    @Test
    void countsTheLengthLimitInUtf8Bytes() {
        // 'ñ' takes two bytes in UTF-8: 511 of them are 1022 bytes, 512 are 1024.
        assertThat(Jid.enforceLocal("ñ".repeat(511))).hasSize(511);
        assertThatThrownBy(() -> Jid.enforceLocal("ñ".repeat(512))).isInstanceOf(JidFormatException.class);
        assertThatThrownBy(() -> Jid.enforceResource("é".repeat(512))).isInstanceOf(JidFormatException.class);
    }

    /** The fast ASCII paths must agree with the PRECIS profiles they stand in for. */
    @ParameterizedTest
    @ValueSource(strings = {"juliet", "romeo.montague", "a-b_c+d", "user123", "x"})
    void fastLocalpartPathAgreesWithUsernameCaseMapped(String local) {
        assertThat(Jid.enforceLocal(local)).isEqualTo(PrecisProfiles.USERNAME_CASE_MAPPED.enforce(local));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "chat.example-1.org", "a--b.com", "192.168.0.1"})
    void fastDomainPathAgreesWithIdn(String domain) {
        assertThat(Jid.enforceDomain(domain)).isEqualTo(PrecisProfiles.IDN.enforce(domain));
    }

    @ParameterizedTest
    @ValueSource(strings = {"balcony", "Balcony", "foo/bar@baz", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "Smack-1.2"})
    void fastResourcePathAgreesWithOpaqueString(String resource) {
        assertThat(Jid.enforceResource(resource)).isEqualTo(PrecisProfiles.OPAQUE_STRING.enforce(resource));
    }

    @Test
    void equalAddressesHaveEqualHashCodes() {
        Jid a = Jid.parse("Juliet@Example.com/balcony");
        Jid b = Jid.of("juliet", "example.com", "balcony");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Jid.parse("juliet@example.com"));
        assertThat(a).isNotEqualTo(Jid.parse("romeo@example.com/balcony"));
        assertThat(a).isNotEqualTo("juliet@example.com/balcony");
    }

    @Test
    void bareDropsTheResource() {
        Jid full = Jid.parse("juliet@example.com/balcony");

        assertThat(full.bare()).isEqualTo(Jid.parse("juliet@example.com"));
        assertThat(full.bare().isBare()).isTrue();
        Jid bare = Jid.parse("juliet@example.com");
        assertThat(bare.bare()).isSameAs(bare);
        assertThat(Jid.parse("example.com/foo").bare()).isEqualTo(Jid.domain("example.com"));
    }

    @Test
    void withResourceEnforcesTheNewResource() {
        Jid bare = Jid.parse("juliet@example.com");

        assertThat(bare.withResource("Balcony")).hasToString("juliet@example.com/Balcony");
        assertThat(bare.withResource("foo\u00A0bar").resource()).isEqualTo("foo bar");
        assertThat(Jid.parse("juliet@example.com/a").withResource("b")).isEqualTo(Jid.parse("juliet@example.com/b"));
        assertThatThrownBy(() -> bare.withResource("")).isInstanceOf(JidFormatException.class);
        assertThatThrownBy(() -> bare.withResource("a\u0000")).isInstanceOf(JidFormatException.class);
    }

    @Test
    void domainFactoryBuildsADomainJid() {
        Jid domain = Jid.domain("Example.COM");

        assertThat(domain.isDomain()).isTrue();
        assertThat(domain).hasToString("example.com");
    }
}
