-- Archive items get the key their writer chose before writing them (XEP-0313 archive ids are
-- XEP-0359 stanza ids, stamped on a message before it is delivered, while its write is batched).
-- Rows written before this version keep their id as their key.
ALTER TABLE archive_store ADD COLUMN item_key VARCHAR(64);
UPDATE archive_store SET item_key = CAST(id AS VARCHAR(64));
ALTER TABLE archive_store ALTER COLUMN item_key SET NOT NULL;
CREATE UNIQUE INDEX ux_archive_store_key ON archive_store (host, username, store_name, item_key);

-- with_hash is from now on the hash of the bare JID an item was exchanged with (with_jid keeps the
-- JID as exchanged), so that a query by a bare JID also finds the items of its full JIDs (XEP-0313
-- §4.1.1) through ix_archive_store_with. No feature wrote to this table before this version.
