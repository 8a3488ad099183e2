-- Accounts and their SCRAM credentials (RFC 5802). Passwords are never stored: only the salted
-- keys, one row per hash function. Binary values are Base64 text so the SQL stays portable
-- between H2 and PostgreSQL (which has no VARBINARY).
CREATE TABLE account (
    username VARCHAR(1023) NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (username)
);

CREATE TABLE scram_credential (
    username   VARCHAR(1023) NOT NULL,
    hash       VARCHAR(16)   NOT NULL,
    salt       VARCHAR(512)  NOT NULL,
    iterations INTEGER       NOT NULL,
    stored_key VARCHAR(128)  NOT NULL,
    server_key VARCHAR(128)  NOT NULL,
    CONSTRAINT pk_scram_credential PRIMARY KEY (username, hash),
    CONSTRAINT fk_scram_credential_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
);
