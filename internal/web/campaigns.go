package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/wordbody"
)

// Saved drafts, campaigns and their nominations, certificates: the pages
// over internal/campaign (nil Deps.Campaigns hides them).

func (h *Handler) campaignRoutes() {
	h.mux.HandleFunc("POST /van-ban/soan/{kind}/luu", h.auth(account.Specialist, h.postSaveDraft))
	h.mux.HandleFunc("POST /van-ban/doc-tep", h.auth(account.Specialist, h.postBodyFile))
	h.mux.HandleFunc("POST /dot-thi-dua", h.auth(account.Specialist, h.postCampaign))
	h.mux.HandleFunc("GET /dot-thi-dua/mau-excel", h.auth(account.Specialist, h.getTemplate))
	h.mux.HandleFunc("GET /dot-thi-dua/{id}", h.auth(account.Specialist, h.getCampaign))
	h.mux.HandleFunc("POST /dot-thi-dua/{id}/nhap", h.auth(account.Specialist, h.postImport))
	h.mux.HandleFunc("POST /dot-thi-dua/{id}/lap", h.auth(account.Specialist, h.postDraftFromCampaign))
	h.mux.HandleFunc("POST /dot-thi-dua/{id}/ke-hoach", h.auth(account.Specialist, h.postCampaignPlan))
	h.mux.HandleFunc("GET /dot-thi-dua/{id}/de-nghi/{nid}", h.auth(account.Specialist, h.getNomination))
	h.mux.HandleFunc("POST /dot-thi-dua/{id}/de-nghi/{nid}", h.auth(account.Specialist, h.postNomination))
	h.mux.HandleFunc("POST /dot-thi-dua/{id}/de-nghi/{nid}/xoa", h.auth(account.Specialist, h.postDeleteNomination))
	h.mux.HandleFunc("POST /dot-thi-dua/{id}/de-nghi/{nid}/gop", h.auth(account.Specialist, h.postMergeNomination))
	h.mux.HandleFunc("POST /so-van-ban-di/{id}/in-bang", h.auth(account.Clerk, h.postPrint))
	h.mux.HandleFunc("POST /so-van-ban-di/{id}/in-bang/xem-truoc", h.auth(account.Clerk, h.postPrintPreview))
	h.mux.HandleFunc("GET /co-quan/ho-so", h.auth(account.Specialist, h.getProfile))
	h.mux.HandleFunc("POST /co-quan/ho-so", h.auth(account.Admin, h.postProfile))
	h.mux.HandleFunc("POST /co-quan/ho-so/xem-truoc", h.auth(account.Specialist, h.postProfilePreview))
}

// draftAgency is the agency key a draft is filed under: its profile, else
// its abbreviation.
func draftAgency(data []byte) string {
	if ref := campaign.ProfileRef(data); ref != "" {
		return ref
	}
	var head struct {
		Agency struct {
			Abbreviation string `json:"abbreviation"`
		} `json:"agency"`
	}
	_ = json.Unmarshal(data, &head)
	if a := strings.ToLower(strings.TrimSpace(head.Agency.Abbreviation)); a != "" {
		return a
	}
	return "co-quan"
}

// postSaveDraft saves the form as a new version of its draft (or a new
// draft), whatever its problems: a draft may be unfinished.
func (h *Handler) postSaveDraft(w http.ResponseWriter, r *http.Request) {
	k, ok := h.kindOf(w, r)
	if !ok {
		return
	}
	if h.deps.Campaigns == nil {
		h.problemPage(w, r, http.StatusNotFound, "Chưa lưu được", "Máy chủ này chưa có nơi lưu bản nháp.")
		return
	}
	f, data, err := h.postedForm(r, k)
	if err != nil {
		h.showDraft(w, r, k, f, err, draftView{})
		return
	}
	d, err := h.deps.Campaigns.SaveDraft(r.Context(), campaign.Draft{ID: r.PostFormValue("nhap"), Kind: k.Name,
		Agency: draftAgency(data), Input: data})
	if err != nil {
		h.showDraft(w, r, k, f, err, draftView{})
		return
	}
	if r.Header.Get("Accept") == "application/json" {
		writeJSON(w, http.StatusOK, map[string]any{"id": d.ID, "version": d.Version, "at": d.UpdatedAt.In(h.cfg.Location).Format("15:04")})
		return
	}
	http.Redirect(w, r, "/van-ban/soan/"+k.Name+"?nhap="+url.QueryEscape(d.ID)+"&da=luu", http.StatusSeeOther)
}

// loadDraft returns the input of a saved draft (or one of its versions)
// for the drafting page.
func (h *Handler) loadDraft(r *http.Request, kind string) (*campaign.Draft, []campaign.Version, []byte, int, error) {
	id := r.URL.Query().Get("nhap")
	if id == "" || h.deps.Campaigns == nil {
		return nil, nil, nil, 0, nil
	}
	d, err := h.deps.Campaigns.Draft(r.Context(), id)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	if d.Kind != kind {
		return nil, nil, nil, 0, apperr.New(apperr.NotFound, "draft_not_found", fmt.Sprintf("Bản nháp %q là một %s, không phải loại này.", id, d.Kind))
	}
	vs, err := h.deps.Campaigns.DraftVersions(r.Context(), id)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	input, shown := []byte(d.Input), d.Version
	if n, _ := strconv.Atoi(r.URL.Query().Get("phien-ban")); n > 0 && n != d.Version {
		v, err := h.deps.Campaigns.DraftVersion(r.Context(), id, n)
		if err != nil {
			return nil, nil, nil, 0, err
		}
		input, shown = v.Input, n
	}
	// A draft made from a campaign names the agency's profile: the form
	// shows the profile's fields, which the officer may then change.
	if applied, err := h.deps.Campaigns.ApplyProfile(r.Context(), input); err == nil {
		input = applied
	}
	return &d, vs, input, shown, nil
}

// --- campaigns ---

type campaignsView struct {
	Items    campaign.Page[campaign.Campaign]
	Profiles []campaign.Profile
	// Plan offers the Kế hoạch the new campaign may cite (Chosen: the
	// posted choice after a refused form).
	Plan     planView
	Form     campaign.Campaign
	Error    string
	Problems []apperr.Problem
	Year     int
}

func (h *Handler) getCampaigns(w http.ResponseWriter, r *http.Request) {
	h.campaignsPage(w, r, http.StatusOK, campaignsView{})
}

func (h *Handler) campaignsPage(w http.ResponseWriter, r *http.Request, status int, v campaignsView) {
	if h.deps.Campaigns == nil {
		h.render(w, r, http.StatusOK, "campaigns", page{Title: "Đợt thi đua", Nav: "dot-thi-dua", Data: v})
		return
	}
	var err error
	if v.Items, err = h.deps.Campaigns.ListCampaigns(r.Context(), campaign.Query{Limit: campaign.MaxLimit}); err != nil {
		h.fail(w, r, err)
		return
	}
	ps, err := h.deps.Campaigns.ListProfiles(r.Context(), campaign.Query{Limit: campaign.MaxLimit})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.Profiles = ps.Items
	v.Plan.Records, v.Plan.Drafts = h.planChoices(r)
	if v.Year == 0 {
		v.Year = h.thisYear()
	}
	h.render(w, r, status, "campaigns", page{Title: "Đợt thi đua", Nav: "dot-thi-dua", Data: v})
}

func (h *Handler) postCampaign(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	year, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("nam")))
	c := campaign.Campaign{Title: strings.TrimSpace(r.PostFormValue("ten")), Year: year,
		Agency: strings.TrimSpace(r.PostFormValue("co-quan")), Achievement: strings.TrimSpace(r.PostFormValue("thanh-tich"))}
	choice := r.PostFormValue("ke-hoach")
	plan, ok := planChoice(choice)
	c.Plan = plan
	var saved campaign.Campaign
	var err error = apperr.Invalidf("ke-hoach", "unknown_plan", "Chọn kế hoạch trong danh sách.")
	if ok {
		saved, err = h.deps.Campaigns.SaveCampaign(r.Context(), c)
	}
	if err != nil {
		e := apperr.As(err)
		if e.Kind != apperr.Invalid && e.Kind != apperr.NotFound {
			h.fail(w, r, err)
			return
		}
		h.campaignsPage(w, r, http.StatusBadRequest, campaignsView{Form: c, Error: e.Detail, Problems: e.Problems, Year: year,
			Plan: planView{Chosen: choice}})
		return
	}
	http.Redirect(w, r, "/dot-thi-dua/"+url.PathEscape(saved.ID), http.StatusSeeOther)
}

func (h *Handler) getTemplate(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	data, err := campaign.TemplateXLSX(h.deps.Campaigns.Catalogue)
	if err != nil {
		h.fail(w, r, apperr.Wrap(err, "template"))
		return
	}
	sendFile(w, paperwork.File{Name: "mau-danh-sach-de-nghi.xlsx",
		ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: data}, false)
}

// campaignView is one campaign with its nominations.
type campaignView struct {
	C        campaign.Campaign
	List     campaign.Listing
	Shown    []entryView
	Units    []string
	Forms    []option
	Filter   nominationFilter
	Matching int
	Pages    int
	PrevURL  string
	NextURL  string
	Counts   string
	Drafts   []campaign.Draft
	Plan     planView
	// AllForms are the catalogue's forms, for the inline editor's list.
	AllForms []option
	Imported *campaign.ImportResult
	Error    string
	Problems []apperr.Problem
}

type nominationFilter struct {
	Q, Unit, Form string
	Errors        bool
	Page          int
}

// rowsPerPage bounds the nominations table of one page (the list itself
// has no limit).
const rowsPerPage = 200

// entryView is one row of the nominations table, flattened to strings so
// that 1,000 rows render without reflection through embedded structs.
type entryView struct {
	ID, Name, Where, FormLabel, Source string
	No                                 int
	HasError                           bool
	Problems                           []rowProblem
	// The values the inline editor starts from: kind, name without Ông/Bà,
	// gender, unit (a collective's: the unit it belongs to), form id.
	Kind, RawName, Gender, Unit, Form string
	// MergeInto is the earlier row this one duplicates (its id and STT):
	// the page offers to merge this row into it.
	MergeInto string
	MergeNo   int
}

type rowProblem struct {
	Message string `json:"message"`
	Warning bool   `json:"warning"`
}

func (h *Handler) getCampaign(w http.ResponseWriter, r *http.Request) {
	h.campaignPage(w, r, http.StatusOK, campaignView{})
}

func (h *Handler) campaignPage(w http.ResponseWriter, r *http.Request, status int, v campaignView) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	ctx := r.Context()
	id := r.PathValue("id")
	c, err := h.deps.Campaigns.Campaign(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.deps.Campaigns.Nominations(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.C, v.List = c, list
	q := r.URL.Query()
	v.Filter = nominationFilter{Q: strings.TrimSpace(q.Get("q")), Unit: q.Get("don-vi"), Form: q.Get("hinh-thuc"), Errors: q.Get("co-loi") != ""}
	v.Filter.Page, _ = strconv.Atoi(q.Get("trang"))
	v.Filter.Page = max(v.Filter.Page, 1)
	first := (v.Filter.Page - 1) * rowsPerPage
	units, forms := map[string]bool{}, map[string]bool{}
	collectives, individuals, withErr := 0, 0, 0
	shown := list
	if v.Filter.Q != "" {
		shown = list.Page(v.Filter.Q, len(list.Entries)+1, 0)
	}
	for i, e := range list.Entries {
		_ = i
		unit := e.Unit
		if e.Kind == award.Collective {
			collectives++
			unit = e.ParentUnit
		} else {
			individuals++
		}
		if unit != "" {
			units[unit] = true
		}
		if e.AwardForm != "" {
			forms[e.AwardForm] = true
		}
		if apperr.Problems(e.Problems).Errors() > 0 {
			withErr++
		}
	}
	labelsOf := map[string]string{}
	firsts := firstRows(list)
	for i, e := range shown.Entries {
		unit := e.Unit
		if e.Kind == award.Collective {
			unit = e.ParentUnit
		}
		if (v.Filter.Unit != "" && unit != v.Filter.Unit) || (v.Filter.Form != "" && e.AwardForm != v.Filter.Form) || (v.Filter.Errors && len(e.Problems) == 0) {
			continue
		}
		v.Matching++
		if v.Matching <= first || v.Matching > first+rowsPerPage {
			continue
		}
		v.Shown = append(v.Shown, h.entryView(e, i+1, labelsOf, firsts))
	}
	v.Pages = (v.Matching + rowsPerPage - 1) / rowsPerPage
	link := func(n int) string {
		u := url.Values{}
		for k, val := range map[string]string{"q": v.Filter.Q, "don-vi": v.Filter.Unit, "hinh-thuc": v.Filter.Form} {
			if val != "" {
				u.Set(k, val)
			}
		}
		if v.Filter.Errors {
			u.Set("co-loi", "1")
		}
		u.Set("trang", strconv.Itoa(n))
		return "/dot-thi-dua/" + url.PathEscape(c.ID) + "?" + u.Encode()
	}
	if v.Filter.Page > 1 {
		v.PrevURL = link(v.Filter.Page - 1)
	}
	if v.Filter.Page < v.Pages {
		v.NextURL = link(v.Filter.Page + 1)
	}
	for u := range units {
		v.Units = append(v.Units, u)
	}
	sortStrings(v.Units)
	for f := range forms {
		v.Forms = append(v.Forms, option{f, h.formLabel(f)})
	}
	v.Counts = countsLine(collectives, individuals, withErr)
	if ds, err := h.deps.Campaigns.ListDrafts(ctx, campaign.Query{CampaignID: id, Limit: 20}); err == nil {
		v.Drafts = ds.Items
	}
	v.Plan = h.planOf(r, c)
	v.AllForms = h.formOptions()
	h.render(w, r, status, "campaign", page{Title: c.Title, Nav: "dot-thi-dua", Data: v})
}

func countsLine(collectives, individuals, withErr int) string {
	return nd30.Count(collectives) + " tập thể, " + nd30.Count(individuals) + " cá nhân — " + strconv.Itoa(withErr) + " dòng cần sửa"
}

// firstRow is the first row of a name in the list: a later row with the
// same name is its duplicate.
type firstRow struct {
	id string
	no int
}

func firstRows(list campaign.Listing) map[string]firstRow {
	firsts := make(map[string]firstRow, len(list.Entries))
	for i, e := range list.Entries {
		k := string(e.Kind) + "|" + nd30.Key(e.Name)
		if _, ok := firsts[k]; !ok {
			firsts[k] = firstRow{e.ID, i + 1}
		}
	}
	return firsts
}

// entryView is the row of e, the no-th of the list; labelsOf caches the
// forms' names.
func (h *Handler) entryView(e campaign.Entry, no int, labelsOf map[string]string, firsts map[string]firstRow) entryView {
	ev := entryView{ID: e.ID, No: no, Name: e.Name, FormLabel: labelsOf[e.AwardForm], HasError: apperr.Problems(e.Problems).Errors() > 0, Source: e.File,
		Kind: string(e.Kind), RawName: e.Name, Gender: string(e.Gender), Unit: e.Unit, Form: e.AwardForm}
	if _, ok := labelsOf[e.AwardForm]; !ok {
		ev.FormLabel = h.formLabel(e.AwardForm)
		labelsOf[e.AwardForm] = ev.FormLabel
	}
	if e.Kind == award.Individual {
		ev.Name = strings.TrimSpace(e.Honorific() + " " + e.Name)
		ev.Where = strings.Trim(e.Position+", "+e.Unit, ", ")
	} else {
		ev.Where, ev.Unit = e.ParentUnit, e.ParentUnit
	}
	if e.Source != nil && e.Source.Row > 0 {
		ev.Source += fmt.Sprintf(", dòng %d", e.Source.Row)
	}
	for _, p := range e.Problems {
		ev.Problems = append(ev.Problems, rowProblem{p.Message, p.Warning})
		if p.Code == "duplicate" {
			if f, ok := firsts[string(e.Kind)+"|"+nd30.Key(e.Name)]; ok && f.id != e.ID {
				ev.MergeInto, ev.MergeNo = f.id, f.no
			}
		}
	}
	return ev
}

func (h *Handler) formLabel(id string) string {
	if h.deps.Campaigns == nil || h.deps.Campaigns.Catalogue == nil || id == "" {
		return id
	}
	if f, ok := h.deps.Campaigns.Catalogue.Form(id); ok {
		return f.Name
	}
	return id
}

// postImport reads the units' lists (several files) into the campaign.
func (h *Handler) postImport(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		h.fail(w, r, apperr.Invalidf("file", "bad_upload", "Không đọc được tệp gửi lên: chọn lại tệp XLSX hoặc CSV."))
		return
	}
	if !checkCSRF(r, who(r).CSRF) {
		h.problemPage(w, r, http.StatusForbidden, "Yêu cầu không hợp lệ", "Mã chống giả mạo (CSRF) không đúng. Hãy tải lại trang.")
		return
	}
	var files []campaign.ImportFile
	for _, fh := range r.MultipartForm.File["tep"] {
		f, err := fh.Open()
		if err != nil {
			h.fail(w, r, apperr.Wrap(err, "open upload"))
			return
		}
		defer f.Close()
		files = append(files, campaign.ImportFile{Name: fh.Filename, Data: f, Size: fh.Size})
	}
	if len(files) == 0 {
		h.campaignPage(w, r, http.StatusBadRequest, campaignView{Error: "Chọn ít nhất một tệp danh sách (XLSX hoặc CSV) để nhập."})
		return
	}
	res, err := h.deps.Campaigns.Import(r.Context(), r.PathValue("id"), files, campaign.ImportOptions{AwardForm: r.FormValue("hinh-thuc")})
	if err != nil {
		e := apperr.As(err)
		if e.Kind == apperr.Internal {
			h.fail(w, r, err)
			return
		}
		h.campaignPage(w, r, http.StatusBadRequest, campaignView{Error: e.Detail, Problems: e.Problems})
		return
	}
	h.campaignPage(w, r, http.StatusOK, campaignView{Imported: &res})
}

// postDraftFromCampaign makes the Tờ trình or the Quyết định of the
// campaign and opens it in the drafting page.
func (h *Handler) postDraftFromCampaign(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	kind := r.PostFormValue("loai")
	d, err := h.deps.Campaigns.DraftFromCampaign(r.Context(), r.PathValue("id"), campaign.DraftRequest{Kind: kind, AwardForm: r.PostFormValue("hinh-thuc")})
	if err != nil {
		e := apperr.As(err)
		if e.Kind == apperr.Internal {
			h.fail(w, r, err)
			return
		}
		h.campaignPage(w, r, http.StatusBadRequest, campaignView{Error: e.Detail, Problems: e.Problems})
		return
	}
	http.Redirect(w, r, "/van-ban/soan/"+d.Kind+"?nhap="+url.QueryEscape(d.ID)+"&da=lap", http.StatusSeeOther)
}

func (h *Handler) postDeleteNomination(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	if err := h.deps.Campaigns.DeleteNomination(r.Context(), r.PathValue("id"), r.PathValue("nid")); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/dot-thi-dua/"+url.PathEscape(r.PathValue("id"))+"?da=xoa", http.StatusSeeOther)
}

// postMergeNomination keeps this row and merges the one named by "bo" into it.
func (h *Handler) postMergeNomination(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	if _, err := h.deps.Campaigns.MergeNominations(r.Context(), r.PathValue("id"), r.PathValue("nid"), r.PostFormValue("bo")); err != nil {
		e := apperr.As(err)
		if e.Kind == apperr.Internal {
			h.fail(w, r, err)
			return
		}
		h.campaignPage(w, r, http.StatusBadRequest, campaignView{Error: e.Detail, Problems: e.Problems})
		return
	}
	http.Redirect(w, r, "/dot-thi-dua/"+url.PathEscape(r.PathValue("id"))+"?da=gop", http.StatusSeeOther)
}

// postPrint prints the certificates of an issued Quyết định.
func (h *Handler) postPrint(w http.ResponseWriter, r *http.Request) {
	if h.deps.Printer == nil {
		h.notFound(w, r)
		return
	}
	req, err := printRequest(r)
	if err != nil {
		h.printError(w, r, err)
		return
	}
	p, err := h.deps.Printer.Print(r.Context(), r.PathValue("id"), req)
	if err != nil {
		h.printError(w, r, err)
		return
	}
	sendFile(w, paperwork.File{Name: p.Name, ContentType: p.ContentType, Data: p.Data}, false)
}

// printRequest reads the print form: mode, design, the printer offset in
// mm (a decimal comma as officers type it), PDF or ZIP; "In trang căn
// chỉnh" asks for the calibration page whatever the mode chosen.
func printRequest(r *http.Request) (campaign.PrintRequest, error) {
	var off [2]float64
	for i, name := range []string{"lech-x", "lech-y"} {
		v := strings.ReplaceAll(strings.TrimSpace(r.PostFormValue(name)), ",", ".")
		if v == "" {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return campaign.PrintRequest{}, apperr.Invalidf(name, "invalid_offset", "Độ lệch %q không phải số milimét (ví dụ 1,5 hoặc -2).", r.PostFormValue(name))
		}
		off[i] = f
	}
	req := campaign.PrintRequest{Mode: certificate.Mode(r.PostFormValue("kieu")), Format: r.PostFormValue("dinh-dang"),
		Design: r.PostFormValue("mau"), Offset: certificate.Offset{X: off[0], Y: off[1]}, AwardForm: r.PostFormValue("hinh-thuc")}
	if r.PostFormValue("can-chinh") != "" {
		req.Mode, req.Format = certificate.ModeCalibration, "pdf"
	}
	return req, nil
}

func (h *Handler) printError(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.As(err)
	if e.Kind == apperr.Internal {
		h.fail(w, r, err)
		return
	}
	rec, gerr := h.deps.Register.Get(r.Context(), r.PathValue("id"))
	if gerr != nil {
		h.fail(w, r, err)
		return
	}
	// What was chosen stays chosen; a form without a design of its own is
	// said beside "Mẫu".
	pf := h.printForm(r, rec.ID.String(), printForm{Mode: r.PostFormValue("kieu"), Design: r.PostFormValue("mau"),
		X: r.PostFormValue("lech-x"), Y: r.PostFormValue("lech-y"), Form: r.PostFormValue("hinh-thuc")})
	msg := problemText(err)
	if e.Code == "no_certificate_design" {
		pf.DesignError = designNeeded(pf)
		msg = pf.DesignError
	}
	h.render(w, r, http.StatusBadRequest, "record", page{Title: "Văn bản số " + rec.Ref(), Nav: "so-van-ban-di",
		Data: recordView{Rec: rec, PrintError: msg, CanPrint: true, Print: pf}})
}

// printForm completes the print form of decision id with its award forms:
// the list is offered when there are several, the decision's own chosen
// unless another was.
func (h *Handler) printForm(r *http.Request, id string, pf printForm) printForm {
	forms, own, err := h.deps.Printer.Forms(r.Context(), id)
	if err != nil || len(forms) < 2 {
		return pf
	}
	if pf.Form == "" {
		pf.Form = own.ID
	}
	for _, f := range forms {
		pf.Forms = append(pf.Forms, option{f.ID, f.Name})
	}
	return pf
}

// designNeeded says that the chosen award form (a danh hiệu) has no
// certificate design of its own.
func designNeeded(pf printForm) string {
	name := "Hình thức này"
	for _, o := range pf.Forms {
		if o.Value == pf.Form {
			name = "«" + o.Label + "»"
		}
	}
	return name + " không có mẫu in sẵn: chọn Mẫu «Giấy khen» hoặc «Bằng khen» để in."
}

// postPrintPreview draws the first certificate as it would print with the
// form's mode, design and printer offset (nothing recorded), for the live
// preview beside the form.
func (h *Handler) postPrintPreview(w http.ResponseWriter, r *http.Request) {
	if h.deps.Printer == nil {
		h.notFound(w, r)
		return
	}
	req, err := printRequest(r)
	if err == nil {
		req.Format, req.Preview = "pdf", true
		var p campaign.Printed
		if p, err = h.deps.Printer.Print(r.Context(), r.PathValue("id"), req); err == nil {
			writeJSON(w, http.StatusOK, map[string]any{"ok": true, "pdf": base64.StdEncoding.EncodeToString(p.Data),
				"offset": []float64{req.Offset.X, req.Offset.Y}, "count": p.Count, "reprint": p.Reprint})
			return
		}
	}
	e := apperr.As(err)
	if e.Kind == apperr.Internal {
		h.log.ErrorContext(r.Context(), "workspace: certificate preview", "error", err.Error())
	}
	rep := map[string]any{"ok": false, "error": problemText(err), "code": e.Code}
	if e.Code == "no_certificate_design" {
		rep["field"] = "mau"
		rep["error"] = designNeeded(h.printForm(r, r.PathValue("id"), printForm{Form: r.PostFormValue("hinh-thuc")}))
	}
	writeJSON(w, http.StatusOK, rep)
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// --- the agency profile ---

// profileView is the profile's page: the form made from the profile's
// schema, and the preview of a document's header with it.
type profileView struct {
	Form     *form
	Problems []problemView
	Errors   int
	ID       string
	CanSave  bool
	// Emblem is the saved emblem as a data: URL, shown beside its upload
	// field; EmblemProblems are the upload's problems, shown there too.
	Emblem         template.URL
	EmblemProblems []string
	EmblemNote     string
}

// profileSchema is the profile's schema for its form: without the emblem,
// which the form uploads as a PNG file (a field of base64 text would be
// unusable).
func profileSchema() []byte {
	var s map[string]any
	_ = json.Unmarshal(campaign.Schemas()["Profile"], &s)
	if props, ok := s["properties"].(map[string]any); ok {
		delete(props, "emblem")
	}
	out, _ := json.Marshal(s)
	return out
}

// emblemURL shows an emblem in the page (the CSP allows data: images).
func emblemURL(png []byte) template.URL {
	if len(png) == 0 {
		return ""
	}
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
}

// maxFormValue bounds one text value of the profile form read from a
// multipart body (the whole body is bounded by Config.MaxBodyBytes).
const maxFormValue = 64 << 10

// profileForm is a posted profile form: its text values and the emblem
// uploaded ("quoc-huy", nil: none), or the upload's problem.
type profileForm struct {
	values    url.Values
	emblem    []byte
	emblemErr error
}

// badForm is the problem of a body that is not the form it claims to be
// (a multipart body without boundary, cut or garbled).
func badForm(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return apperr.New(apperr.TooLarge, "form_too_large", fmt.Sprintf("Dữ liệu gửi lên lớn hơn %d MB: hãy chọn ảnh nhỏ hơn rồi gửi lại.", tooBig.Limit>>20))
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "invalid_form", Detail: "Không đọc được biểu mẫu gửi lên (" + err.Error() + "): hãy tải lại trang rồi gửi lại."}
}

// readProfileForm reads the profile form. A multipart body is read part by
// part (r.MultipartReader): the emblem's part up to MaxEmblemBytes — a
// larger file is a problem of its field, the rest of it skipped unread
// into memory — and each value up to maxFormValue. When the CSRF check
// already parsed the body (a form posted without the header), the file
// was spooled past 64 KiB to a temporary file and is read the same way.
func readProfileForm(r *http.Request) (profileForm, error) {
	var out profileForm
	readEmblem := func(name string, size int64, f io.Reader) error {
		if name == "" && size == 0 {
			return nil // no file chosen
		}
		if size > certprint.MaxEmblemBytes {
			out.emblemErr = certprint.EmblemTooLarge("emblem")
			return nil
		}
		data, err := io.ReadAll(io.LimitReader(f, certprint.MaxEmblemBytes+1))
		if err != nil {
			return err
		}
		if len(data) > certprint.MaxEmblemBytes {
			out.emblemErr = certprint.EmblemTooLarge("emblem")
			_, err = io.Copy(io.Discard, f) // bounded by the body's limit
			return err
		}
		if len(data) > 0 {
			out.emblem = data
		}
		return nil
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseForm(); err != nil {
			return out, badForm(err)
		}
		out.values = r.PostForm
		return out, nil
	}
	if r.MultipartForm != nil && r.MultipartForm.Value != nil { // parsed by checkCSRF
		out.values = url.Values(r.MultipartForm.Value)
		if fhs := r.MultipartForm.File["quoc-huy"]; len(fhs) > 0 {
			fh := fhs[0]
			if fh.Size > certprint.MaxEmblemBytes {
				out.emblemErr = certprint.EmblemTooLarge("emblem")
				return out, nil
			}
			f, err := fh.Open()
			if err != nil {
				return out, apperr.Wrap(err, "emblem upload")
			}
			defer f.Close()
			return out, readEmblem(fh.Filename, fh.Size, f)
		}
		return out, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return out, badForm(err)
	}
	out.values = url.Values{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return out, badForm(err)
		}
		name := part.FormName()
		switch {
		case name == "quoc-huy":
			if err := readEmblem(part.FileName(), -1, part); err != nil {
				return out, badForm(err)
			}
		case part.FileName() != "":
			if _, err := io.Copy(io.Discard, part); err != nil {
				return out, badForm(err)
			}
		default:
			v, err := io.ReadAll(io.LimitReader(part, maxFormValue+1))
			if err != nil {
				return out, badForm(err)
			}
			if len(v) > maxFormValue {
				return out, apperr.Invalidf("", "invalid_form", "Trường %q của biểu mẫu dài quá %d KB.", name, maxFormValue>>10)
			}
			out.values.Add(name, string(v))
		}
		part.Close()
	}
	r.PostForm = out.values
	return out, nil
}

func (h *Handler) getProfile(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	var doc map[string]any
	id := r.URL.Query().Get("ma")
	if id != "" {
		p, err := h.deps.Campaigns.Profile(r.Context(), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		b, _ := json.Marshal(p)
		_ = json.Unmarshal(b, &doc)
	}
	f, err := newForm("profile", profileSchema(), doc, nil)
	if err != nil {
		h.fail(w, r, apperr.Wrap(err, "profile form"))
		return
	}
	var emblem template.URL
	if id != "" && doc["emblem"] != nil {
		if png, err := h.deps.Campaigns.ProfileEmblem(r.Context(), id); err == nil {
			emblem = emblemURL(png)
		}
	}
	h.render(w, r, http.StatusOK, "profile", page{Title: "Hồ sơ cơ quan", Nav: "co-quan",
		Data: profileView{Form: f, ID: id, CanSave: who(r).User.Can(account.Admin), Emblem: emblem}})
}

// postedProfile reads the profile form. The emblem is the uploaded PNG
// ("quoc-huy"), none when "xoa-quoc-huy" is ticked, else the saved one
// (its reference). An emblem's problem is reported with the form's own,
// so the form is shown again with everything typed.
func (h *Handler) postedProfile(r *http.Request) (*form, campaign.Profile, error) {
	in, err := readProfileForm(r)
	if err != nil {
		return nil, campaign.Profile{}, err
	}
	f, err := newForm("profile", profileSchema(), nil, postedRows(in.values))
	if err != nil {
		return nil, campaign.Profile{}, apperr.Wrap(err, "profile form")
	}
	for p, fl := range f.fields {
		if fl.Control == "checkbox" {
			fl.Checked = in.values.Get(p) != ""
		} else {
			fl.Value = in.values.Get(p)
		}
	}
	data, err := f.decode(in.values)
	if err != nil {
		return f, campaign.Profile{}, err
	}
	// decode writes "kind": the profile has none.
	var obj map[string]json.RawMessage
	_ = json.Unmarshal(data, &obj)
	delete(obj, "kind")
	data, _ = json.Marshal(obj)
	p, err := campaign.DecodeProfile(data)
	if err != nil {
		return f, campaign.Profile{}, err
	}
	var ps apperr.Problems
	switch {
	case in.emblemErr != nil:
		ps = append(ps, apperr.As(in.emblemErr).Problems...)
	case in.values.Get("xoa-quoc-huy") != "":
	case in.emblem != nil:
		p.Emblem = &campaign.Emblem{PNG: in.emblem}
	case p.ID != "":
		if saved, err := h.deps.Campaigns.Profile(r.Context(), p.ID); err == nil {
			p.Emblem = saved.Emblem
		}
	}
	c, more := p.Check()
	ps = append(ps, more...)
	if ps.Errors() > 0 {
		if c.Emblem.Prepared() {
			p.Emblem = c.Emblem // the upload passed: scaled once
		}
		return f, p, &apperr.Error{Kind: apperr.Invalid, Code: "invalid_input", Detail: fmt.Sprintf("Hồ sơ cơ quan chưa hợp lệ: có %d lỗi cần sửa.", ps.Errors()), Problems: ps}
	}
	return f, c, nil
}

func (h *Handler) postProfile(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	f, p, err := h.postedProfile(r)
	if err == nil {
		_, err = h.deps.Campaigns.SaveProfile(r.Context(), p)
	}
	if err != nil {
		e := apperr.As(err)
		if e.Kind != apperr.Invalid || f == nil {
			h.fail(w, r, err)
			return
		}
		v := profileView{Form: f, ID: p.ID, CanSave: true}
		// The saved emblem stays until the form is saved; a file chosen
		// must be chosen again (a page cannot fill a file field).
		if png, err := h.deps.Campaigns.ProfileEmblem(r.Context(), p.ID); err == nil && p.ID != "" {
			v.Emblem = emblemURL(png)
		}
		if p.Emblem.Prepared() {
			v.EmblemNote = "Ảnh vừa chọn hợp lệ nhưng chưa được lưu vì hồ sơ còn lỗi: sửa lỗi rồi chọn lại tệp ảnh khi lưu."
		}
		v.Problems = f.attach(e.Problems)
		for i, pv := range v.Problems {
			if pv.Field == "emblem" || strings.HasPrefix(pv.Field, "emblem.") {
				v.Problems[i].ID, v.Problems[i].Label = "quoc-huy", "Quốc huy / biểu trưng"
				v.EmblemProblems = append(v.EmblemProblems, pv.Message)
			}
		}
		v.Errors = apperr.Problems(e.Problems).Errors()
		h.render(w, r, http.StatusBadRequest, "profile", page{Title: "Hồ sơ cơ quan", Nav: "co-quan", Data: v})
		return
	}
	http.Redirect(w, r, "/co-quan?da=ho-so", http.StatusSeeOther)
}

// postProfilePreview draws the header of a Kế hoạch made with the profile
// being edited, for the live preview.
func (h *Handler) postProfilePreview(w http.ResponseWriter, r *http.Request) {
	rep := previewReply{Problems: []problemView{}}
	f, p, err := h.postedProfile(r)
	var file paperwork.File
	if err == nil {
		var input []byte
		if input, err = p.Apply([]byte(`{"kind":"ke-hoach","summary":"Trích yếu của văn bản","body":"Nội dung văn bản."}`)); err == nil {
			var obj map[string]any
			_ = json.Unmarshal(input, &obj)
			month := nd30.DateOf(h.cfg.Now().In(h.cfg.Location))
			month.Day = 0 // the day left blank, as on a draft
			obj["date"] = month.String()
			input, _ = json.Marshal(obj)
			file, err = h.deps.Documents.Render(r.Context(), input, paperwork.PDF)
		}
	}
	if err != nil {
		e := apperr.As(err)
		if f != nil && e.Kind == apperr.Invalid {
			rep.Problems = f.attach(e.Problems)
			rep.Errors = apperr.Problems(e.Problems).Errors()
		} else {
			rep.Problems = append(rep.Problems, problemView{Message: e.Detail})
		}
		writeJSON(w, http.StatusOK, rep)
		return
	}
	rep.OK = true
	rep.PDF = base64.StdEncoding.EncodeToString(file.Data)
	writeJSON(w, http.StatusOK, rep)
}

// --- one nomination ---

type nominationView struct {
	C        campaign.Campaign
	E        campaign.Entry
	Forms    []option
	Error    string
	Problems []apperr.Problem
}

func (h *Handler) entry(r *http.Request) (campaign.Campaign, campaign.Entry, error) {
	c, err := h.deps.Campaigns.Campaign(r.Context(), r.PathValue("id"))
	if err != nil {
		return c, campaign.Entry{}, err
	}
	list, err := h.deps.Campaigns.Nominations(r.Context(), c.ID)
	if err != nil {
		return c, campaign.Entry{}, err
	}
	for _, e := range list.Entries {
		if e.ID == r.PathValue("nid") {
			return c, e, nil
		}
	}
	return c, campaign.Entry{}, apperr.New(apperr.NotFound, "nomination_not_found", "Không có đề nghị này trong đợt thi đua.")
}

func (h *Handler) formOptions() []option {
	var out []option
	if cat := h.deps.Campaigns.Catalogue; cat != nil {
		for _, f := range cat.Forms {
			out = append(out, option{f.ID, f.Name})
		}
	}
	return out
}

func (h *Handler) getNomination(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	c, e, err := h.entry(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "nomination", page{Title: "Sửa đề nghị", Nav: "dot-thi-dua",
		Data: nominationView{C: c, E: e, Forms: h.formOptions()}})
}

// postNomination saves one row edited in place: the officer chooses Nam/Nữ
// or the form from the list, corrects a name or a unit.
func (h *Handler) postNomination(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	c, e, err := h.entry(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// Only the fields posted change: the page's form posts them all, the
	// inline editor of the table the four of its row.
	n := e.Nomination
	_ = r.ParseForm()
	set := func(key string, dst *string) {
		if vs, ok := r.PostForm[key]; ok && len(vs) > 0 {
			*dst = strings.TrimSpace(vs[0])
		}
	}
	kind, gender := string(n.Kind), string(n.Gender)
	set("loai", &kind)
	set("gioi-tinh", &gender)
	n.Kind, n.Gender = award.Kind(kind), award.Gender(gender)
	if vs, ok := r.PostForm["nam-sinh"]; ok && len(vs) > 0 {
		n.BirthYear, _ = strconv.Atoi(strings.TrimSpace(vs[0]))
	}
	set("ten", &n.Name)
	set("chuc-vu", &n.Position)
	set("don-vi", &n.Unit)
	set("truc-thuoc", &n.ParentUnit)
	set("hinh-thuc", &n.AwardForm)
	set("thanh-tich", &n.Summary)
	set("ghi-chu", &n.Note)
	inline := r.Header.Get("Accept") == "application/json"
	if _, err := h.deps.Campaigns.EditNomination(r.Context(), c.ID, e.ID, n); err != nil {
		ae := apperr.As(err)
		if inline && ae.Kind != apperr.Internal {
			writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": problemText(err)})
			return
		}
		if ae.Kind != apperr.Invalid {
			h.fail(w, r, err)
			return
		}
		e.Nomination = n
		h.render(w, r, http.StatusBadRequest, "nomination", page{Title: "Sửa đề nghị", Nav: "dot-thi-dua",
			Data: nominationView{C: c, E: e, Forms: h.formOptions(), Error: ae.Detail, Problems: ae.Problems}})
		return
	}
	if inline {
		h.inlineReply(w, r, c.ID, e.ID)
		return
	}
	http.Redirect(w, r, "/dot-thi-dua/"+url.PathEscape(c.ID)+"?da=sua#dn-"+url.PathEscape(e.ID), http.StatusSeeOther)
}

// inlineReply answers the inline editor: the saved row as the table shows
// it (its problems in the list: a duplicate, a missing gender…) and the
// campaign's summary line.
func (h *Handler) inlineReply(w http.ResponseWriter, r *http.Request, campaignID, id string) {
	list, err := h.deps.Campaigns.Nominations(r.Context(), campaignID)
	if err != nil {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": problemText(err)})
		return
	}
	collectives, individuals, withErr := 0, 0, 0
	var row *entryView
	firsts := firstRows(list)
	for i, e := range list.Entries {
		if e.Kind == award.Collective {
			collectives++
		} else {
			individuals++
		}
		if apperr.Problems(e.Problems).Errors() > 0 {
			withErr++
		}
		if e.ID == id {
			ev := h.entryView(e, i+1, map[string]string{}, firsts)
			row = &ev
		}
	}
	if row == nil {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "Không còn đề nghị này trong đợt thi đua."})
		return
	}
	listProblems := make([]rowProblem, 0, len(list.Problems))
	for _, p := range list.Problems {
		listProblems = append(listProblems, rowProblem{p.Message, p.Warning})
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "counts": countsLine(collectives, individuals, withErr),
		"listProblems": listProblems,
		"row": map[string]any{"no": row.No, "name": row.Name, "where": row.Where, "formLabel": row.FormLabel,
			"hasError": row.HasError, "problems": row.Problems,
			"kind": row.Kind, "ten": row.RawName, "gioiTinh": row.Gender, "donVi": row.Unit, "hinhThuc": row.Form}})
}

// postBodyFile reads a .docx (or .txt) draft into the body's text for the
// drafting page (wordbody: paragraphs, numbering, bold and italic kept).
func (h *Handler) postBodyFile(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		writeJSON(w, http.StatusOK, map[string]string{"error": "Không đọc được tệp gửi lên."})
		return
	}
	if !checkCSRF(r, who(r).CSRF) {
		writeJSON(w, http.StatusForbidden, map[string]string{"error": "Mã chống giả mạo (CSRF) không đúng; tải lại trang."})
		return
	}
	file, fh, err := r.FormFile("tep")
	if err != nil {
		writeJSON(w, http.StatusOK, map[string]string{"error": "Chọn một tệp .docx hoặc .txt."})
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, 16<<20))
	if err != nil {
		writeJSON(w, http.StatusOK, map[string]string{"error": "Không đọc được tệp gửi lên."})
		return
	}
	d, err := wordbody.Read(fh.Filename, data)
	if err != nil {
		writeJSON(w, http.StatusOK, map[string]string{"error": problemText(err)})
		return
	}
	note := ""
	if len(d.Dropped) > 0 {
		note = "Đã bỏ qua: " + strings.Join(d.Dropped, ", ") + "."
	}
	writeJSON(w, http.StatusOK, map[string]string{"text": d.Text, "note": note})
}

// --- the campaign's Kế hoạch ---

// planView is the Kế hoạch that launched a campaign, as its page shows it,
// and the Kế hoạch the officer may choose from: those issued in the sổ and
// the drafts not issued yet.
type planView struct {
	// Chosen is the value of the current choice ("so:ID", "nhap:ID"), Label
	// how it is cited ("Kế hoạch số 01/KH-SVHTTDL ngày 05/01/2026"), URL
	// where it opens; Issued is false while the căn cứ cannot cite it.
	Chosen, Label, Summary, URL string
	Issued                      bool
	Records, Drafts             []option
}

// planChoices bounds the Kế hoạch offered in the list.
const planChoices = 100

func (h *Handler) planOf(r *http.Request, c campaign.Campaign) planView {
	ctx := r.Context()
	var v planView
	if p := c.Plan; p != nil {
		v.Summary = p.Summary
		switch {
		case p.RecordID != "":
			v.Chosen, v.URL, v.Issued = "so:"+p.RecordID, "/so-van-ban-di/"+url.PathEscape(p.RecordID), true
			if h.deps.Register != nil {
				if rec, err := h.deps.Register.Get(ctx, p.RecordID); err == nil {
					v.Label = "Kế hoạch số " + rec.Ref() + " ngày " + rec.Date.Padded()
				}
			}
		case p.DraftID != "":
			v.Chosen, v.URL = "nhap:"+p.DraftID, "/van-ban/soan/ke-hoach?nhap="+url.QueryEscape(p.DraftID)
			if d, err := h.deps.Campaigns.Draft(ctx, p.DraftID); err == nil {
				v.Summary = d.Title
				if d.RecordID != "" && h.deps.Register != nil {
					if rec, err := h.deps.Register.Get(ctx, d.RecordID); err == nil {
						v.Issued, v.URL, v.Summary = true, "/so-van-ban-di/"+rec.ID.String(), rec.Summary
						v.Label = "Kế hoạch số " + rec.Ref() + " ngày " + rec.Date.Padded()
					}
				}
			}
		default:
			v.Issued = true
		}
		if v.Label == "" && p.Number > 0 {
			v.Label = "Kế hoạch số " + p.Ref().String()
			if d, err := nd30.ParseDate(p.Date); err == nil {
				v.Label += " ngày " + d.Padded()
			}
		}
		if v.Label == "" {
			v.Label = "Bản nháp kế hoạch (chưa ban hành)"
		}
	}
	v.Records, v.Drafts = h.planChoices(r)
	return v
}

// planChoices are the Kế hoạch a campaign may cite: those issued in the sổ
// (not cancelled), and the drafts not issued yet.
func (h *Handler) planChoices(r *http.Request) (records, drafts []option) {
	ctx := r.Context()
	if h.deps.Register != nil {
		if pg, err := h.deps.Register.List(ctx, registry.Query{Kind: "KH", Limit: planChoices}); err == nil {
			for _, rec := range pg.Records {
				if rec.Status == registry.Cancelled {
					continue
				}
				records = append(records, option{"so:" + rec.ID.String(), rec.Ref() + " ngày " + rec.Date.Padded() + " — " + rec.Summary})
			}
		}
	}
	if ds, err := h.deps.Campaigns.ListDrafts(ctx, campaign.Query{Kind: "ke-hoach", Limit: planChoices}); err == nil {
		for _, d := range ds.Items {
			if d.RecordID != "" {
				continue // issued: offered as its record
			}
			drafts = append(drafts, option{"nhap:" + d.ID, d.Title + " (phiên bản " + strconv.Itoa(d.Version) + ")"})
		}
	}
	return records, drafts
}

// planChoice reads the Kế hoạch chosen in a list: "so:ID" an issued record,
// "nhap:ID" a draft, "" none.
func planChoice(choice string) (*campaign.Plan, bool) {
	src, id, _ := strings.Cut(choice, ":")
	switch {
	case choice == "":
		return nil, true
	case src == "so" && id != "":
		return &campaign.Plan{RecordID: id}, true
	case src == "nhap" && id != "":
		return &campaign.Plan{DraftID: id}, true
	}
	return nil, false
}

// postCampaignPlan links the campaign to its Kế hoạch: an issued record of
// the sổ ("so:ID"), a draft ("nhap:ID"), or none ("").
func (h *Handler) postCampaignPlan(w http.ResponseWriter, r *http.Request) {
	if h.deps.Campaigns == nil {
		h.notFound(w, r)
		return
	}
	c, err := h.deps.Campaigns.Campaign(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	plan, ok := planChoice(r.PostFormValue("ke-hoach"))
	if !ok {
		h.campaignPage(w, r, http.StatusBadRequest, campaignView{Error: "Chọn kế hoạch trong danh sách."})
		return
	}
	c.Plan = plan
	if _, err := h.deps.Campaigns.SaveCampaign(r.Context(), c); err != nil {
		e := apperr.As(err)
		if e.Kind != apperr.Invalid {
			h.fail(w, r, err)
			return
		}
		h.campaignPage(w, r, http.StatusBadRequest, campaignView{Error: e.Detail, Problems: e.Problems})
		return
	}
	http.Redirect(w, r, "/dot-thi-dua/"+url.PathEscape(c.ID)+"?da=ke-hoach#ke-hoach", http.StatusSeeOther)
}
