package im.parley.modules.upload;

import im.parley.xmpp.Jid;
import java.time.Instant;

/** An uploaded file: the secret of its URL (its key in the {@link FileStore}), its owner and what it is. */
record StoredFile(String id, Jid owner, String name, String contentType, long size, Instant created) {
}
