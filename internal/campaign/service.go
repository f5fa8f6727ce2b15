package campaign

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/nominations"
	"github.com/vanban/vanban/internal/registry"
)

// Service is the use cases of profiles, drafts, campaigns and their
// nominations, shared by the CLI, the HTTP service and the web workspace.
type Service struct {
	Store     Store
	Catalogue *award.Catalogue
	// Register resolves a campaign's Kế hoạch given as an issued record;
	// nil leaves such links unresolved.
	Register *registry.Service
	// Now is the clock (Vietnam time); NewID makes ids.
	Now   func() time.Time
	NewID func() string
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

func (s *Service) newID() string {
	if s.NewID == nil {
		return uuid.NewString()
	}
	return s.NewID()
}

func (s *Service) today() nd30.Date {
	// The calendar date in Vietnam, as the register dates what it issues:
	// after 17:00 UTC a machine clock in UTC is already the next day there.
	t := s.now().In(registry.Vietnam)
	return nd30.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// storeErr maps the store's sentinels.
func storeErr(err error, what, id string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotFound):
		return apperr.New(apperr.NotFound, what+"_not_found", notFoundText(what, id))
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return apperr.New(apperr.Unavailable, "cancelled", "Yêu cầu đã bị hủy hoặc quá thời gian chờ; chưa có gì được ghi.")
	}
	return apperr.Wrap(err, what)
}

func notFoundText(what, id string) string {
	name := map[string]string{"profile": "hồ sơ cơ quan", "draft": "bản nháp", "campaign": "đợt thi đua", "nomination": "đề nghị", "version": "phiên bản"}[what]
	return fmt.Sprintf("Không có %s %q: kiểm tra lại mã.", name, id)
}

func invalid(ps apperr.Problems, detail string) error {
	if ps.Errors() == 0 {
		return nil
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "invalid_input", Detail: fmt.Sprintf("%s: có %d lỗi cần sửa.", detail, ps.Errors()), Problems: ps}
}

// SaveProfile validates and saves (creates or replaces) a profile.
func (s *Service) SaveProfile(ctx context.Context, p Profile) (Profile, error) {
	c, ps := p.Check()
	if err := invalid(ps, "Hồ sơ cơ quan chưa hợp lệ"); err != nil {
		return Profile{}, err
	}
	if e := c.Emblem; e != nil && e.PNG == nil {
		// A reference keeps the saved image: it must be the one saved.
		old, err := s.Store.GetProfile(ctx, c.ID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return Profile{}, storeErr(err, "profile", c.ID)
		}
		if old.Emblem == nil || old.Emblem.SHA256 != e.SHA256 {
			return Profile{}, apperr.Invalidf("emblem.sha256", "unknown_emblem", "Hồ sơ %q không có ảnh Quốc huy / biểu trưng %q đã lưu: gửi ảnh PNG (chuỗi base64 hoặc PUT /v1/profiles/%s/emblem).", c.ID, e.SHA256, c.ID)
		}
		c.Emblem = old.Emblem
	}
	out, err := s.Store.PutProfile(ctx, c, s.now())
	if out.Emblem != nil {
		out.Emblem.PNG = nil
	}
	return out, storeErr(err, "profile", p.ID)
}

// ProfileEmblem is the PNG of profile id's emblem (ErrNotFound as
// apperr.NotFound: the profile has none).
func (s *Service) ProfileEmblem(ctx context.Context, id string) ([]byte, error) {
	e, err := s.Store.GetEmblem(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, apperr.New(apperr.NotFound, "emblem_not_found", fmt.Sprintf("Hồ sơ cơ quan %q không có ảnh Quốc huy / biểu trưng.", id))
	}
	return e.PNG, storeErr(err, "emblem", id)
}

// SaveEmblem replaces the emblem of the saved profile id with png (checked
// and scaled as in a PUT of the profile), or removes it when png is nil.
func (s *Service) SaveEmblem(ctx context.Context, id string, png []byte) (Profile, error) {
	p, err := s.Store.GetProfile(ctx, id)
	if err != nil {
		return Profile{}, storeErr(err, "profile", id)
	}
	p.Emblem = nil
	if png != nil {
		p.Emblem = &Emblem{PNG: png}
	}
	return s.SaveProfile(ctx, p)
}

// DecodeProfile reads a profile's JSON strictly (field paths in errors).
func DecodeProfile(data []byte) (Profile, error) {
	var p Profile
	err := jsonin.Decode(data, &p)
	return p, err
}

// Profile returns a saved profile.
func (s *Service) Profile(ctx context.Context, id string) (Profile, error) {
	p, err := s.Store.GetProfile(ctx, id)
	return p, storeErr(err, "profile", id)
}

// ListProfiles pages the saved profiles.
func (s *Service) ListProfiles(ctx context.Context, q Query) (Page[Profile], error) {
	p, err := s.Store.ListProfiles(ctx, q)
	return p, storeErr(err, "profiles", "")
}

// ApplyProfile resolves "agencyProfile": "ID" in any kind's input: the saved
// profile fills what the input leaves out (Profile.Apply). An input without
// the reference is returned unchanged.
func (s *Service) ApplyProfile(ctx context.Context, input []byte) ([]byte, error) {
	id := ProfileRef(input)
	if id == "" {
		return input, nil
	}
	p, err := s.Store.GetProfile(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, apperr.Invalidf(ProfileField, "unknown_profile", "Không có hồ sơ cơ quan %q: lưu hồ sơ trước (PUT /v1/profiles/%s) hoặc sửa mã.", id, id)
	}
	if err != nil {
		return nil, storeErr(err, "profile", id)
	}
	return p.Apply(input)
}

// SaveDraft saves d.Input as a new version of draft d.ID, or as a new draft
// when d.ID is empty.
func (s *Service) SaveDraft(ctx context.Context, d Draft) (Draft, error) {
	if d.ID != "" {
		old, err := s.Store.GetDraft(ctx, d.ID)
		if err != nil {
			return Draft{}, storeErr(err, "draft", d.ID)
		}
		if d.Agency == "" {
			d.Agency = old.Agency
		}
		if d.CampaignID == "" {
			d.CampaignID = old.CampaignID
		}
		if d.Title == "" {
			d.Title = old.Title
		}
	} else {
		d.ID = s.newID()
	}
	if d.Agency == "" {
		d.Agency = ProfileRef(d.Input)
	}
	c, ps := CheckDraft(d)
	if err := invalid(ps, "Bản nháp chưa hợp lệ"); err != nil {
		return Draft{}, err
	}
	out, err := s.Store.PutDraft(ctx, c, s.now())
	if err != nil {
		return Draft{}, storeErr(err, "draft", d.ID)
	}
	out.Input = c.Input
	return out, nil
}

// Draft returns a draft with its latest input.
func (s *Service) Draft(ctx context.Context, id string) (Draft, error) {
	d, err := s.Store.GetDraft(ctx, id)
	return d, storeErr(err, "draft", id)
}

// DraftVersion returns one saved version of a draft.
func (s *Service) DraftVersion(ctx context.Context, id string, version int) (Version, error) {
	v, err := s.Store.GetVersion(ctx, id, version)
	return v, storeErr(err, "version", fmt.Sprintf("%s@%d", id, version))
}

// DraftVersions lists a draft's versions (without their inputs).
func (s *Service) DraftVersions(ctx context.Context, id string) ([]Version, error) {
	if _, err := s.Draft(ctx, id); err != nil {
		return nil, err
	}
	vs, err := s.Store.ListVersions(ctx, id)
	return vs, storeErr(err, "draft", id)
}

// ListDrafts pages the drafts, newest first.
func (s *Service) ListDrafts(ctx context.Context, q Query) (Page[Draft], error) {
	p, err := s.Store.ListDrafts(ctx, q)
	return p, storeErr(err, "drafts", "")
}

// DeleteDraft deletes a draft (softly when it was issued).
func (s *Service) DeleteDraft(ctx context.Context, id string) error {
	return storeErr(s.Store.DeleteDraft(ctx, id, s.now()), "draft", id)
}

// MarkIssued links a draft to the record it was issued as.
func (s *Service) MarkIssued(ctx context.Context, id, recordID string) error {
	return storeErr(s.Store.MarkIssued(ctx, id, recordID), "draft", id)
}

// DecodeCampaign reads a campaign's JSON strictly.
func DecodeCampaign(data []byte) (Campaign, error) {
	var c Campaign
	err := jsonin.Decode(data, &c)
	return c, err
}

// SaveCampaign validates and saves a campaign (new when c.ID is empty). Its
// agency must be a saved profile; a Kế hoạch given as an issued record of the
// register is resolved to its number, ký hiệu, date and trích yếu.
func (s *Service) SaveCampaign(ctx context.Context, c Campaign) (Campaign, error) {
	c, ps := c.Check()
	if err := invalid(ps, "Đợt thi đua chưa hợp lệ"); err != nil {
		return Campaign{}, err
	}
	p, err := s.Store.GetProfile(ctx, c.Agency)
	if errors.Is(err, ErrNotFound) {
		return Campaign{}, apperr.Invalidf("agency", "unknown_profile", "Không có hồ sơ cơ quan %q: lưu hồ sơ trước hoặc sửa mã.", c.Agency)
	} else if err != nil {
		return Campaign{}, storeErr(err, "profile", c.Agency)
	}
	if c.Plan != nil && c.Plan.RecordID != "" {
		if s.Register == nil {
			return Campaign{}, apperr.Invalidf("plan.recordId", "no_register", "Không mở được sổ văn bản để tìm kế hoạch.")
		}
		rec, err := s.Register.Get(ctx, c.Plan.RecordID)
		if err != nil {
			if ae := apperr.As(err); ae.Kind == apperr.NotFound || ae.Kind == apperr.Invalid {
				return Campaign{}, apperr.Invalidf("plan.recordId", "unknown_record", "Kế hoạch %q không có trong sổ văn bản đi.", c.Plan.RecordID)
			}
			return Campaign{}, err
		}
		c.Plan.Number, c.Plan.NumberWidth, c.Plan.Symbol = rec.Number, len(rec.NumberText), rec.Symbol
		c.Plan.Date = nd30.Date(rec.Date).String()
		if c.Plan.Summary == "" {
			c.Plan.Summary = rec.Summary
		}
		if c.Plan.Issuer == "" {
			c.Plan.Issuer = p.Agency.Name
		}
	}
	if c.Plan != nil && c.Plan.DraftID != "" && c.Plan.Number == 0 {
		if _, err := s.Store.GetDraft(ctx, c.Plan.DraftID); err != nil {
			return Campaign{}, apperr.Invalidf("plan.draftId", "unknown_draft", "Không có bản nháp kế hoạch %q.", c.Plan.DraftID)
		}
	}
	if c.ID == "" {
		c.ID = s.newID()
	} else if _, err := s.Store.GetCampaign(ctx, c.ID); err != nil {
		return Campaign{}, storeErr(err, "campaign", c.ID)
	}
	out, err := s.Store.PutCampaign(ctx, c, s.now())
	return out, storeErr(err, "campaign", c.ID)
}

// Campaign returns a campaign.
func (s *Service) Campaign(ctx context.Context, id string) (Campaign, error) {
	c, err := s.Store.GetCampaign(ctx, id)
	return c, storeErr(err, "campaign", id)
}

// ListCampaigns pages the campaigns.
func (s *Service) ListCampaigns(ctx context.Context, q Query) (Page[Campaign], error) {
	p, err := s.Store.ListCampaigns(ctx, q)
	return p, storeErr(err, "campaigns", "")
}

// DeleteCampaign deletes a campaign (softly: its drafts and nominations stay).
func (s *Service) DeleteCampaign(ctx context.Context, id string) error {
	return storeErr(s.Store.DeleteCampaign(ctx, id, s.now()), "campaign", id)
}

// ImportFile is one unit's list to import.
type ImportFile struct {
	Name string
	Data io.Reader
	Size int64
}

// FileReport is the row report of one imported file.
type FileReport struct {
	File   string             `json:"file"`
	Report nominations.Report `json:"report"`
}

// ImportResult is what an import added and what each file said.
type ImportResult struct {
	Added   int          `json:"added"`
	Files   []FileReport `json:"files"`
	Listing Listing      `json:"listing"`
}

// ImportOptions tune an import into a campaign.
type ImportOptions struct {
	// AwardForm is used for rows without one.
	AwardForm string
}

// Import reads one or several units' lists (XLSX or CSV) into a campaign.
// Every row keeps its file and row number. All or nothing: a file that
// cannot be read, or a row with an error, saves no row of any file; the
// problems name the file, sheet, row and column.
func (s *Service) Import(ctx context.Context, campaignID string, files []ImportFile, opts ImportOptions) (ImportResult, error) {
	c, err := s.Campaign(ctx, campaignID)
	if err != nil {
		return ImportResult{}, err
	}
	if len(files) == 0 {
		return ImportResult{}, apperr.Invalidf("file", "required", "Chưa có tệp danh sách nào (XLSX hoặc CSV).")
	}
	if opts.AwardForm != "" {
		f, ok := s.Catalogue.MatchForm(opts.AwardForm)
		if !ok {
			return ImportResult{}, apperr.Invalidf("awardForm", "unknown_award_form", "Hình thức khen thưởng %q không có trong danh mục; chọn một trong: %s.", opts.AwardForm, strings.Join(s.Catalogue.FormIDs(), ", "))
		}
		opts.AwardForm = f.ID
	}
	res := ImportResult{Files: []FileReport{}}
	var es []Entry
	var all apperr.Problems
	for _, f := range files {
		r, err := nominations.Import(ctx, f.Data, f.Name, f.Size, nominations.Options{Catalogue: s.Catalogue, DefaultAwardForm: opts.AwardForm})
		if err != nil {
			return ImportResult{}, inFile(err, f.Name)
		}
		res.Files = append(res.Files, FileReport{File: f.Name, Report: r.Report})
		for _, p := range r.Report.Problems {
			// Duplicates and other list checks are made again on the whole
			// campaign; only the errors of reading the rows stop the import.
			if !p.Warning && p.Code != "duplicate" {
				p.Message = f.Name + ": " + p.Message
				all = append(all, p)
			}
		}
		for _, n := range r.Nominations {
			es = append(es, Entry{ID: s.newID(), CampaignID: campaignID, Nomination: n, File: f.Name})
		}
	}
	if err := blocking(all); err != nil {
		return res, err
	}
	existing, err := s.Store.Entries(ctx, campaignID)
	if err != nil {
		return ImportResult{}, storeErr(err, "campaign", campaignID)
	}
	if len(existing)+len(es) > MaxEntries {
		return ImportResult{}, apperr.Invalidf("file", "too_many", "Đợt thi đua sẽ có %d đề nghị, tối đa %d.", len(existing)+len(es), MaxEntries)
	}
	if err := s.Store.AddEntries(ctx, campaignID, es); err != nil {
		return ImportResult{}, storeErr(err, "campaign", campaignID)
	}
	res.Added = len(es)
	// The listing from what is known, without reading the campaign back.
	last := 0
	if n := len(existing); n > 0 {
		last = existing[n-1].Seq
	}
	for i := range es {
		es[i].Seq = last + i + 1
	}
	res.Listing = List(append(existing, es...), s.Catalogue, c.planCriteria())
	return res, nil
}

// planCriteria are the criteria of the campaign's plan, or nil.
func (c Campaign) planCriteria() []award.Criterion {
	if c.Plan != nil && len(c.Plan.Criteria) > 0 {
		return c.Plan.Criteria
	}
	return nil
}

// blocking are the row errors that stop an import: rows that could not be
// read (a kind, a gender, a year not understood). Missing fields (gender,
// unit…) are saved and listed as problems to fix in the campaign.
func blocking(ps apperr.Problems) error {
	var stop apperr.Problems
	for _, p := range ps {
		switch p.Code {
		case "required", "unknown_award_form", "unknown_criterion", "same_name":
			continue
		}
		stop = append(stop, p)
	}
	if len(stop) == 0 {
		return nil
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "invalid_nominations",
		Detail:   fmt.Sprintf("Danh sách có %d dòng không đọc được: sửa các dòng này rồi nhập lại; chưa dòng nào được lưu.", len(stop)),
		Problems: stop}
}

func inFile(err error, name string) error {
	ae := apperr.As(err)
	if ae.Kind == apperr.Internal {
		return err
	}
	out := *ae
	out.Detail = name + ": " + ae.Detail
	return &out
}

// AddNominations adds nominations typed as JSON to a campaign.
func (s *Service) AddNominations(ctx context.Context, campaignID string, ns []award.Nomination) (Listing, error) {
	if _, err := s.Campaign(ctx, campaignID); err != nil {
		return Listing{}, err
	}
	if len(ns) == 0 {
		return Listing{}, apperr.Invalidf("nominations", "required", "Chưa có đề nghị nào.")
	}
	es := make([]Entry, len(ns))
	for i, n := range ns {
		n = Clean(n)
		if n.AwardForm != "" {
			if f, ok := s.Catalogue.MatchForm(n.AwardForm); ok {
				n.AwardForm = f.ID
			}
		}
		es[i] = Entry{ID: s.newID(), CampaignID: campaignID, Nomination: n}
	}
	if err := s.Store.AddEntries(ctx, campaignID, es); err != nil {
		return Listing{}, storeErr(err, "campaign", campaignID)
	}
	return s.Nominations(ctx, campaignID)
}

// Nominations lists a campaign's nominations with their problems.
func (s *Service) Nominations(ctx context.Context, campaignID string) (Listing, error) {
	c, err := s.Campaign(ctx, campaignID)
	if err != nil {
		return Listing{}, err
	}
	es, err := s.Store.Entries(ctx, campaignID)
	if err != nil {
		return Listing{}, storeErr(err, "campaign", campaignID)
	}
	return List(es, s.Catalogue, c.planCriteria()), nil
}

// Page cuts one page of a listing (entries matching text, by name, unit or
// file); the problems stay those of the whole list.
func (l Listing) Page(text string, limit, offset int) Listing {
	if limit <= 0 || limit > MaxLimit {
		limit = DefaultLimit
	}
	out := l
	if text != "" {
		k := nd30.Fold(text)
		out.Entries = nil
		for _, e := range l.Entries {
			if strings.Contains(nd30.Fold(e.Name+" "+e.Unit+" "+e.ParentUnit+" "+e.File), k) {
				out.Entries = append(out.Entries, e)
			}
		}
	}
	out.Total = len(out.Entries)
	offset = min(max(offset, 0), len(out.Entries))
	out.Entries = out.Entries[offset:min(offset+limit, len(out.Entries))]
	if out.Entries == nil {
		out.Entries = []Entry{}
	}
	return out
}

func (s *Service) entryOf(ctx context.Context, campaignID, id string) (Entry, error) {
	e, err := s.Store.GetEntry(ctx, id)
	if err == nil && e.CampaignID != campaignID {
		err = ErrNotFound
	}
	return e, storeErr(err, "nomination", id)
}

// EditNomination replaces a nomination's fields; its file and row stay.
func (s *Service) EditNomination(ctx context.Context, campaignID, id string, n award.Nomination) (Entry, error) {
	e, err := s.entryOf(ctx, campaignID, id)
	if err != nil {
		return Entry{}, err
	}
	n = Clean(n)
	if f, ok := s.Catalogue.MatchForm(n.AwardForm); ok {
		n.AwardForm = f.ID
	}
	n.Source = e.Source
	e.Nomination = n
	if err := s.Store.UpdateEntry(ctx, e); err != nil {
		return Entry{}, storeErr(err, "nomination", id)
	}
	return e, nil
}

// MergeNominations folds drop into keep (a duplicate sent by two units) and
// deletes drop, in one transaction.
func (s *Service) MergeNominations(ctx context.Context, campaignID, keepID, dropID string) (Entry, error) {
	if keepID == dropID {
		return Entry{}, apperr.Invalidf("drop", "same_nomination", "Không gộp một đề nghị với chính nó.")
	}
	keep, err := s.entryOf(ctx, campaignID, keepID)
	if err != nil {
		return Entry{}, err
	}
	drop, err := s.entryOf(ctx, campaignID, dropID)
	if err != nil {
		return Entry{}, err
	}
	merged := Merge(keep, drop)
	if err := s.Store.MergeEntries(ctx, merged, dropID); err != nil {
		return Entry{}, storeErr(err, "nomination", dropID)
	}
	return merged, nil
}

// DeleteNomination deletes one nomination.
func (s *Service) DeleteNomination(ctx context.Context, campaignID, id string) error {
	if _, err := s.entryOf(ctx, campaignID, id); err != nil {
		return err
	}
	return storeErr(s.Store.DeleteEntry(ctx, id), "nomination", id)
}

// DraftFromCampaign makes and saves a draft of a Tờ trình or a Quyết định
// from a campaign (FromCampaign); the draft's warnings say what was left out.
func (s *Service) DraftFromCampaign(ctx context.Context, campaignID string, req DraftRequest) (Draft, error) {
	c, err := s.Campaign(ctx, campaignID)
	if err != nil {
		return Draft{}, err
	}
	p, err := s.Profile(ctx, c.Agency)
	if err != nil {
		return Draft{}, err
	}
	es, err := s.Store.Entries(ctx, campaignID)
	if err != nil {
		return Draft{}, storeErr(err, "campaign", campaignID)
	}
	var planWarn apperr.Problems
	if c.Plan != nil && c.Plan.Number == 0 {
		c.Plan, planWarn = s.resolvePlan(ctx, *c.Plan, p)
	}
	input, warns, err := FromCampaign(req, p, c, es, s.Catalogue, s.today())
	warns = append(planWarn, warns...)
	if err != nil {
		return Draft{}, err
	}
	var head struct {
		AwardForm   string `json:"awardForm"`
		Nominations []struct {
			AwardForm string `json:"awardForm"`
		} `json:"nominations"`
	}
	_ = json.Unmarshal(input, &head)
	ids := []string{head.AwardForm}
	for _, n := range head.Nominations {
		ids = append(ids, n.AwardForm)
	}
	var forms []award.Form
	seen := map[string]bool{}
	for _, id := range ids {
		if f, ok := s.Catalogue.Form(id); ok && !seen[id] {
			seen[id] = true
			forms = append(forms, f)
		}
	}
	d, err := s.SaveDraft(ctx, Draft{Agency: p.ID, Kind: req.Kind, Title: draftTitle(req.Kind, forms, c), CampaignID: c.ID, Input: input})
	if err != nil {
		return Draft{}, err
	}
	d.Warnings = warns
	return d, nil
}

// resolvePlan gives a campaign's Kế hoạch kept as a draft its number and
// date once that draft was issued; until then the căn cứ cannot cite it and
// a warning says so.
func (s *Service) resolvePlan(ctx context.Context, plan Plan, p Profile) (*Plan, apperr.Problems) {
	var ps apperr.Problems
	recordID := plan.RecordID
	if recordID == "" && plan.DraftID != "" {
		if d, err := s.Store.GetDraft(ctx, plan.DraftID); err == nil {
			recordID = d.RecordID
		}
	}
	if recordID == "" || s.Register == nil {
		ps.Warn("plan", "plan_not_issued", "Kế hoạch của đợt thi đua chưa được ban hành (chưa có số, ngày): căn cứ chưa nêu kế hoạch; phát hành kế hoạch rồi lập lại văn bản.")
		return nil, ps
	}
	rec, err := s.Register.Get(ctx, recordID)
	if err != nil {
		ps.Warn("plan", "plan_not_found", "Không tìm thấy kế hoạch %s trong sổ văn bản đi: căn cứ chưa nêu kế hoạch.", recordID)
		return nil, ps
	}
	plan.Number, plan.NumberWidth, plan.Symbol, plan.Date = rec.Number, len(rec.NumberText), rec.Symbol, rec.Date.String()
	if plan.Summary == "" {
		plan.Summary = rec.Summary
	}
	if plan.Issuer == "" {
		plan.Issuer = p.Agency.Name
	}
	return &plan, ps
}

// DecodeDraftRequest reads the body of POST /v1/campaigns/{id}/drafts.
func DecodeDraftRequest(data []byte) (DraftRequest, error) {
	var r DraftRequest
	if len(bytes.TrimSpace(data)) == 0 {
		return r, apperr.Invalidf("kind", "required", "Cần \"kind\": %q hoặc %q.", ToTrinhKind, QuyetDinhKind)
	}
	err := jsonin.Decode(data, &r)
	return r, err
}
