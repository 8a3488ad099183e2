-- vCards (XEP-0054) as XML text, plus what other features read from them without parsing: the
-- SHA-1 of the photo (XEP-0153 presence) and the searchable fields (XEP-0055), NULL when absent.
-- Gone with the account.
CREATE TABLE vcard (
    host       VARCHAR(1023) NOT NULL,
    username   VARCHAR(1023) NOT NULL,
    xml        TEXT          NOT NULL,
    photo_hash VARCHAR(40),
    fn         VARCHAR(1023),
    given      VARCHAR(1023),
    family     VARCHAR(1023),
    nickname   VARCHAR(1023),
    email      VARCHAR(1023),
    CONSTRAINT pk_vcard PRIMARY KEY (host, username),
    CONSTRAINT fk_vcard_account FOREIGN KEY (host, username) REFERENCES account (host, username) ON DELETE CASCADE
);
