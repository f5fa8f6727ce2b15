package paperwork

import (
	"context"
	"errors"
	"fmt"

	vanban "github.com/vanban/vanban"
	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/kinds"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/plan"
	"github.com/vanban/vanban/internal/typeset"
)

// KindsEnv is what the kinds need besides their input, made once per
// process: the font metrics the layout measures with, the award catalogue
// and the wording of the award paperwork.
type KindsEnv struct {
	Metrics   *typeset.Metrics
	Catalogue *award.Catalogue
	Wording   *commendation.Wording
}

// Commendation is the environment of the award paperwork's builders, with
// the register's stamp of a document being issued (nil otherwise).
func (e KindsEnv) Commendation(stamp *letterhead.Stamp) commendation.Env {
	return commendation.Env{Metrics: e.Metrics, Catalogue: e.Catalogue, Wording: e.Wording, Stamp: stamp}
}

// FontsReady checks that the faces the layout measures with answer for
// Vietnamese letters (a readiness check of the service).
func (e KindsEnv) FontsReady(context.Context) error {
	if e.Metrics == nil {
		return errors.New("no font metrics")
	}
	for _, r := range "ĐđỆệỮữ" {
		if !e.Metrics.Has(typeset.Style{}, r) || !e.Metrics.Has(typeset.Style{Bold: true}, r) {
			return fmt.Errorf("font has no glyph for %q", r)
		}
	}
	return nil
}

// TemplatesReady checks that the wording and the award catalogue are
// loaded (a readiness check of the service).
func (e KindsEnv) TemplatesReady(context.Context) error {
	if e.Wording == nil || e.Catalogue == nil || len(e.Catalogue.Forms) == 0 {
		return errors.New("wording templates or award catalogue not loaded")
	}
	return nil
}

// Kinds are every kind of document the product makes: the Kế hoạch, the
// award Tờ trình and Quyết định with their danh sách, and the general kinds
// (issue 12: quyet-dinh, cong-van, to-trinh, bao-cao, thong-bao, giay-moi,
// bien-ban and the generic van-ban), each with its schema and example.
func Kinds(env KindsEnv) []Kind {
	out := []Kind{
		{
			Name: plan.Kind, Title: "Kế hoạch", Register: "Kế hoạch", Schema: plan.Schema, Example: vanban.Example("ke-hoach-lai-chau.json"),
			Prepare: func(data []byte, stamp *letterhead.Stamp) (*letterhead.Draft, apperr.Problems, error) {
				return plan.Prepare(data, letterhead.Env{Metrics: env.Metrics, Stamp: stamp})
			},
		},
		{
			Name: commendation.ToTrinhKind, Title: "Tờ trình đề nghị khen thưởng", Register: "Tờ trình", Schema: commendation.ToTrinhSchema,
			Example: vanban.Example("to-trinh-khen-thuong.json"),
			Prepare: func(data []byte, stamp *letterhead.Stamp) (*letterhead.Draft, apperr.Problems, error) {
				return commendation.PrepareToTrinh(data, env.Commendation(stamp))
			},
		},
		{
			Name: commendation.QuyetDinhKind, Title: "Quyết định khen thưởng", Register: "Quyết định", Schema: commendation.QuyetDinhSchema,
			Example: vanban.Example("quyet-dinh-khen-thuong.json"),
			Prepare: func(data []byte, stamp *letterhead.Stamp) (*letterhead.Draft, apperr.Problems, error) {
				return commendation.PrepareQuyetDinh(data, env.Commendation(stamp))
			},
		},
	}
	for _, k := range kinds.Specs() {
		prepare := k.Prepare
		out = append(out, Kind{Name: k.Name, Title: k.Title, Register: k.Register, Schema: k.Schema, Example: vanban.Example(k.Example),
			Prepare: func(data []byte, stamp *letterhead.Stamp) (*letterhead.Draft, apperr.Problems, error) {
				return prepare(data, letterhead.Env{Metrics: env.Metrics, Stamp: stamp})
			}})
	}
	return out
}
