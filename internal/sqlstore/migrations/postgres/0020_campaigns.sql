-- Issue 11: agency profiles, drafts with versions, campaigns and their
-- nominations; the input each issued document came from; certificates linked
-- to the decision record they were printed from (reprints reuse them).
CREATE TABLE record_inputs (
    record_id uuid PRIMARY KEY REFERENCES records (id),
    input     text NOT NULL
);

ALTER TABLE certificates ADD COLUMN record_id uuid;
CREATE INDEX certificates_record ON certificates (record_id, golden_book);

CREATE TABLE profiles (
    id         text PRIMARY KEY,
    body       text NOT NULL,
    search     text NOT NULL,
    updated_at text NOT NULL
);

CREATE TABLE drafts (
    id          text PRIMARY KEY,
    agency      text NOT NULL,
    kind        text NOT NULL,
    title       text NOT NULL,
    campaign_id text,
    version     integer NOT NULL,
    record_id   text,
    search      text NOT NULL,
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    deleted_at  text
);
CREATE INDEX drafts_agency ON drafts (agency, updated_at);

CREATE TABLE draft_versions (
    draft_id   text NOT NULL REFERENCES drafts (id),
    version    integer NOT NULL,
    input      text NOT NULL,
    created_at text NOT NULL,
    PRIMARY KEY (draft_id, version)
);

CREATE TABLE campaigns (
    id         text PRIMARY KEY,
    agency     text NOT NULL,
    year       integer NOT NULL,
    body       text NOT NULL,
    search     text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    deleted_at text
);
CREATE INDEX campaigns_agency ON campaigns (agency, year);

CREATE TABLE nominations (
    id          text PRIMARY KEY,
    campaign_id text NOT NULL REFERENCES campaigns (id),
    seq         integer NOT NULL,
    file        text NOT NULL,
    body        text NOT NULL
);
CREATE INDEX nominations_campaign ON nominations (campaign_id, seq);
