-- E-mail campaigns (issue 17): staff e-mail every debtor with open debts (of one category,
-- or all) their notice, as a background job. One row per debtor per campaign: a debtor is
-- e-mailed at most once per campaign, across restarts too ('sending' is claimed before the
-- message goes; one found still 'sending' after a restart is reported, not sent again).
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    category TEXT REFERENCES debt_categories (code),
    state TEXT NOT NULL CHECK (state IN ('running', 'stopping', 'stopped', 'done')),
    actor TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    finished_at_ms BIGINT
);

CREATE TABLE campaign_recipients (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    afm TEXT NOT NULL,
    email TEXT,
    lang TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'no_email')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_at_ms BIGINT NOT NULL,
    lease_until_ms BIGINT,
    notice_id TEXT REFERENCES notices (id),
    error TEXT,
    done_at_ms BIGINT,
    PRIMARY KEY (campaign_id, afm)
);
CREATE INDEX campaign_recipients_due ON campaign_recipients (campaign_id, state, next_at_ms);
