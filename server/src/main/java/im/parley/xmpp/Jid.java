package im.parley.xmpp;

import java.nio.charset.StandardCharsets;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * An XMPP address, {@code localpart@domainpart/resourcepart} (RFC 7622), held in its
 * enforced (canonical) form so that equal addresses compare equal as strings.
 */
public final class Jid {
    private static final int MAX_PART_BYTES = 1023;

    private final String local;
    private final String domain;
    private final String resource;
    private final String string;

    private Jid(String local, String domain, String resource) {
        this.local = local;
        this.domain = domain;
        this.resource = resource;
        StringBuilder sb = new StringBuilder();
        if (local != null) {
            sb.append(local).append('@');
        }
        sb.append(domain);
        if (resource != null) {
            sb.append('/').append(resource);
        }
        this.string = sb.toString();
    }

    /** Parses and enforces an address; throws {@link JidFormatException} (jid-malformed) when invalid. */
    public static Jid parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new JidFormatException("empty address");
        }
        int slash = s.indexOf('/');
        String beforeResource = slash < 0 ? s : s.substring(0, slash);
        String resource = slash < 0 ? null : s.substring(slash + 1);
        int at = beforeResource.indexOf('@');
        String local = at < 0 ? null : beforeResource.substring(0, at);
        String domain = at < 0 ? beforeResource : beforeResource.substring(at + 1);
        return of(local, domain, resource);
    }

    /** Parses, or returns null for an invalid or absent address. */
    public static Jid parseOrNull(String s) {
        if (s == null) {
            return null;
        }
        try {
            return parse(s);
        } catch (JidFormatException e) {
            return null;
        }
    }

    public static Jid of(String local, String domain, String resource) {
        return new Jid(local == null ? null : enforceLocal(local), enforceDomain(domain),
                resource == null ? null : enforceResource(resource));
    }

    public static Jid domain(String domain) {
        return of(null, domain, null);
    }

    /** Normalizes a localpart alone (e.g. a user name typed on the command line). */
    public static String enforceLocal(String local) {
        if (isSimpleLocal(local)) {
            return checkLength(local, "localpart");
        }
        String enforced = enforce(() -> PrecisProfiles.USERNAME_CASE_MAPPED.enforce(local), "localpart");
        for (int i = 0; i < enforced.length(); i++) {
            // RFC 7622 §3.3.1: characters the localpart may never contain.
            if ("\"&'/:<>@".indexOf(enforced.charAt(i)) >= 0) {
                throw new JidFormatException("localpart contains '" + enforced.charAt(i) + "'");
            }
        }
        return checkLength(enforced, "localpart");
    }

    public static String enforceDomain(String domain) {
        // RFC 7622 §3.2: one final dot is stripped before any other canonicalization.
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        String enforced = isSimpleDomain(d) ? d : enforce(() -> PrecisProfiles.IDN.enforce(d), "domainpart");
        if (enforced.endsWith(".")) {
            // A second final dot (or a full-width one mapped to '.') would leave an empty label.
            throw new JidFormatException("domainpart ends with an empty label");
        }
        return checkLength(enforced, "domainpart");
    }

    public static String enforceResource(String resource) {
        return checkLength(isPrintableAscii(resource) ? resource
                : enforce(() -> PrecisProfiles.OPAQUE_STRING.enforce(resource), "resourcepart"), "resourcepart");
    }

    private static String enforce(java.util.function.Supplier<String> profile, String part) {
        try {
            return profile.get();
        } catch (IllegalArgumentException e) {
            throw new JidFormatException("invalid " + part + ": " + e.getMessage());
        }
    }

    private static String checkLength(String part, String name) {
        if (part.isEmpty()) {
            throw new JidFormatException("empty " + name);
        }
        if (part.length() > MAX_PART_BYTES / 3 && part.getBytes(StandardCharsets.UTF_8).length > MAX_PART_BYTES) {
            throw new JidFormatException(name + " longer than 1023 bytes");
        }
        return part;
    }

    // Fast paths: the common all-ASCII forms are already canonical, so skip the PRECIS machinery.
    private static boolean isSimpleLocal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '+')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /**
     * Lowercase LDH labels of 1 to 63 characters, no hyphen at either end and no A-label
     * ("xn--", which IDNA converts to its U-label): exactly the names IDNA leaves unchanged.
     */
    private static boolean isSimpleDomain(String s) {
        int labelStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-'
                        || s.startsWith("xn--", labelStart)) {
                    return false;
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    public String local() {
        return local;
    }

    public String domain() {
        return domain;
    }

    public String resource() {
        return resource;
    }

    public boolean isBare() {
        return resource == null;
    }

    public boolean isDomain() {
        return local == null && resource == null;
    }

    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    public Jid withResource(String newResource) {
        return new Jid(local, domain, enforceResource(newResource));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jid j && string.equals(j.string);
    }

    @Override
    public int hashCode() {
        return string.hashCode();
    }

    @Override
    public String toString() {
        return string;
    }
}
