package im.parley.bench.provision;

import im.parley.bench.client.Target;
import im.parley.bench.scenario.ContactRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the ring's rosters in Prosody's "internal" storage (0.12): one Lua file per user,
 * {@code DATA/<host>/roster/<user>.dat}, in the layout Prosody itself writes (checked against a
 * roster it built in band). Prosody reads them from its data directory; ejabberd imports the
 * same files ({@code ejabberdctl import_prosody}). Every file is replaced, so a user's roster
 * is exactly its ring contacts, empty for a ring without contacts.
 */
public final class ProsodyRosters {
    private ProsodyRosters() {
    }

    /** Writes user1..userN's roster files under {@code dataDir}; returns the directory they are in. */
    public static Path write(Path dataDir, String domain, ContactRing ring) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve(encode(domain)).resolve("roster"));
        for (int user = 1; user <= ring.users(); user++) {
            Files.writeString(dir.resolve(encode(Target.username(user)) + ".dat"), roster(domain, ring, user),
                    StandardCharsets.UTF_8);
        }
        return dir;
    }

    /**
     * One user's roster as a Lua table: the {@code [false]} entry is Prosody's roster metadata
     * (version, pending inbound requests), then one entry per contact's bare JID. Bench JIDs
     * (userN@domain) hold no character a Lua string would need escaped.
     */
    static String roster(String domain, ContactRing ring, int user) {
        StringBuilder lua = new StringBuilder("return {\n\t[false] = {\n\t\t[\"pending\"] = {};\n"
                + "\t\t[\"version\"] = 1;\n\t};\n");
        for (int k = 0; k < ring.contacts(); k++) {
            lua.append("\t[\"").append(Target.username(ring.contact(user, k))).append('@').append(domain)
                    .append("\"] = {\n\t\t[\"groups\"] = {};\n\t\t[\"subscription\"] = \"both\";\n\t};\n");
        }
        return lua.append("};\n").toString();
    }

    /** Prosody's datamanager file-name encoding: every byte but ASCII letters and digits becomes %xx. */
    static String encode(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(String.format("%02x", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
