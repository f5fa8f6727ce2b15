package campaign_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vanban/vanban/internal/campaign"
)

// Every input example validates against its published schema, and a wrong
// field is refused by it.
func TestInputExamplesValidate(t *testing.T) {
	for name, example := range map[string]string{
		"agency-profile":    "agency-profile.json",
		"campaign":          "campaign.json",
		"certificate-batch": "giay-khen-batch.json",
		"register-request":  "registry-register.json",
	} {
		raw, ok := campaign.InputSchema(name)
		if !ok {
			t.Fatalf("no schema %s", name)
		}
		var sd, inst any
		if err := json.Unmarshal(raw, &sd); err != nil {
			t.Fatal(err)
		}
		comp := jsonschema.NewCompiler()
		if err := comp.AddResource("s.json", sd); err != nil {
			t.Fatal(err)
		}
		sch, err := comp.Compile("s.json")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		data, err := os.ReadFile("../../testdata/" + example)
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(data, &inst)
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s against %s: %v", example, name, err)
		}
		inst.(map[string]any)["khongCo"] = 1
		if sch.Validate(inst) == nil {
			t.Errorf("%s: schema accepts an unknown field", name)
		}
	}
}
