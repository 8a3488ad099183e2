package im.parley.modules.caps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.modules.disco.DiscoModule;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generation method of XEP-0115 §5.1 against the examples of §5.2 and §5.3. */
class VerificationStringTest {
    private static final List<String> EXODUS_FEATURES = List.of("http://jabber.org/protocol/muc",
            "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/caps",
            "http://jabber.org/protocol/disco#items");

    @Test
    void simpleExampleOfSection52() {
        DiscoInfo exodus = new DiscoInfo(List.of(new DiscoInfo.Identity("client", "pc", null, "Exodus 0.9.1")),
                EXODUS_FEATURES, List.of());
        assertThat(VerificationString.input(exodus)).isEqualTo("client/pc//Exodus 0.9.1<"
                + "http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
                + "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<");
        assertThat(VerificationString.of(exodus, "sha-1")).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
    }

    @Test
    void complexExampleOfSection53ParsedFromItsResponse() {
        DiscoInfo psi = DiscoInfo.parse(psiQuery(softwareInfo("ipv6", "ipv4")));
        assertThat(VerificationString.of(psi, "sha-1")).isEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }

    @Test
    void anyDifferenceInTheInfoChangesTheHash() {
        DiscoInfo psi = DiscoInfo.parse(psiQuery(softwareInfo("ipv4")));
        assertThat(VerificationString.of(psi, "sha-1")).isNotEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }

    @Test
    void otherHashesOfTheIanaRegistry() {
        DiscoInfo exodus = new DiscoInfo(List.of(new DiscoInfo.Identity("client", "pc", null, "Exodus 0.9.1")),
                EXODUS_FEATURES, List.of());
        assertThat(VerificationString.supports("sha-256")).isTrue();
        assertThat(VerificationString.supports("md5")).isFalse();
        // 32 bytes of SHA-256 are 44 Base64 characters with one '=' of padding.
        assertThat(VerificationString.of(exodus, "sha-256")).hasSize(44).endsWith("=");
        assertThatThrownBy(() -> VerificationString.of(exodus, "md5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sortsByUtf8OctetsNotUtf16Units() {
        // U+FF5E (EF BD 9E in UTF-8) sorts before U+1F600 (F0 9F 98 80) by octets, after it by UTF-16 units.
        DiscoInfo info = new DiscoInfo(List.of(new DiscoInfo.Identity("client", "pc", null, null)),
                List.of("urn:x:\uD83D\uDE00", "urn:x:\uFF5E"), List.of());
        assertThat(VerificationString.input(info)).isEqualTo("client/pc//<urn:x:\uFF5E<urn:x:\uD83D\uDE00<");
    }

    /** The disco#info query of §5.3, with the software-info form's ip_version values in the given order. */
    static Element psiQuery(Element form) {
        return Element.builder("query", DiscoModule.INFO)
                .attribute("node", "http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w=")
                .child(identity("en", "Psi 0.11"))
                .child(identity("el", "\u03a8 0.11"))
                .children(EXODUS_FEATURES.stream()
                        .map(f -> Element.builder("feature", DiscoModule.INFO).attribute("var", f).build()).toList())
                .child(form)
                .build();
    }

    static Element softwareInfo(String... ipVersions) {
        return DataForm.of(DataForm.Type.RESULT, null, List.of(
                DataForm.Field.formType("urn:xmpp:dataforms:softwareinfo"),
                DataForm.Field.of("ip_version", "text-multi", null, ipVersions),
                DataForm.Field.of("os", null, null, "Mac"),
                DataForm.Field.of("os_version", null, null, "10.5.1"),
                DataForm.Field.of("software", null, null, "Psi"),
                DataForm.Field.of("software_version", null, null, "0.11"))).toElement();
    }

    private static Element identity(String lang, String name) {
        return Element.builder("identity", DiscoModule.INFO).attribute("xml:lang", lang)
                .attribute("category", "client").attribute("name", name).attribute("type", "pc").build();
    }
}
