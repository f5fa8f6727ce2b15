-- Issue 11: agency profiles, drafts with versions, campaigns and their
-- nominations; the input each issued document came from; certificates linked
-- to the decision record they were printed from (reprints reuse them).
CREATE TABLE record_inputs (
    record_id TEXT PRIMARY KEY REFERENCES records (id),
    input     TEXT NOT NULL
);

ALTER TABLE certificates ADD COLUMN record_id TEXT;
CREATE INDEX certificates_record ON certificates (record_id, golden_book);

CREATE TABLE profiles (
    id         TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    search     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE drafts (
    id          TEXT PRIMARY KEY,
    agency      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    campaign_id TEXT,
    version     INTEGER NOT NULL,
    record_id   TEXT,
    search      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX drafts_agency ON drafts (agency, updated_at);

CREATE TABLE draft_versions (
    draft_id   TEXT NOT NULL REFERENCES drafts (id),
    version    INTEGER NOT NULL,
    input      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (draft_id, version)
);

CREATE TABLE campaigns (
    id         TEXT PRIMARY KEY,
    agency     TEXT NOT NULL,
    year       INTEGER NOT NULL,
    body       TEXT NOT NULL,
    search     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX campaigns_agency ON campaigns (agency, year);

CREATE TABLE nominations (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    seq         INTEGER NOT NULL,
    file        TEXT NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX nominations_campaign ON nominations (campaign_id, seq);
