package im.parley.session;

/**
 * Names a piece of per-session state a module keeps on a {@link Session} (e.g. "has requested
 * the roster"), typed so that readers get back what writers put.
 */
public final class SessionKey<T> {
    private final String name;

    public SessionKey(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
