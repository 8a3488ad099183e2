package im.parley.router;

/** Whether a local account exists; the router asks before answering for an offline user. May block. */
@FunctionalInterface
public interface LocalUsers {
    boolean exists(String localpart);
}
