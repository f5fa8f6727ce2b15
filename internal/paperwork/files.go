package paperwork

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/nominations"
)

// BatchFiles reads the files a certificate batch names (recipients, layout,
// background, Word template), relative to dir, the batch's directory. A
// nomination list in XLSX or CSV is imported on the way, as the JSON
// `vanban import` writes, so that a batch can point straight at the
// spreadsheet the units sent.
func (s *Service) BatchFiles(ctx context.Context, dir string) certificate.ReadFile {
	return func(name string) ([]byte, error) {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, name)
		}
		if isList(path) {
			res, err := s.importFile(ctx, path)
			if err != nil {
				return nil, err
			}
			return json.Marshal(res)
		}
		return os.ReadFile(path)
	}
}

// NominationList reads the nominations of a file: the JSON `vanban import`
// writes ({"nominations": [...]}), or an XLSX or CSV list imported with the
// catalogue. A list with errors is refused with its rows' problems.
func (s *Service) NominationList(ctx context.Context, path string) ([]award.Nomination, error) {
	if isList(path) {
		res, err := s.importFile(ctx, path)
		if err != nil {
			return nil, err
		}
		return res.Nominations, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, apperr.Wrap(err, "nominations")
	}
	var nf struct {
		Nominations []award.Nomination `json:"nominations"`
	}
	if err := json.Unmarshal(raw, &nf); err != nil || nf.Nominations == nil {
		return nil, apperr.Invalidf("nominations", "invalid_list", "Tệp %s không phải danh sách đề nghị: cần JSON {\"nominations\": [...]} như tệp do \"vanban import\" ghi ra, hoặc tệp XLSX/CSV.", path)
	}
	return nf.Nominations, nil
}

// isList tells a spreadsheet list by its extension.
func isList(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".csv":
		return true
	}
	return false
}

// importFile imports the list at path; a list with errors is an error.
func (s *Service) importFile(ctx context.Context, path string) (*nominations.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, apperr.Wrap(err, "nominations")
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, apperr.Wrap(err, "nominations")
	}
	res, err := s.ImportNominations(ctx, f, filepath.Base(path), st.Size(), "", "")
	if err != nil {
		return nil, err
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	return res, nil
}
