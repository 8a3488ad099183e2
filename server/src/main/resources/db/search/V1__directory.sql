-- Users who chose to appear in directory searches (XEP-0055); everyone else is unlisted. Searches
-- read the listed users' vCards (the vcard feature's table). Gone with the account.
CREATE TABLE directory_listing (
    host     VARCHAR(1023) NOT NULL,
    username VARCHAR(1023) NOT NULL,
    CONSTRAINT pk_directory_listing PRIMARY KEY (host, username),
    CONSTRAINT fk_directory_listing_account FOREIGN KEY (host, username) REFERENCES account (host, username) ON DELETE CASCADE
);
