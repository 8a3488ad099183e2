package im.parley.modules.caps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.modules.disco.DiscoModule;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What XEP-0115 §5.4 calls an ill-formed disco#info response, and what it ignores. */
class DiscoInfoTest {
    private static final Element CLIENT = Element.builder("identity", DiscoModule.INFO)
            .attribute("category", "client").attribute("type", "pc").build();

    @Test
    void readsIdentitiesFeaturesAndForms() {
        DiscoInfo info = DiscoInfo.parse(VerificationStringTest.psiQuery(VerificationStringTest.softwareInfo("ipv4")));
        assertThat(info.identities()).extracting(DiscoInfo.Identity::lang).containsExactly("en", "el");
        assertThat(info.features()).hasSize(4);
        assertThat(info.forms()).extracting(DataForm::formType).containsExactly("urn:xmpp:dataforms:softwareinfo");
    }

    @Test
    void aRepeatedIdentityIsIllFormed() {
        assertIllFormed(query(CLIENT, CLIENT));
    }

    @Test
    void aRepeatedFeatureIsIllFormed() {
        assertIllFormed(query(CLIENT, feature("urn:x"), feature("urn:x")));
    }

    @Test
    void anIdentityWithoutTypeIsIllFormed() {
        assertIllFormed(query(Element.builder("identity", DiscoModule.INFO).attribute("category", "client").build()));
    }

    @Test
    void twoFormsWithTheSameFormTypeAreIllFormed() {
        Element form = form("hidden", "urn:x:form");
        assertIllFormed(query(CLIENT, form, form));
    }

    @Test
    void aFormTypeWithDifferentValuesIsIllFormed() {
        assertIllFormed(query(CLIENT, form("hidden", "urn:x:a", "urn:x:b")));
    }

    @Test
    void aFormWhoseFormTypeIsNotHiddenIsIgnored() {
        DiscoInfo info = DiscoInfo.parse(query(CLIENT, form("text-single", "urn:x:form"), form(null, "urn:x:other")));
        assertThat(info.forms()).isEmpty();
    }

    private static void assertIllFormed(Element query) {
        assertThatThrownBy(() -> DiscoInfo.parse(query)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Element query(Element... children) {
        return Element.builder("query", DiscoModule.INFO).children(List.of(children)).build();
    }

    private static Element feature(String var) {
        return Element.builder("feature", DiscoModule.INFO).attribute("var", var).build();
    }

    private static Element form(String formTypeType, String... formTypes) {
        return DataForm.of(DataForm.Type.RESULT, null, List.of(DataForm.Field.of("FORM_TYPE", formTypeType, null,
                formTypes))).toElement();
    }
}
