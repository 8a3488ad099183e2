package im.parley.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configuration overrides (YAML, merged key by key) for the server of one test, on top of those
 * of its {@link ParleyExtension}. Only for an extension in an instance field, which starts a
 * server per test; a class-wide server cannot change for one test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ServerConfig {
    String value();
}
