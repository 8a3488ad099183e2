package im.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigYamlTest {
    private static final String DEFAULTS = """
            domain: localhost
            c2s:
              port: 0
              require-tls: true
            """;

    @Test
    void anOverrideChangesOneKeyOfASectionAndKeepsTheOthers() {
        assertThat(ConfigYaml.merge(DEFAULTS, "c2s:\n  require-tls: false\n", "admins: [a@localhost]\n"))
                .isEqualTo("""
                        domain: localhost
                        c2s:
                          port: 0
                          require-tls: false
                        admins:
                        - a@localhost
                        """);
    }

    @Test
    void aNullRemovesTheKeyAndALaterOverrideWins() {
        assertThat(ConfigYaml.merge(DEFAULTS, "domain: ~\nhosts: [one.example]\n", "hosts: [two.example]\n"))
                .isEqualTo("""
                        c2s:
                          port: 0
                          require-tls: true
                        hosts:
                        - two.example
                        """);
    }
}
