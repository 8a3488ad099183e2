-- A subscription's state (XEP-0060 §4.2: 'pending' until a node owner approves it, for the
-- authorize access model) and its pubsub#deliver option (§6.3: false stops its notifications).
ALTER TABLE pubsub_subscription ADD COLUMN state VARCHAR(16) DEFAULT 'subscribed' NOT NULL;
ALTER TABLE pubsub_subscription ADD COLUMN deliver BOOLEAN DEFAULT TRUE NOT NULL;
