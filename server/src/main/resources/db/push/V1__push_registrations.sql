-- XEP-0357 push registrations: the app servers' publish-subscribe services (and nodes) a user's
-- clients asked the server to notify, with the publish options sent back with each push (a data
-- form as XML, or null). Keyed by the SHA-256 of service and node (a JID can be 3,071 bytes, a
-- node is any string). Gone with the account.
CREATE TABLE push_registration (
    host            VARCHAR(1023) NOT NULL,
    username        VARCHAR(1023) NOT NULL,
    target_hash     CHAR(43)      NOT NULL,
    service         VARCHAR(3071) NOT NULL,
    node            TEXT          NOT NULL,
    publish_options TEXT,
    CONSTRAINT pk_push_registration PRIMARY KEY (host, username, target_hash),
    CONSTRAINT fk_push_registration_account FOREIGN KEY (host, username) REFERENCES account (host, username) ON DELETE CASCADE
);
