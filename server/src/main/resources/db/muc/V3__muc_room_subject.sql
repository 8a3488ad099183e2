-- A persistent room's subject (XEP-0045 §8.1): the last subject change as the room sends it on
-- entering (the message from room/nick with its <subject/>, XML); null when never set.
ALTER TABLE muc_room ADD COLUMN subject TEXT;
