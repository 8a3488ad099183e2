-- XEP-0191 blocklists: one row per blocked address, which may be a full JID, a bare JID, a
-- domain/resource or a domain (the item forms of XEP-0191 §5), keyed by its SHA-256 (a full JID
-- can be 3,071 bytes). Gone with the account.
CREATE TABLE blocked_jid (
    host     VARCHAR(1023) NOT NULL,
    username VARCHAR(1023) NOT NULL,
    jid_hash CHAR(43)      NOT NULL,
    jid      VARCHAR(3071) NOT NULL,
    CONSTRAINT pk_blocked_jid PRIMARY KEY (host, username, jid_hash),
    CONSTRAINT fk_blocked_jid_account FOREIGN KEY (host, username) REFERENCES account (host, username) ON DELETE CASCADE
);

-- XEP-0377 reports sent with a block, kept for the administrators. Not tied to the accounts:
-- a report stays evidence after the reporter or the reported user is deleted.
CREATE TABLE abuse_report (
    id          VARCHAR(36)   NOT NULL,
    reporter    VARCHAR(3071) NOT NULL,
    reported    VARCHAR(3071) NOT NULL,
    reason      VARCHAR(1023) NOT NULL,
    report_text VARCHAR(4000),
    reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_abuse_report PRIMARY KEY (id)
);

CREATE INDEX ix_abuse_report_reported_at ON abuse_report (reported_at);

-- The archived messages a report points at (XEP-0359 stanza-id, 'by' the archive that assigned it).
CREATE TABLE abuse_report_stanza (
    report_id VARCHAR(36)   NOT NULL,
    position  INTEGER       NOT NULL,
    stanza_id VARCHAR(1023) NOT NULL,
    by_jid    VARCHAR(3071) NOT NULL,
    CONSTRAINT pk_abuse_report_stanza PRIMARY KEY (report_id, position),
    CONSTRAINT fk_abuse_report_stanza_report FOREIGN KEY (report_id) REFERENCES abuse_report (id) ON DELETE CASCADE
);
