package im.parley.module;

/** A disco identity (XEP-0030 §3.1): category, type and an optional human-readable name. */
public record Identity(String category, String type, String name) {
}
