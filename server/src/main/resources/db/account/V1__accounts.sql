-- Accounts and their SCRAM credentials (RFC 5802), keyed by host and local part (virtual hosts).
-- Passwords are never stored: only the salted keys, one row per hash function. Binary values are
-- Base64 text so the SQL stays portable between H2 and PostgreSQL (which has no VARBINARY). A host
-- and a local part are at most 1023 bytes each (RFC 7622), so the key fits PostgreSQL's limit on
-- an index row (about 2,700 bytes).
CREATE TABLE account (
    host     VARCHAR(1023) NOT NULL,
    username VARCHAR(1023) NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (host, username)
);

CREATE TABLE scram_credential (
    host       VARCHAR(1023) NOT NULL,
    username   VARCHAR(1023) NOT NULL,
    hash       VARCHAR(16)   NOT NULL,
    salt       VARCHAR(512)  NOT NULL,
    iterations INTEGER       NOT NULL,
    stored_key VARCHAR(128)  NOT NULL,
    server_key VARCHAR(128)  NOT NULL,
    CONSTRAINT pk_scram_credential PRIMARY KEY (host, username, hash),
    CONSTRAINT fk_scram_credential_account FOREIGN KEY (host, username)
        REFERENCES account (host, username) ON DELETE CASCADE
);
