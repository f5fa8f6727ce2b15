-- Review #3: an agency profile's emblem (Quốc huy / biểu trưng, a PNG scaled
-- to what the print needs) is kept apart from the profile's JSON, which
-- carries only its reference: listing and reading profiles no longer carry
-- the image; the printer reads the one emblem of the agency that issued the
-- decision, by agency_key (campaign.AgencyKey, kept up to date on each save).
-- Emblems saved inside the JSON before this are moved here at start-up
-- (sqlstore.moveEmblems).
CREATE TABLE profile_emblems (
    profile_id TEXT PRIMARY KEY REFERENCES profiles (id),
    agency_key TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    png        BLOB NOT NULL
);

CREATE INDEX profile_emblems_agency ON profile_emblems (agency_key, profile_id);
