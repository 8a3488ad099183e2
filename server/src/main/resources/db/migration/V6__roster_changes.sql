-- Roster versioning with the changes since a version (RFC 6121 §2.6.3): each item carries the
-- version of its last change, and a removed item leaves its removal's version behind, so that a
-- client holding any version the server issued can be sent exactly the pushes it missed.
ALTER TABLE roster_item ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;

CREATE TABLE roster_removal (
    username VARCHAR(1023) NOT NULL,
    contact  VARCHAR(2047) NOT NULL,
    version  BIGINT        NOT NULL,
    CONSTRAINT pk_roster_removal PRIMARY KEY (username, contact)
);

-- The oldest version from which the changes are known: the rows before this migration carry no
-- versions, and a deleted account's roster is forgotten, so a client holding an older version
-- is sent the whole roster. The counter itself outlives the account, so that an account created
-- again under the same name never issues a version a client of the old one holds.
ALTER TABLE roster_version ADD COLUMN since BIGINT DEFAULT 0 NOT NULL;
UPDATE roster_version SET since = version;
