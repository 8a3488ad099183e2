package im.parley.modules.pep;

import im.parley.modules.pubsub.AccessModel;
import im.parley.modules.pubsub.Item;
import im.parley.modules.pubsub.NodeConfig;
import im.parley.modules.pubsub.PubsubService;
import im.parley.modules.vcard.VCard;
import im.parley.modules.vcard.VCards;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User avatars (XEP-0084) kept in step with vCard avatars (XEP-0153) as XEP-0398 says: an image
 * published to the metadata node goes into the vCard's PHOTO (when the data node is open to
 * anyone, §7, and the image hashes to its id, §4.1), and a vCard stored with a photo is
 * published to the data and metadata nodes (§4.2), whose subscribers are notified. Removal goes
 * both ways too: empty metadata (XEP-0084's disabled avatar) takes the vCard's photo out, and a
 * vCard stored without a photo publishes empty metadata.
 */
final class AvatarConversion {
    static final String FEATURE = "urn:xmpp:pep-vcard-conversion:0";
    static final String DATA = "urn:xmpp:avatar:data";
    static final String METADATA = "urn:xmpp:avatar:metadata";
    private static final Logger log = LoggerFactory.getLogger(AvatarConversion.class);
    /** No preconditions: the nodes keep the configuration their owner gave them. */
    private static final DataForm NO_OPTIONS = DataForm.of(DataForm.Type.SUBMIT, null,
            List.of(DataForm.Field.formType("http://jabber.org/protocol/pubsub#publish-options")));
    private static final String VCARD = VCard.NAMESPACE;

    private final PubsubService pep;
    private final VCards vcards;

    AvatarConversion(PubsubService pep, VCards vcards) {
        this.pep = pep;
        this.vcards = vcards;
    }

    /**
     * §4.2: a client stored a vCard; its photo, if it has one, is published as the user's avatar. A
     * vCard without a (valid) photo while PEP has an avatar disables it (XEP-0084 §4.5: empty metadata).
     */
    void vcardStored(Jid user, VCard vcard) {
        String id = vcard.photoHash();
        if (id == null) {
            if (!avatarInfo(user).isEmpty()) {
                refused(user, pep.publishAsOwner(user, METADATA, null, Element.of("metadata", METADATA), NO_OPTIONS));
            }
            return;
        }
        Element photo = vcard.element().child("PHOTO", VCARD);
        byte[] image = Base64.getMimeDecoder().decode(photo.childText("BINVAL").replaceAll("\\s", ""));
        String type = Optional.ofNullable(photo.child("TYPE", VCARD)).map(Element::text).map(String::strip)
                .filter(t -> !t.isEmpty()).orElse("image/png");
        Element data = Element.builder("data", DATA).text(Base64.getEncoder().encodeToString(image)).build();
        Element metadata = Element.builder("metadata", METADATA).child(Element.builder("info", METADATA)
                .attribute("bytes", Integer.toString(image.length)).attribute("id", id).attribute("type", type)
                .build()).build();
        if (refused(user, pep.publishAsOwner(user, DATA, id, data, NO_OPTIONS))) {
            return;
        }
        refused(user, pep.publishAsOwner(user, METADATA, id, metadata, NO_OPTIONS));
    }

    /**
     * §4.1: a client published avatar metadata; the image it points to becomes the vCard's photo.
     * Empty metadata (XEP-0084 §4.5: the avatar disabled) takes the photo out of the vCard.
     */
    void itemsChanged(Jid user, String node) {
        if (!METADATA.equals(node)) {
            return;
        }
        List<Element> infos = avatarInfo(user);
        if (infos.isEmpty()) {
            vcards.get(user).filter(vcard -> vcard.element().child("PHOTO", VCARD) != null).ifPresent(vcard ->
                    vcards.put(user, new VCard(vcard.element().withoutChildren(e -> e.is("PHOTO", VCARD)))));
            return;
        }
        if (!pep.configuration(user, DATA).map(NodeConfig::accessModel).filter(AccessModel.OPEN::equals).isPresent()) {
            return;
        }
        Optional<Element> info = infos.stream().filter(e -> e.attribute("url") == null).findFirst();
        if (info.isEmpty()) {
            return;
        }
        String id = info.get().attribute("id");
        Optional<Element> data = pep.items(user, DATA).stream().filter(i -> i.id().equals(id)).findFirst()
                .map(Item::payload);
        if (data.isEmpty()) {
            return;
        }
        VCard updated = withPhoto(vcards.get(user).map(VCard::element).orElse(Element.of("vCard", VCARD)),
                info.get().attribute("type"), data.get().text().strip());
        if (!id.equals(updated.photoHash())) {
            log.info("The avatar {} of {} does not hash to its id; the vCard keeps its photo", id, user);
            return;
        }
        vcards.put(user, updated);
    }

    /** The {@code <info/>} elements of the newest metadata item: none when there is no avatar, or it is disabled. */
    private List<Element> avatarInfo(Jid user) {
        return pep.items(user, METADATA).stream().findFirst().map(Item::payload)
                .map(metadata -> metadata.elements().stream().filter(e -> e.is("info", METADATA)).toList())
                .orElse(List.of());
    }

    private static VCard withPhoto(Element vcard, String type, String base64) {
        Element photo = Element.builder("PHOTO", VCARD).child(type == null ? null
                : Element.builder("TYPE", VCARD).text(type).build())
                .child(Element.builder("BINVAL", VCARD).text(base64).build()).build();
        return new VCard(vcard.withoutChildren(e -> e.is("PHOTO", VCARD)).toBuilder().child(photo).build());
    }

    private static boolean refused(Jid user, Stanza answer) {
        if (answer != null && answer.isError()) {
            log.info("The vCard avatar of {} not published to PEP: {}", user, answer.element());
            return true;
        }
        return false;
    }
}
