-- XEP-0363 uploads: one row per stored file, named by the secret in its URL (the store keeps the
-- bytes under the same key). The owner's bytes are summed for the quota; rows older than the
-- retention period go, with their files. No foreign key to the account: the module deletes an
-- account's files and rows together when the account goes.
CREATE TABLE upload_file (
    id           CHAR(32)      NOT NULL,
    host         VARCHAR(1023) NOT NULL,
    username     VARCHAR(1023) NOT NULL,
    name         VARCHAR(1023) NOT NULL,
    content_type VARCHAR(255)  NOT NULL,
    size         BIGINT        NOT NULL,
    created      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_upload_file PRIMARY KEY (id)
);
CREATE INDEX ix_upload_file_owner ON upload_file (host, username);
CREATE INDEX ix_upload_file_created ON upload_file (created);
