package im.parley.config;

import im.parley.xmpp.Jid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The server's own configuration, read from one YAML file whose keys are all optional: see each
 * section record's {@code read} method for its keys, defaults and validation. Features' sections
 * are kept as {@link ModuleSections} for the features to read (see {@code im.parley.module.Feature}).
 *
 * @param hosts the hosted domains (virtual hosts), the first being the default for a stream
 *     whose header names none; {@code domain:} is the shorthand for a single one
 * @param modules the features' sections, with each host's own
 */
public record ParleyConfig(
        List<String> hosts,
        Path dataDir,
        List<String> admins,
        C2sConfig c2s,
        S2sConfig s2s,
        HttpConfig http,
        TlsConfig tls,
        LimitsConfig limits,
        StoreConfig store,
        ComponentsConfig components,
        LogLevel logLevel,
        ModuleSections modules) {

    public ParleyConfig {
        hosts = List.copyOf(hosts);
        admins = List.copyOf(admins);
    }

    /** The default host: the only one with {@code domain:}, the first of {@code hosts:}. */
    public String domain() {
        return hosts.getFirst();
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
        return new ParleyConfig(hosts, newDataDir, admins, c2s, s2s, http, tls, limits, store, components, logLevel, modules);
    }

    private static ParleyConfig read(ConfigSection s) {
        String domain = s.parsed("domain", null, "a domain name", ParleyConfig::domain);
        // Each host a domain name, or a domain with feature sections of its own: - example.net: {vcard: ...}
        List<ConfigSection.Named<String>> hostSections = s.namedSections("hosts", "domain names", ParleyConfig::domain);
        if (hostSections != null && hostSections.isEmpty()) {
            throw s.error("hosts", "an empty list serves no domain; name at least one, or leave 'hosts' out");
        }
        hostSections = hostSections == null ? List.of() : hostSections;
        List<String> hosts = hostSections.stream().map(ConfigSection.Named::name).toList();
        if (domain != null && !hosts.isEmpty()) {
            throw s.error("give either 'domain' (one host) or 'hosts' (several), not both");
        }
        if (Set.copyOf(hosts).size() != hosts.size()) {
            throw s.error("a domain is listed twice in 'hosts'");
        }
        Path dataDir = s.parsed("data-dir", Path.of("./data"), "a directory path", ParleyConfig::directory);
        List<String> admins = s.list("admins", List.of(), "bare JIDs (user@domain)", ParleyConfig::admin);
        C2sConfig c2s = s.section("c2s", C2sConfig::read);
        HttpConfig http = s.section("http", HttpConfig::read);
        TlsConfig tls = s.section("tls", TlsConfig::read);
        LimitsConfig limits = s.section("limits", LimitsConfig::read);
        if (c2s.maxQueuedBytes() < limits.maxStanzaBytes()) {
            // A stanza as large as the limit must fit in what may wait for a client, or delivering it cuts the client off.
            throw s.error("c2s.max-queued-bytes (" + c2s.maxQueuedBytes() + ") must be at least limits.max-stanza-bytes ("
                    + limits.maxStanzaBytes() + ")");
        }
        List<String> served = hosts.isEmpty() ? List.of(domain == null ? "localhost" : domain) : hosts;
        ComponentsConfig components = s.section("components", ComponentsConfig::read);
        for (ComponentsConfig.Component component : components.accept()) {
            if (served.contains(component.domain())) {
                throw s.error("components: " + component.domain() + " is a hosted domain; a component needs a domain of its own");
            }
        }
        return new ParleyConfig(
                served,
                dataDir,
                admins,
                c2s,
                s.section("s2s", S2sConfig::read),
                http,
                tls,
                limits,
                s.section("store", StoreConfig::read),
                components,
                s.choice("log-level", LogLevel.INFO),
                s.remaining().withHosts(hostSections));
    }

    /** A JID domainpart in its canonical (lower-case) form; JidFormatException is an IllegalArgumentException. */
    static String domain(String value) {
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
