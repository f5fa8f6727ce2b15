package web

import (
	"encoding/json"
	"net/url"
	"reflect"
	"testing"

	vanban "github.com/vanban/vanban"
	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/plan"
)

// posted is what a browser submits for the form as laid out.
func posted(f *form) url.Values {
	v := url.Values{}
	for p, fl := range f.fields {
		switch {
		case fl.Control == "checkbox":
			if fl.Checked {
				v.Set(p, "1")
			}
		default:
			v.Set(p, fl.Value)
		}
	}
	return v
}

// TestFormRoundTrip: each kind's example, laid out as the drafting form and
// posted back unchanged, is the same input (the date as officers write it
// in between).
func TestFormRoundTrip(t *testing.T) {
	for _, k := range []struct {
		name    string
		schema  []byte
		example string
	}{
		{plan.Kind, plan.Schema(), "ke-hoach-lai-chau.json"},
		{commendation.ToTrinhKind, commendation.ToTrinhSchema(), "to-trinh-khen-thuong.json"},
		{commendation.QuyetDinhKind, commendation.QuyetDinhSchema(), "quyet-dinh-khen-thuong.json"},
	} {
		t.Run(k.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(vanban.Example(k.example), &doc); err != nil {
				t.Fatal(err)
			}
			f, err := newForm(k.name, k.schema, doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			if fl := f.fields["date"]; fl == nil || fl.Value == doc["date"] {
				t.Errorf("date field = %+v, want it as officers write it", fl)
			}
			out, err := f.decode(posted(f))
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			if doc["number"] == nil {
				delete(doc, "number") // null and absent mean the same: blank
			}
			if !reflect.DeepEqual(got, doc) {
				a, _ := json.MarshalIndent(got, "", " ")
				t.Errorf("round trip differs:\n%s", a)
			}
		})
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]string{"29/11/2026": "2026-11-29", "5/1/2022": "2022-01-05", "12/2021": "2021-12", " 2021-12-05 ": "2021-12-05", "hôm qua": "hôm qua", "31/02/2026": "2026-02-31", "00/12/2026": "00/12/2026"} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
	if got := displayDate("2021-12"); got != "12/2021" {
		t.Errorf("displayDate = %q", got)
	}
}

// TestAttach: problems go to the field of their path or its nearest
// parent; body lines become line markers; bad JSON is reported at its field.
func TestAttach(t *testing.T) {
	f, err := newForm(plan.Kind, plan.Schema(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	views := f.attach([]apperr.Problem{
		{Field: "agency.name", Message: "Thiếu"},
		{Field: "recipients[2]", Message: "Trống"},
		{Field: "body (dòng 12)", Message: "Mục sai thứ tự", Warning: true},
		{Field: "không.có", Message: "Lạ"},
	})
	if len(f.fields["agency.name"].Problems) != 1 || len(f.fields["recipients"].Problems) != 1 {
		t.Errorf("problems not attached: %+v %+v", f.fields["agency.name"], f.fields["recipients"])
	}
	if l := f.fields["body"].Lines; len(l) != 1 || l[0].Line != 12 || !l[0].Warning {
		t.Errorf("body lines = %+v", l)
	}
	if views[0].ID != "f-agency-name" || views[0].Label != "Tên cơ quan ban hành" || views[3].ID != "" {
		t.Errorf("views = %+v", views)
	}
	v := url.Values{"margins.top": {"hai mươi"}}
	if _, err := f.decode(v); err == nil || apperr.As(err).Problems[0].Field != "margins.top" {
		t.Errorf("a number field with words: %v", err)
	}
}
