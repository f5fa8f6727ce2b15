-- Sổ đăng ký văn bản đi, number counters, issued files, certificates.
CREATE TABLE counters (
    agency text NOT NULL,
    series text NOT NULL,
    year   integer NOT NULL,
    last   integer NOT NULL,
    PRIMARY KEY (agency, series, year)
);

CREATE TABLE records (
    id            uuid PRIMARY KEY,
    agency        text NOT NULL,
    series        text NOT NULL,
    year          integer NOT NULL,
    number        integer NOT NULL CHECK (number > 0),
    number_text   text NOT NULL,
    symbol        text NOT NULL,
    kind          text NOT NULL,
    kind_name     text NOT NULL,
    doc_date      date NOT NULL,
    summary       text NOT NULL,
    signer        text NOT NULL,
    recipients    text NOT NULL,
    archive       text NOT NULL,
    copies        integer NOT NULL,
    note          text NOT NULL,
    status        text NOT NULL CHECK (status IN ('issued', 'registered', 'cancelled')),
    cancel_reason text NOT NULL DEFAULT '',
    cancelled_at  timestamptz,
    created_at    timestamptz NOT NULL,
    search        text NOT NULL,
    UNIQUE (agency, year, series, number),
    UNIQUE (agency, year, number, symbol)
);

CREATE INDEX records_kind ON records (agency, year, kind);

CREATE TABLE record_files (
    record_id    uuid NOT NULL REFERENCES records (id),
    idx          integer NOT NULL,
    name         text NOT NULL,
    content_type text NOT NULL,
    sha256       text NOT NULL,
    size         bigint NOT NULL,
    storage_key  text NOT NULL,
    PRIMARY KEY (record_id, idx)
);

CREATE INDEX record_files_sha256 ON record_files (sha256);

CREATE TABLE certificates (
    id              uuid PRIMARY KEY,
    agency          text NOT NULL,
    decision_ref    text NOT NULL,
    decision_date   date NOT NULL,
    decision_issuer text NOT NULL,
    recipient_name  text NOT NULL,
    recipient_unit  text NOT NULL,
    kind            text NOT NULL,
    award_form      text NOT NULL,
    golden_book     integer NOT NULL,
    issued_at       timestamptz NOT NULL
);

CREATE INDEX certificates_decision ON certificates (agency, decision_ref);
