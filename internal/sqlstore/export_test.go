package sqlstore

// SetDenseMatches changes the threshold between the two ways of reading a
// page of text search results, so that tests exercise both; it returns a
// function restoring the old value.
func SetDenseMatches(n int) (restore func()) {
	old := denseMatches
	denseMatches = n
	return func() { denseMatches = old }
}
