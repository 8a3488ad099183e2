-- FAST tokens (XEP-0484), never the tokens themselves: token_hash is the base64 SHA-256 of the
-- token, which for a token longer than SHA-256's 64-byte block is also the key HMAC-SHA-256 uses
-- for it (RFC 2104 §2), so HT-SHA-256 can be checked from the hash alone. Two slots per client
-- (the XEP's implementation notes): the token in use ('current') and one issued but not used yet
-- ('next'). agent is the SASL2 user-agent id the tokens are bound to. No foreign key to account:
-- the module deletes a user's rows when the account is deleted or its password changed.
CREATE TABLE fast_token (
    host       VARCHAR(1023)            NOT NULL,
    username   VARCHAR(1023)            NOT NULL,
    agent      VARCHAR(64)              NOT NULL,
    slot       VARCHAR(7)               NOT NULL,
    token_hash VARCHAR(44)              NOT NULL,
    mechanism  VARCHAR(32)              NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_fast_token PRIMARY KEY (host, username, agent, slot),
    CONSTRAINT ck_fast_token_slot CHECK (slot IN ('current', 'next'))
);
