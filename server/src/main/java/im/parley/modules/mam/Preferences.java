package im.parley.modules.mam;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * A user's archiving preferences (XEP-0441): JIDs always archived, JIDs never archived, and the
 * default for the rest.
 */
record Preferences(Default byDefault, List<Jid> always, List<Jid> never) {
    static final String ELEMENT = "prefs";

    /** XEP-0441 §4 'default'. */
    enum Default {
        ALWAYS, ROSTER, NEVER;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Default of(String value) {
            for (Default d : values()) {
                if (d.value().equals(value)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("'default' is always, roster or never, not '" + value + "'");
        }
    }

    Preferences {
        always = List.copyOf(always);
        never = List.copyOf(never);
    }

    static Preferences of(Default byDefault) {
        return new Preferences(byDefault, List.of(), List.of());
    }

    /**
     * Whether messages exchanged with {@code target} (the 'to' of what the user sent, the 'from' of
     * what they received) are archived. XEP-0441 §4 JID matching: a listed full JID matches the
     * target as it is, a listed bare JID its bare JID; never wins over always, as the safer choice.
     */
    boolean archives(Jid target, BooleanSupplier inRoster) {
        if (never.stream().anyMatch(listed -> matches(listed, target))) {
            return false;
        }
        if (always.stream().anyMatch(listed -> matches(listed, target))) {
            return true;
        }
        return switch (byDefault) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ROSTER -> inRoster.getAsBoolean();
        };
    }

    private static boolean matches(Jid listed, Jid target) {
        return listed.isBare() ? listed.equals(target.bare()) : listed.equals(target);
    }

    /** {@code <prefs/>} with both lists present, even empty (XEP-0441 §3). */
    Element toElement() {
        return Element.builder(ELEMENT, MamModule.NAMESPACE)
                .attribute("default", byDefault.value())
                .child(list("always", always))
                .child(list("never", never))
                .build();
    }

    private static Element list(String name, List<Jid> jids) {
        Element.Builder list = Element.builder(name, MamModule.NAMESPACE);
        jids.forEach(jid -> list.textChild("jid", jid.toString()));
        return list.build();
    }

    /** Reads a {@code <prefs/>}; throws IllegalArgumentException (for bad-request) when it is not valid. */
    static Preferences parse(Element prefs) {
        return new Preferences(Default.of(prefs.attribute("default")), jids(prefs, "always"), jids(prefs, "never"));
    }

    private static List<Jid> jids(Element prefs, String name) {
        Element list = prefs.child(name, MamModule.NAMESPACE);
        List<Jid> jids = new ArrayList<>();
        if (list != null) {
            for (Element jid : list.elements()) {
                if (jid.is("jid", MamModule.NAMESPACE)) {
                    jids.add(Jid.parse(jid.text().strip()));
                }
            }
        }
        return jids;
    }
}
