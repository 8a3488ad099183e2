-- RFC 6121 rosters and presence subscriptions, keyed by the user's host and local part and the
-- contact's SHA-256 (a bare JID can be 2,047 bytes, too long for PostgreSQL's index rows beside the
-- user's key). No foreign key to account: when an account is deleted its roster is read once more
-- (to unsubscribe its contacts) before it is removed.

-- One row per contact in a user's roster (§2.1). subscription is none/to/from/both; ask is the
-- "pending out" state (§3.1.2); approved is a pre-approval given before any request (§3.4);
-- version is the roster version its last change gave (§2.6.3: the changes since a version).
CREATE TABLE roster_item (
    host         VARCHAR(1023) NOT NULL,
    username     VARCHAR(1023) NOT NULL,
    contact_hash CHAR(43)      NOT NULL,
    contact      VARCHAR(2047) NOT NULL,
    name         VARCHAR(1023),
    subscription VARCHAR(4)    NOT NULL,
    ask          BOOLEAN       NOT NULL,
    approved     BOOLEAN       NOT NULL,
    version      BIGINT        NOT NULL,
    CONSTRAINT pk_roster_item PRIMARY KEY (host, username, contact_hash)
);

-- An item's groups; a set per item (the server never stores a group twice for one item).
CREATE TABLE roster_group (
    host         VARCHAR(1023) NOT NULL,
    username     VARCHAR(1023) NOT NULL,
    contact_hash CHAR(43)      NOT NULL,
    group_name   VARCHAR(1023) NOT NULL,
    CONSTRAINT fk_roster_group_item FOREIGN KEY (host, username, contact_hash)
        REFERENCES roster_item (host, username, contact_hash) ON DELETE CASCADE
);

CREATE INDEX ix_roster_group_item ON roster_group (host, username, contact_hash);

-- A removed item leaves the version of its removal behind, so that a client holding any version
-- the server issued can be sent exactly the pushes it missed (§2.6.3).
CREATE TABLE roster_removal (
    host         VARCHAR(1023) NOT NULL,
    username     VARCHAR(1023) NOT NULL,
    contact_hash CHAR(43)      NOT NULL,
    contact      VARCHAR(2047) NOT NULL,
    version      BIGINT        NOT NULL,
    CONSTRAINT pk_roster_removal PRIMARY KEY (host, username, contact_hash)
);

-- The roster version (§2.6): a counter raised by every change of the user's roster, and since, the
-- oldest version from which the changes are known (a deleted account's roster is forgotten, so a
-- client holding an older version is sent the whole roster). The counter outlives the account, so
-- that an account created again under the same name never issues a version a client of the old one
-- holds.
CREATE TABLE roster_version (
    host     VARCHAR(1023) NOT NULL,
    username VARCHAR(1023) NOT NULL,
    version  BIGINT        NOT NULL,
    since    BIGINT        NOT NULL,
    CONSTRAINT pk_roster_version PRIMARY KEY (host, username)
);

-- Inbound subscription requests not answered yet (the "pending in" state, §3.1.3): the request
-- stanza as XML, delivered again at each login until the user approves or denies it.
CREATE TABLE subscription_request (
    host         VARCHAR(1023) NOT NULL,
    username     VARCHAR(1023) NOT NULL,
    contact_hash CHAR(43)      NOT NULL,
    contact      VARCHAR(2047) NOT NULL,
    stanza       TEXT          NOT NULL,
    CONSTRAINT pk_subscription_request PRIMARY KEY (host, username, contact_hash)
);
