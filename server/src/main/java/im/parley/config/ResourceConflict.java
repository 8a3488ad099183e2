package im.parley.config;

/**
 * What to do when a client binds a resource that another session of the same account already
 * holds (RFC 6120 §7.7.2.2).
 */
public enum ResourceConflict {
    /** Terminate the older session with a {@code conflict} stream error; the new one takes the resource. */
    REPLACE,
    /** Refuse the new bind with a {@code conflict} stanza error; the older session keeps the resource. */
    REFUSE
}
