-- Review finding 4: a certificate batch may cite a decision of another
-- authority ("decisionCheck": "external"); its certificates are recorded
-- without the register check and verified as such (1), not looked up.
ALTER TABLE certificates ADD COLUMN decision_external INTEGER NOT NULL DEFAULT 0;
