package im.parley.modules.vcard;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.Element;
import org.junit.jupiter.api.Test;

class VCardTest {
    private static final String NS = VCard.NAMESPACE;

    private static Element photo(String binval) {
        return Element.builder("vCard", NS).child(Element.builder("PHOTO", NS)
                .textChild("TYPE", "image/png").textChild("BINVAL", binval).build()).build();
    }

    @Test
    void thePhotoHashIsTheSha1OfTheDecodedImageInLowerCaseHex() {
        // "abc" in Base64 is YWJj; SHA-1("abc") is the FIPS 180 test vector.
        assertThat(new VCard(photo("YWJj")).photoHash()).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(new VCard(photo(" YW\r\nJj \n")).photoHash()).as("whitespace is ignored")
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void noPhotoDataMeansNoHash() {
        assertThat(new VCard(Element.of("vCard", NS)).photoHash()).isNull();
        assertThat(new VCard(photo("")).photoHash()).isNull();
        assertThat(new VCard(photo("not base64 !")).photoHash()).isNull();
    }

    @Test
    void readsTheSearchableFields() {
        Element card = Element.builder("vCard", NS)
                .textChild("FN", " Juliet Capulet ")
                .child(Element.builder("N", NS).textChild("FAMILY", "Capulet").textChild("GIVEN", "Juliet").build())
                .textChild("NICKNAME", "")
                .child(Element.builder("EMAIL", NS).child(Element.of("INTERNET", NS))
                        .textChild("USERID", "juliet@example.com").build())
                .build();
        assertThat(new VCard(card).fields())
                .isEqualTo(new VCard.Fields("Juliet Capulet", "Juliet", "Capulet", null, "juliet@example.com"));
    }
}
