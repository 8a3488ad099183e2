package im.parley.modules.upload;

import im.parley.store.Jdbc;
import im.parley.xmpp.Jid;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored files: their bytes in the {@link FileStore}, their rows in table {@code upload_file}
 * (db/upload), which say what a GET serves and what counts for quotas and expiry.
 */
final class UploadedFiles {
    private static final String COLUMNS = "id, host, username, name, content_type, size, created";
    private static final String OWNER = "host = ? AND username = ?";

    private static final Logger log = LoggerFactory.getLogger(UploadedFiles.class);

    private final Jdbc jdbc;
    private final FileStore store;

    UploadedFiles(Jdbc jdbc, FileStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    FileStore store() {
        return store;
    }

    void add(StoredFile file) {
        jdbc.update("INSERT INTO upload_file (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", file.id(),
                file.owner().domain(), file.owner().local(), file.name(), file.contentType(), file.size(), file.created());
    }

    /** The file of this id, or null. */
    StoredFile find(String id) {
        List<StoredFile> found = jdbc.query("SELECT " + COLUMNS + " FROM upload_file WHERE id = ?", UploadedFiles::file, id);
        return found.isEmpty() ? null : found.getFirst();
    }

    /** The bytes the owner keeps stored. */
    long bytesOf(Jid owner) {
        return jdbc.query("SELECT COALESCE(SUM(size), 0) FROM upload_file WHERE " + OWNER, row -> row.getLong(1),
                owner.domain(), owner.local()).getFirst();
    }

    /** When the owner's oldest file was stored, or null when it has none. */
    Instant oldestOf(Jid owner) {
        return jdbc.query("SELECT MIN(created) FROM upload_file WHERE " + OWNER, row -> Jdbc.instant(row, 1),
                owner.domain(), owner.local()).getFirst();
    }

    List<String> idsOf(Jid owner) {
        return jdbc.query("SELECT id FROM upload_file WHERE " + OWNER, row -> row.getString(1), owner.domain(),
                owner.local());
    }

    /** Up to {@code max} ids of files stored before {@code limit}, oldest first. */
    List<String> createdBefore(Instant limit, int max) {
        return jdbc.query("SELECT id FROM upload_file WHERE created < ? ORDER BY created FETCH FIRST ? ROWS ONLY",
                row -> row.getString(1), limit, max);
    }

    /** Removes a file (expired, its owner gone, or its upload failed): the bytes, then the row. */
    void delete(String id) {
        try {
            store.delete(id);
        } catch (IOException e) {
            log.warn("Could not delete upload {}: {}", id, e.toString());
        }
        jdbc.update("DELETE FROM upload_file WHERE id = ?", id);
    }

    private static StoredFile file(ResultSet row) throws SQLException {
        return new StoredFile(row.getString(1), Jid.of(row.getString(3), row.getString(2), null), row.getString(4),
                row.getString(5), row.getLong(6), Jdbc.instant(row, 7));
    }
}
