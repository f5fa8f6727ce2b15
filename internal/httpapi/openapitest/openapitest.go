// Package openapitest checks the OpenAPI document of internal/httpapi in
// tests: every example of a request body validates against the JSON Schema
// of its kind. It is a package of its own so that the JSON Schema validator
// (github.com/santhosh-tekuri/jsonschema) stays out of the shipped binary,
// whose every start paid for its package initialisation (≈ 4 ms).
package openapitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// kindSchemaName is the component holding a kind's JSON Schema, named as
// httpapi names it ("kind-" and the kind, other characters as '_').
func kindSchemaName(kind string) string {
	return "kind-" + regexp.MustCompile(`[^A-Za-z0-9._-]`).ReplaceAllString(kind, "_")
}

// ValidateExamples checks an OpenAPI document made by this package: every
// example of a request body validates against the JSON Schema of its kind.
// cmd/vanban's wiring test calls it with the real kinds.
func ValidateExamples(openapi []byte) error {
	var api struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openapi, &api); err != nil {
		return fmt.Errorf("openapi: %w", err)
	}
	var errs []string
	checked := 0
	for _, p := range sortedKeys(api.Paths) {
		for _, m := range sortedKeys(api.Paths[p]) {
			var op struct {
				RequestBody struct {
					Content map[string]struct {
						Examples map[string]struct {
							Value json.RawMessage `json:"value"`
						} `json:"examples"`
					} `json:"content"`
				} `json:"requestBody"`
			}
			if err := json.Unmarshal(api.Paths[p][m], &op); err != nil {
				return fmt.Errorf("openapi %s %s: %w", m, p, err)
			}
			for _, ct := range op.RequestBody.Content {
				for _, name := range sortedKeys(ct.Examples) {
					raw, ok := api.Components.Schemas[kindSchemaName(name)]
					if !ok {
						errs = append(errs, fmt.Sprintf("%s %s: example %q has no schema %s", m, p, name, kindSchemaName(name)))
						continue
					}
					if err := validateJSON(raw, ct.Examples[name].Value); err != nil {
						errs = append(errs, fmt.Sprintf("%s %s: example %q: %v", m, p, name, err))
					}
					checked++
				}
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("openapi examples: %s", strings.Join(errs, "; "))
	}
	if checked == 0 {
		return fmt.Errorf("openapi: no example to check")
	}
	return nil
}

// validateJSON validates instance against schema (JSON Schema 2020-12).
func validateJSON(schema, instance []byte) error {
	sch, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(instance))
	if err != nil {
		return fmt.Errorf("instance: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("mem:///schema.json", sch); err != nil {
		return err
	}
	compiled, err := c.Compile("mem:///schema.json")
	if err != nil {
		return err
	}
	return compiled.Validate(inst)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
