package paperwork

import (
	"context"
	"io"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/nominations"
)

// AwardForms is the award catalogue as the API lists it: the hình thức
// (Bằng khen, Giấy khen…) and the legal bases cited with them.
type AwardForms struct {
	Forms      []award.Form       `json:"forms"`
	LegalBases []award.LegalBasis `json:"legalBases"`
}

// AwardForms lists the catalogue the Service was wired with.
func (s *Service) AwardForms(context.Context) (AwardForms, error) {
	if s.Catalogue == nil {
		return AwardForms{}, apperr.New(apperr.Internal, "no_catalogue", "award forms: no catalogue wired")
	}
	return AwardForms{Forms: s.Catalogue.Forms, LegalBases: s.Catalogue.Bases}, nil
}

// ImportNominations reads a nomination list (XLSX or CSV, told apart by
// name and content) with the catalogue: the nominations and the row report.
// A file that cannot be read as a list is an apperr.Invalid error whose
// problems carry sheet, row and column. form is the hình thức of rows that
// name none; kind, tập thể or cá nhân, that of rows outside any section.
func (s *Service) ImportNominations(ctx context.Context, r io.Reader, name string, size int64, form string, kind award.Kind) (*nominations.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, apperr.Wrap(err, "import")
	}
	return nominations.Import(ctx, r, name, size, nominations.Options{Catalogue: s.Catalogue, DefaultAwardForm: form, DefaultKind: kind})
}
