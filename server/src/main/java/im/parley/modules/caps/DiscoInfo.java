package im.parley.modules.caps;

import im.parley.modules.disco.DiscoModule;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of a disco#info response (XEP-0030 §3.1, with XEP-0128 extension forms) that an
 * entity capabilities verification string covers.
 */
public record DiscoInfo(List<Identity> identities, List<String> features, List<DataForm> forms) {
    /** A disco identity; {@code lang} and {@code name} may be null. */
    public record Identity(String category, String type, String lang, String name) {
        public Identity {
            if (category == null || type == null) {
                throw new IllegalArgumentException("an identity needs a category and a type (XEP-0030 §3.1)");
            }
        }
    }

    public DiscoInfo {
        identities = List.copyOf(identities);
        features = List.copyOf(features);
        forms = List.copyOf(forms);
    }

    /**
     * Reads a {@code <query xmlns='http://jabber.org/protocol/disco#info'/>}; throws
     * {@link IllegalArgumentException} when XEP-0115 §5.4 (3.3-3.5) calls it ill-formed: a
     * repeated identity, feature or form type, or a FORM_TYPE with different values. Forms that
     * XEP-0115 §5.4 (3.6) says to ignore (no hidden FORM_TYPE) are left out.
     */
    public static DiscoInfo parse(Element query) {
        if (!query.is("query", DiscoModule.INFO)) {
            throw new IllegalArgumentException("not a disco#info query: " + query.name());
        }
        List<Identity> identities = new ArrayList<>();
        List<String> features = new ArrayList<>();
        List<DataForm> forms = new ArrayList<>();
        for (Element child : query.elements()) {
            if (child.is("identity", DiscoModule.INFO)) {
                identities.add(new Identity(child.attribute("category"), child.attribute("type"),
                        child.attribute("xml:lang"), child.attribute("name")));
            } else if (child.is("feature", DiscoModule.INFO)) {
                features.add(child.attribute("var"));
            } else if (child.is("x", DataForm.NAMESPACE)) {
                forms.add(DataForm.parse(child));
            }
        }
        requireUnique(identities, "identity");
        requireUnique(features, "feature");
        return new DiscoInfo(identities, features, extensionForms(forms));
    }

    private static List<DataForm> extensionForms(List<DataForm> forms) {
        List<DataForm> kept = new ArrayList<>();
        for (DataForm form : forms) {
            DataForm.Field formType = form.field("FORM_TYPE");
            if (formType == null || !"hidden".equals(formType.type())) {
                continue;
            }
            if (Set.copyOf(formType.values()).size() != 1) {
                throw new IllegalArgumentException("a FORM_TYPE with different values");
            }
            kept.add(form);
        }
        requireUnique(kept.stream().map(DataForm::formType).toList(), "FORM_TYPE");
        return kept;
    }

    private static void requireUnique(List<?> items, String what) {
        Set<Object> seen = new HashSet<>();
        for (Object item : items) {
            if (item == null || !seen.add(item)) {
                throw new IllegalArgumentException("a missing or repeated " + what + ": " + item);
            }
        }
    }
}
