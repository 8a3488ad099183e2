package im.parley.it.sint;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.igniterealtime.smack.inttest.AbstractSmackIntTest;
import org.igniterealtime.smack.inttest.AbstractSmackIntegrationTest;
import org.igniterealtime.smack.inttest.AbstractSmackLowLevelIntegrationTest;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.annotations.SmackIntegrationTest;
import org.igniterealtime.smack.inttest.annotations.SpecificationReference;
import org.reflections.Reflections;
import org.reflections.scanners.SubTypesScanner;

/**
 * The test classes the framework will find on the class path, with the specification each
 * belongs to. The disabled list is checked against it, so that a misspelt or stale entry is an
 * error instead of silently disabling nothing.
 */
public final class SintCatalog {
    /** The packages SINT scans when no test package is configured. */
    private static final String[] SINT_PACKAGES = {
        "org.jivesoftware.smack", "org.jivesoftware.smackx", "org.igniterealtime.smack", "org.igniterealtime.smackx",
    };
    /** SINT's own unit-test fixtures live here and are skipped by the framework too. */
    private static final String FRAMEWORK_UNIT_TESTS = "org.igniterealtime.smack.inttest.unittest";

    /** One test class: its test method names and the document of its {@link SpecificationReference}, or null. */
    public record TestClass(Class<? extends AbstractSmackIntTest> type, String specification, List<String> testMethods) {
    }

    private final List<TestClass> classes;

    private SintCatalog(List<TestClass> classes) {
        this.classes = List.copyOf(classes);
    }

    /** A catalog of the given classes only. */
    static SintCatalog of(List<TestClass> classes) {
        return new SintCatalog(classes);
    }

    /** Scans the class path the way the framework does. */
    public static SintCatalog discover() {
        Object[] packagesAndScanner = Stream.concat(Stream.of((Object[]) SINT_PACKAGES), Stream.of(new SubTypesScanner()))
                .toArray();
        Reflections reflections = new Reflections(packagesAndScanner);
        List<TestClass> found = new ArrayList<>();
        Stream.concat(reflections.getSubTypesOf(AbstractSmackIntegrationTest.class).stream(),
                        reflections.getSubTypesOf(AbstractSmackLowLevelIntegrationTest.class).stream())
                .filter(type -> !Modifier.isAbstract(type.getModifiers()))
                .filter(type -> !type.getName().startsWith(FRAMEWORK_UNIT_TESTS))
                .sorted(Comparator.comparing(Class::getName))
                .forEach(type -> found.add(describe(type)));
        return new SintCatalog(found);
    }

    public List<TestClass> classes() {
        return classes;
    }

    /** Finds a class by its simple or fully qualified name, as SINT's own test lists do. */
    public Optional<TestClass> find(String name) {
        return classes.stream()
                .filter(c -> c.type().getName().equals(name) || c.type().getSimpleName().equals(name))
                .findFirst();
    }

    /** Whether some class belongs to the specification, compared as SINT compares them ("XEP-0045" = "xep0045"). */
    public boolean hasSpecification(String specification) {
        String wanted = Configuration.normalizeSpecification(specification);
        return classes.stream()
                .anyMatch(c -> c.specification() != null
                        && Configuration.normalizeSpecification(c.specification()).equals(wanted));
    }

    private static TestClass describe(Class<? extends AbstractSmackIntTest> type) {
        // Like the framework: public test methods, inherited ones included, specification from the declaring class.
        List<Method> tests = Stream.of(type.getMethods())
                .filter(m -> m.isAnnotationPresent(SmackIntegrationTest.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
        String specification = tests.stream()
                .map(m -> m.getDeclaringClass().getAnnotation(SpecificationReference.class))
                .filter(r -> r != null && !r.document().isBlank())
                .map(r -> r.document().trim())
                .findFirst()
                .orElse(null);
        return new TestClass(type, specification, tests.stream().map(Method::getName).toList());
    }
}
