-- Per-user profile data: vCards (XEP-0054), the user directory opt-in (XEP-0055), private XML
-- storage (XEP-0049) and the last logout (XEP-0012). Every table references the account with
-- ON DELETE CASCADE, so deleting an account removes all of it in the same statement.

-- The vCard as XML text, plus what other features read from it without parsing: the SHA-1 of
-- the photo (XEP-0153 presence) and the searchable fields (XEP-0055), NULL when absent.
CREATE TABLE vcard (
    username   VARCHAR(1023) NOT NULL,
    xml        TEXT          NOT NULL,
    photo_hash VARCHAR(40),
    fn         VARCHAR(1023),
    given      VARCHAR(1023),
    family     VARCHAR(1023),
    nickname   VARCHAR(1023),
    email      VARCHAR(1023),
    CONSTRAINT pk_vcard PRIMARY KEY (username),
    CONSTRAINT fk_vcard_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
);

-- Users who chose to appear in directory searches; everyone else is unlisted.
CREATE TABLE directory_listing (
    username VARCHAR(1023) NOT NULL,
    CONSTRAINT pk_directory_listing PRIMARY KEY (username),
    CONSTRAINT fk_directory_listing_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
);

-- One stored fragment per (user, element name, namespace); xml holds all elements of that key,
-- size_bytes its UTF-8 length, so the per-user quota is summed without reading the XML.
CREATE TABLE private_xml (
    username   VARCHAR(1023) NOT NULL,
    namespace  VARCHAR(1023) NOT NULL,
    name       VARCHAR(255)  NOT NULL,
    xml        TEXT          NOT NULL,
    size_bytes INTEGER       NOT NULL,
    CONSTRAINT pk_private_xml PRIMARY KEY (username, namespace, name),
    CONSTRAINT fk_private_xml_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
);

-- When the user's last session ended (milliseconds since the epoch) and its unavailable status.
CREATE TABLE last_logout (
    username  VARCHAR(1023) NOT NULL,
    logout_at BIGINT        NOT NULL,
    status    VARCHAR(1023),
    CONSTRAINT pk_last_logout PRIMARY KEY (username),
    CONSTRAINT fk_last_logout_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
);
