-- Issue 10 item 13: the decision a certificate cites is looked up by its
-- number and ký hiệu within the year.
CREATE INDEX records_ref ON records (year, number, symbol);
