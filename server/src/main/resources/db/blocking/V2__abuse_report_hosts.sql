-- Each report names the host of its reporter and the domain of the reported address, so that an
-- administrator lists only the reports by or about the users of the host they administer. Rows of
-- V1 get them from their JIDs: the domain is what follows '@' (if any) before the first '/'.
ALTER TABLE abuse_report ADD COLUMN reporter_host VARCHAR(1023);
ALTER TABLE abuse_report ADD COLUMN reported_host VARCHAR(1023);

UPDATE abuse_report SET
    reporter_host = SUBSTRING(reporter FROM POSITION('@' IN reporter) + 1),
    reported_host = SUBSTRING(
        CASE WHEN POSITION('/' IN reported) > 0 THEN SUBSTRING(reported FROM 1 FOR POSITION('/' IN reported) - 1)
             ELSE reported END
        FROM POSITION('@' IN CASE WHEN POSITION('/' IN reported) > 0
                                  THEN SUBSTRING(reported FROM 1 FOR POSITION('/' IN reported) - 1)
                                  ELSE reported END) + 1);

ALTER TABLE abuse_report ALTER COLUMN reporter_host SET NOT NULL;
ALTER TABLE abuse_report ALTER COLUMN reported_host SET NOT NULL;

CREATE INDEX ix_abuse_report_reporter_host ON abuse_report (reporter_host, reported_at);
CREATE INDEX ix_abuse_report_reported_host ON abuse_report (reported_host, reported_at);
