-- Issue 10 item 17: with PostgreSQL the issued files live in the database, so
-- that every instance serves what another issued, whatever its data
-- directory holds. Content-addressed (one row per SHA-256, kept once) and
-- cut into chunks of at most 256 KiB, read one at a time.
CREATE TABLE blobs (
    sha256     text PRIMARY KEY,
    size       bigint NOT NULL CHECK (size >= 0),
    chunks     integer NOT NULL CHECK (chunks >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE blob_chunks (
    sha256 text NOT NULL REFERENCES blobs (sha256),
    seq    integer NOT NULL,
    data   bytea NOT NULL,
    PRIMARY KEY (sha256, seq)
);
