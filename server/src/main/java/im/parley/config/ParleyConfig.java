package im.parley.config;

import im.parley.modules.caps.CapsConfig;
import im.parley.modules.offline.OfflineConfig;
import im.parley.modules.privacy.PrivacyConfig;
import im.parley.modules.privatexml.PrivateXmlConfig;
import im.parley.modules.roster.RosterConfig;
import im.parley.modules.search.SearchConfig;
import im.parley.modules.vcard.VCardConfig;
import im.parley.xmpp.Jid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The whole server configuration, read from one YAML file whose keys are all optional: see
 * each section record's {@code read} method for its keys, defaults and validation.
 */
public record ParleyConfig(
        String domain,
        Path dataDir,
        List<String> admins,
        C2sConfig c2s,
        TlsConfig tls,
        LimitsConfig limits,
        RegistrationConfig registration,
        StoreConfig store,
        LogLevel logLevel,
        RosterConfig roster,
        OfflineConfig offline,
        PrivacyConfig privacy,
        VCardConfig vcard,
        SearchConfig search,
        PrivateXmlConfig privateStorage,
        CapsConfig caps) {

    public ParleyConfig {
        admins = List.copyOf(admins);
    }

    /** The configuration of an empty file. */
    public static ParleyConfig defaults() {
        return parse("", "defaults");
    }

    /** Reads and validates a configuration file; throws {@link ConfigException} naming the bad key. */
    public static ParleyConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(yaml, file.toString());
    }

    /** Parses and validates configuration text; {@code sourceName} is how error messages name it. */
    public static ParleyConfig parse(String yaml, String sourceName) {
        LoadSettings settings = LoadSettings.builder().setLabel(sourceName).setSchema(new CoreSchema()).build();
        Node root;
        try {
            root = new Compose(settings).composeString(yaml).orElse(null);
        } catch (YamlEngineException e) {
            throw new ConfigException(sourceName + " is not valid YAML: " + e.getMessage(), e);
        }
        return ConfigSection.readDocument(root, sourceName, ParleyConfig::read);
    }

    /** The same configuration with another data directory (the command line's {@code --data}). */
    public ParleyConfig withDataDir(Path newDataDir) {
        return new ParleyConfig(domain, newDataDir, admins, c2s, tls, limits, registration, store, logLevel,
                roster, offline, privacy, vcard, search, privateStorage, caps);
    }

    private static ParleyConfig read(ConfigSection s) {
        return new ParleyConfig(
                s.parsed("domain", "localhost", "a domain name", ParleyConfig::domain),
                s.parsed("data-dir", Path.of("./data"), "a directory path", ParleyConfig::directory),
                s.list("admins", List.of(), "bare JIDs (user@domain)", ParleyConfig::admin),
                s.section("c2s", C2sConfig::read),
                s.section("tls", TlsConfig::read),
                s.section("limits", LimitsConfig::read),
                s.section("registration", RegistrationConfig::read),
                s.section("store", StoreConfig::read),
                s.choice("log-level", LogLevel.INFO),
                s.section("roster", RosterConfig::read),
                s.section("offline", OfflineConfig::read),
                s.section("privacy", PrivacyConfig::read),
                s.section("vcard", VCardConfig::read),
                s.section("search", SearchConfig::read),
                s.section("private-storage", PrivateXmlConfig::read),
                s.section("caps", CapsConfig::read));
    }

    /** A JID domainpart in its canonical (lower-case) form; JidFormatException is an IllegalArgumentException. */
    private static String domain(String value) {
        Jid jid = Jid.parse(value);
        if (!jid.isDomain()) {
            throw new IllegalArgumentException("a domain has no '@' or '/'");
        }
        return jid.domain();
    }

    private static String admin(String value) {
        Jid jid = Jid.parse(value);
        if (jid.local() == null || !jid.isBare()) {
            throw new IllegalArgumentException("not a bare JID");
        }
        return jid.toString();
    }

    private static Path directory(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        return Path.of(value);
    }
}
