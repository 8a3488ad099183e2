-- The delivery journal (stream management, XEP-0198): messages from clients written before the
-- server acknowledges them and removed once they are safe elsewhere (acknowledged by the
-- recipient's client, stored offline, bounced). Rows left at start-up are what a crash
-- interrupted; they are stored offline then. The id is the server's, handed out in memory before
-- the batched write (seeded from the largest one here), so no identity column.
CREATE TABLE delivery_journal (
    id          BIGINT                   NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    stanza      TEXT                     NOT NULL,
    CONSTRAINT pk_delivery_journal PRIMARY KEY (id)
);
