-- Sổ đăng ký văn bản đi, number counters, issued files, certificates.
CREATE TABLE counters (
    agency TEXT NOT NULL,
    series TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (agency, series, year)
);

CREATE TABLE records (
    id            TEXT PRIMARY KEY,
    agency        TEXT NOT NULL,
    series        TEXT NOT NULL,
    year          INTEGER NOT NULL,
    number        INTEGER NOT NULL CHECK (number > 0),
    number_text   TEXT NOT NULL,
    symbol        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    kind_name     TEXT NOT NULL,
    doc_date      TEXT NOT NULL,
    summary       TEXT NOT NULL,
    signer        TEXT NOT NULL,
    recipients    TEXT NOT NULL,
    archive       TEXT NOT NULL,
    copies        INTEGER NOT NULL,
    note          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('issued', 'registered', 'cancelled')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    cancelled_at  TEXT,
    created_at    TEXT NOT NULL,
    search        TEXT NOT NULL,
    UNIQUE (agency, year, series, number),
    UNIQUE (agency, year, number, symbol)
);

CREATE INDEX records_kind ON records (agency, year, kind);

CREATE TABLE record_files (
    record_id    TEXT NOT NULL REFERENCES records (id),
    idx          INTEGER NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    size         INTEGER NOT NULL,
    storage_key  TEXT NOT NULL,
    PRIMARY KEY (record_id, idx)
);

CREATE INDEX record_files_sha256 ON record_files (sha256);

CREATE TABLE certificates (
    id              TEXT PRIMARY KEY,
    agency          TEXT NOT NULL,
    decision_ref    TEXT NOT NULL,
    decision_date   TEXT NOT NULL,
    decision_issuer TEXT NOT NULL,
    recipient_name  TEXT NOT NULL,
    recipient_unit  TEXT NOT NULL,
    kind            TEXT NOT NULL,
    award_form      TEXT NOT NULL,
    golden_book     INTEGER NOT NULL,
    issued_at       TEXT NOT NULL
);

CREATE INDEX certificates_decision ON certificates (agency, decision_ref);
