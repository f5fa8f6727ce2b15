-- Substring search on the register (registry.SearchText) through a pg_trgm
-- GIN index, used by "search LIKE '%…%'" for queries of three characters or
-- more. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension;
-- where it cannot be created, the search still works by scanning.
DO $$
DECLARE
    ext_schema text;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%): register text search will scan the table', SQLERRM;
        RETURN;
    END;
    SELECT n.nspname INTO ext_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX records_search_trgm ON records USING gin (search %I.gin_trgm_ops)', ext_schema);
END
$$;
