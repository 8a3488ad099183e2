-- Archive retention deletes a host's items older than a limit in small batches
-- (ArchiveStore.deleteBefore): this index finds them without scanning every owner's items.
CREATE INDEX ix_archive_store_age ON archive_store (store_name, host, stamped_at);
