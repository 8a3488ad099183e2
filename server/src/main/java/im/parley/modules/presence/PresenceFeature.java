package im.parley.modules.presence;

import im.parley.module.Declared;
import im.parley.modules.roster.Roster;
import java.util.List;

/** Presence (RFC 6121 §4); needs the roster. Section {@code presence:}. */
public final class PresenceFeature extends Declared<Void> {
    public PresenceFeature() {
        super("presence", services -> {
            return new PresenceModule(services.require(Roster.class), services.keyValueStore("last_presence"),
                    services.accounts(), services.clock());
        });
    }

    /** Only presence makes a session available, and only an available session takes messages. */
    @Override
    public boolean core() {
        return true;
    }

    @Override
    public List<String> requires() {
        return List.of("roster");
    }
}
