// Package vanban holds what the whole module shares at its root: the
// realistic example inputs in testdata/, embedded so that the service can show
// them in its API documentation and tests can share them.
package vanban

import "embed"

// Examples holds the example inputs (testdata/*.json).
//
//go:embed testdata/*.json
var Examples embed.FS

// Example returns an embedded example; a missing one is a build defect.
func Example(name string) []byte {
	b, err := Examples.ReadFile("testdata/" + name)
	if err != nil {
		panic("vanban: " + err.Error())
	}
	return b
}
