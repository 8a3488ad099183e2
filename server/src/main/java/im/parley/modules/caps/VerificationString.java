package im.parley.modules.caps;

import im.parley.xmpp.DataForm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The verification string of XEP-0115 §5.1: a hash of an entity's sorted disco#info. */
public final class VerificationString {
    /** The hash names (IANA "Hash Function Textual Names") this server verifies, with their JDK names. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            "sha-1", "SHA-1", "sha-224", "SHA-224", "sha-256", "SHA-256", "sha-384", "SHA-384", "sha-512", "SHA-512");

    /** §5.1 sorts with "i;octet" collation: by UTF-8 bytes, which String.compareTo does not do beyond the BMP. */
    private static final Comparator<String> OCTET = (a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b));

    private static final Comparator<DiscoInfo.Identity> IDENTITY_ORDER = Comparator
            .comparing(DiscoInfo.Identity::category, OCTET)
            .thenComparing(DiscoInfo.Identity::type, OCTET)
            .thenComparing(i -> orEmpty(i.lang()), OCTET)
            .thenComparing(i -> orEmpty(i.name()), OCTET);

    private VerificationString() {
    }

    /** True when {@code hash} (a caps 'hash' attribute) names an algorithm this server can verify. */
    public static boolean supports(String hash) {
        return ALGORITHMS.containsKey(hash);
    }

    /** The verification string of {@code info} with a supported {@code hash} algorithm (§5.1 step 9). */
    public static String of(DiscoInfo info, String hash) {
        String algorithm = ALGORITHMS.get(hash);
        if (algorithm == null) {
            throw new IllegalArgumentException("unsupported caps hash " + hash);
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(utf8(input(info)));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** The string S that is hashed (§5.1 steps 1-8). */
    static String input(DiscoInfo info) {
        StringBuilder s = new StringBuilder();
        info.identities().stream().sorted(IDENTITY_ORDER).forEach(i -> s.append(i.category()).append('/')
                .append(i.type()).append('/').append(orEmpty(i.lang())).append('/').append(orEmpty(i.name()))
                .append('<'));
        appendSorted(s, info.features());
        List<DataForm> forms = new ArrayList<>(info.forms());
        forms.sort(Comparator.comparing(DataForm::formType, OCTET));
        forms.forEach(form -> appendForm(s, form));
        return s.toString();
    }

    private static void appendForm(StringBuilder s, DataForm form) {
        s.append(form.formType()).append('<');
        List<DataForm.Field> fields = new ArrayList<>(form.fields());
        fields.removeIf(f -> "FORM_TYPE".equals(f.var()));
        fields.sort(Comparator.comparing(f -> orEmpty(f.var()), OCTET));
        for (DataForm.Field field : fields) {
            s.append(orEmpty(field.var())).append('<');
            appendSorted(s, field.values());
        }
    }

    private static void appendSorted(StringBuilder s, List<String> items) {
        items.stream().sorted(OCTET).forEach(item -> s.append(item).append('<'));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
