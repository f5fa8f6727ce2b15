-- Issue 10 item 12: who issued, registered or cancelled each record (kind and
-- name of the actor: an API key's name, a workspace username, the CLI's OS
-- user), and late registrations of documents dated in a closed year.
ALTER TABLE records ADD COLUMN created_by_kind text NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN created_by text NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN cancelled_by_kind text NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN cancelled_by text NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN late integer NOT NULL DEFAULT 0;
