-- Persistent chat rooms (XEP-0045 §10.2 muc#roomconfig_persistentroom): what survives a restart is
-- the configuration and the affiliation lists; occupants, subject and history live in memory.
-- A room is keyed by its service domain (conference.<host>) and its local part.

-- config is the room's muc#roomconfig form as XML (the admin and owner lists left out: they are rows
-- of muc_affiliation), so a field added later reads its default for rooms stored before it.
-- occupant_id_key is the room's random key for occupant ids (XEP-0421, base64url), kept so they stay stable.
CREATE TABLE muc_room (
    service         VARCHAR(1023) NOT NULL,
    name            VARCHAR(1023) NOT NULL,
    creator         VARCHAR(3071) NOT NULL,
    config          TEXT          NOT NULL,
    occupant_id_key VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_muc_room PRIMARY KEY (service, name)
);

-- Affiliations other than none (§5.2): owner, admin, member or outcast, by bare JID.
CREATE TABLE muc_affiliation (
    service     VARCHAR(1023) NOT NULL,
    name        VARCHAR(1023) NOT NULL,
    jid         VARCHAR(3071) NOT NULL,
    affiliation VARCHAR(7)    NOT NULL,
    CONSTRAINT fk_muc_affiliation_room FOREIGN KEY (service, name) REFERENCES muc_room (service, name) ON DELETE CASCADE
);

CREATE INDEX ix_muc_affiliation_room ON muc_affiliation (service, name);
