-- RFC 6121 rosters and presence subscriptions. No foreign key to account: when an account is
-- deleted its roster is read once more (to unsubscribe its contacts) before it is removed.

-- One row per contact in a user's roster (§2.1). subscription is none/to/from/both; ask is the
-- "pending out" state (§3.1.2); approved is a pre-approval given before any request (§3.4).
CREATE TABLE roster_item (
    username     VARCHAR(1023) NOT NULL,
    contact      VARCHAR(2047) NOT NULL,
    name         VARCHAR(1023),
    subscription VARCHAR(4)    NOT NULL,
    ask          BOOLEAN       NOT NULL,
    approved     BOOLEAN       NOT NULL,
    CONSTRAINT pk_roster_item PRIMARY KEY (username, contact)
);

CREATE TABLE roster_group (
    username   VARCHAR(1023) NOT NULL,
    contact    VARCHAR(2047) NOT NULL,
    group_name VARCHAR(1023) NOT NULL,
    CONSTRAINT pk_roster_group PRIMARY KEY (username, contact, group_name),
    CONSTRAINT fk_roster_group_item FOREIGN KEY (username, contact)
        REFERENCES roster_item (username, contact) ON DELETE CASCADE
);

-- The roster version (§2.6): a counter raised by every change of the user's roster.
CREATE TABLE roster_version (
    username VARCHAR(1023) NOT NULL,
    version  BIGINT        NOT NULL,
    CONSTRAINT pk_roster_version PRIMARY KEY (username)
);

-- Inbound subscription requests not answered yet (the "pending in" state, §3.1.3): the request
-- stanza as XML, delivered again at each login until the user approves or denies it.
CREATE TABLE subscription_request (
    username VARCHAR(1023) NOT NULL,
    contact  VARCHAR(2047) NOT NULL,
    stanza   VARCHAR       NOT NULL,
    CONSTRAINT pk_subscription_request PRIMARY KEY (username, contact)
);

-- The presence a user's last resource went offline with (§4.3.2: the answer to a probe while the
-- user is offline), stamped with when it was sent (XEP-0203).
CREATE TABLE last_presence (
    username VARCHAR(1023) NOT NULL,
    stanza   VARCHAR       NOT NULL,
    sent_at  TIMESTAMP     NOT NULL,
    CONSTRAINT pk_last_presence PRIMARY KEY (username)
);
