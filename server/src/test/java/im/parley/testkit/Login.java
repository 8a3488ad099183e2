package im.parley.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A client the {@link ParleyExtension} logs in for the test, written {@code "user/resource"}
 * (password {@code user-pw}): an instance field before each test, a static one before all of
 * them (with the extension in a static field). The field is a {@link RecordingClient} or Smack's
 * {@code XMPPTCPConnection} (the recording client's connection). Fields are logged in in the order
 * they are declared.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Login {
    String value();
}
