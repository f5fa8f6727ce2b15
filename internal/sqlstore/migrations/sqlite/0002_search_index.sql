-- Substring search on the register (registry.SearchText) through an FTS5
-- trigram index: a query of three characters or more is answered from the
-- index instead of scanning every record. Contentless: the text is in
-- records.search; a record's search text never changes once inserted.
CREATE VIRTUAL TABLE records_fts USING fts5(search, content='', tokenize='trigram case_sensitive 1');

INSERT INTO records_fts (rowid, search) SELECT rowid, search FROM records;

CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
    INSERT INTO records_fts (rowid, search) VALUES (new.rowid, new.search);
END;
