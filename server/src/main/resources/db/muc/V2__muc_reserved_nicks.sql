-- Reserved nicks (XEP-0045 §7.10, registering with a room): an affiliated user's registered nick in
-- the room, which no one else may enter with; null when the user registered none.
ALTER TABLE muc_affiliation ADD COLUMN nick VARCHAR(1023);
