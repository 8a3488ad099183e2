package im.parley.modules.upload;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where uploaded bytes live, under keys the module makes (the secret of a file's URL; letters,
 * digits, '-' and '_' only). The protocol code sees only this, so a store of another kind (an
 * S3-compatible bucket) can replace {@link DirectoryStore} without touching it. Called on virtual
 * threads: methods may block.
 */
public interface FileStore {
    /**
     * Stores exactly {@code size} bytes read from {@code body} under {@code key}, visible to
     * {@link #read} only once complete; fails (keeping nothing) when the body is shorter or longer.
     */
    void write(String key, InputStream body, long size) throws IOException;

    /** The stored bytes, or null when the key holds nothing. */
    InputStream read(String key) throws IOException;

    /** Removes what the key holds, if anything. */
    void delete(String key) throws IOException;
}
