package im.parley.it.sint;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the suite must not run, each entry with its reason: the one list of switched-off tests.
 *
 * <p>The list is a properties file. A key is a specification ({@code XEP-0045}), a test class
 * (simple or fully qualified name) or one test method ({@code Class.method}); the value is the
 * reason. Every key must name something the framework really has, so a stale entry fails the run.
 *
 * <p>SINT 4.5.0-beta5 disables a whole class when given {@code Class.method} in its disabled
 * tests, and honours single methods only in its enabled tests. A method entry is therefore
 * turned into an enabled-tests list: every catalogued test except the disabled ones.
 */
public final class SintExclusions {
    private static final Pattern SPECIFICATION = Pattern.compile("(?i)(XEP|RFC)[-\\s]?\\d+");

    private final SintCatalog catalog;
    private final Map<String, String> specifications;
    private final Map<String, String> classes;
    private final Map<String, String> methods;

    private SintExclusions(SintCatalog catalog, Map<String, String> specifications, Map<String, String> classes,
                           Map<String, String> methods) {
        this.catalog = catalog;
        this.specifications = Map.copyOf(specifications);
        this.classes = Map.copyOf(classes);
        this.methods = Map.copyOf(methods);
    }

    /** Nothing disabled. */
    public static SintExclusions none() {
        return new SintExclusions(SintCatalog.of(List.of()), Map.of(), Map.of(), Map.of());
    }

    /** Loads a list from the test class path, for example {@code /sint-disabled.properties}. */
    public static SintExclusions load(String resource, SintCatalog catalog) {
        InputStream in = SintExclusions.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no such resource: " + resource);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, catalog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a list, resolving class names to fully qualified ones and rejecting anything unknown. */
    public static SintExclusions parse(Reader reader, SintCatalog catalog) throws IOException {
        Properties entries = new Properties();
        entries.load(reader);
        Map<String, String> specifications = new TreeMap<>();
        Map<String, String> classes = new TreeMap<>();
        Map<String, String> methods = new TreeMap<>();
        for (String key : entries.stringPropertyNames()) {
            String reason = entries.getProperty(key).trim();
            if (reason.isEmpty()) {
                throw new IllegalArgumentException("disabled entry without a reason: " + key);
            }
            if (SPECIFICATION.matcher(key).matches()) {
                requireThat(catalog.hasSpecification(key), "no test class belongs to specification " + key);
                specifications.put(key, reason);
            } else if (isMethodReference(key)) {
                methods.put(resolveMethod(key, catalog), reason);
            } else {
                classes.put(resolveClass(key, catalog).type().getName(), reason);
            }
        }
        return new SintExclusions(catalog, specifications, classes, methods);
    }

    /** Disabled specifications, as SINT names them, with their reasons. */
    public Map<String, String> specifications() {
        return specifications;
    }

    /** Disabled classes by fully qualified name, with their reasons. */
    public Map<String, String> classes() {
        return classes;
    }

    /** Disabled single tests as {@code fully.qualified.Class.method}, with their reasons. */
    public Map<String, String> methods() {
        return methods;
    }

    /**
     * The tests to pass to SINT's {@code enabledTests}, or an empty list when no single method is
     * disabled (then SINT runs everything not disabled by class or specification).
     */
    List<String> enabledTests() {
        if (methods.isEmpty()) {
            return List.of();
        }
        List<String> enabled = new ArrayList<>();
        for (SintCatalog.TestClass testClass : catalog.classes()) {
            String className = testClass.type().getName();
            List<String> kept = testClass.testMethods().stream()
                    .filter(method -> !methods.containsKey(className + "." + method))
                    .toList();
            if (kept.size() == testClass.testMethods().size()) {
                enabled.add(className);
            } else {
                kept.forEach(method -> enabled.add(className + "." + method));
            }
        }
        return enabled;
    }

    /** Every entry with its reason, for the run's summary. */
    Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>(specifications);
        all.putAll(classes);
        all.putAll(methods);
        return all;
    }

    /** SINT's own rule: a trailing name part that starts in lower case is a method. */
    private static boolean isMethodReference(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        return !last.isEmpty() && Character.isLowerCase(last.charAt(0));
    }

    private static String resolveMethod(String key, SintCatalog catalog) {
        int dot = key.lastIndexOf('.');
        requireThat(dot > 0, "a test method needs its class: " + key);
        SintCatalog.TestClass testClass = resolveClass(key.substring(0, dot), catalog);
        String method = key.substring(dot + 1);
        requireThat(testClass.testMethods().contains(method),
                testClass.type().getSimpleName() + " has no test method " + method);
        return testClass.type().getName() + "." + method;
    }

    private static SintCatalog.TestClass resolveClass(String name, SintCatalog catalog) {
        return catalog.find(name)
                .orElseThrow(() -> new IllegalArgumentException("no SINT test class named " + name));
    }

    private static void requireThat(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
