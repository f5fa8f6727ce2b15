package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

var vietnam = time.FixedZone("ICT", 7*3600)

// page is what every template receives.
type page struct {
	Title string
	// Nav is the section of the left navigation that is current.
	Nav         string
	Who         *principal
	CSRF        string
	Flash       string
	IdleSeconds int
	Data        any
}

var funcs = template.FuncMap{
	"roleLabel": func(r account.Role) string { return r.Label() },
	"roles":     func() []account.Role { return account.Roles },
	"date":      func(d nd30.Date) string { return d.Padded() },
	"status":    func(s registry.Status) string { return s.Label() },
	"can":       func(p *principal, r string) bool { return p != nil && p.User.Can(account.Role(r)) },
	"add":       func(a, b int) int { return a + b },
	// clock is a time as officers read it, in Vietnam: 09:41 29/11/2026.
	"clock": func(t time.Time) string {
		t = t.In(vietnam)
		return t.Format("15:04") + " " + nd30.DateOf(t).Padded()
	},
	"size": func(n int64) string {
		if n < 1024*1024 {
			return fmt.Sprintf("%d KB", (n+1023)/1024)
		}
		return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
	},
}

func (h *Handler) parseTemplates() error {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/fields.html")
	if err != nil {
		return err
	}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return err
	}
	h.pages = map[string]*template.Template{}
	for _, n := range names {
		name := path.Base(n)
		if name == "layout.html" || name == "fields.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(assets, n)
		if err != nil {
			return err
		}
		h.pages[strings.TrimSuffix(name, ".html")] = t
	}
	return nil
}

// render writes a page with the layout.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	p.Who = who(r)
	if p.Who != nil {
		p.CSRF = p.Who.CSRF
		if !p.Who.Local {
			p.IdleSeconds = int(h.cfg.IdleTimeout.Seconds())
		}
	}
	if p.Flash == "" {
		p.Flash = flashes[r.URL.Query().Get("da")]
	}
	t := h.pages[name]
	// Written whole or not at all: a template failure never leaves half a page.
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		h.log.ErrorContext(r.Context(), "workspace: template", "page", name, "error", err.Error())
		buf.Reset()
		status = http.StatusInternalServerError
		_ = h.pages["problem"].ExecuteTemplate(&buf, "layout.html", page{Title: "Lỗi hệ thống", Who: p.Who,
			Data: "Trang này chưa hiện được; vui lòng thử lại hoặc báo quản trị viên."})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// flashes are the one-line confirmations after a redirect (?da=…).
var flashes = map[string]string{
	"huy":       "Đã hủy văn bản; số của văn bản được giữ, không cấp lại.",
	"luu":       "Đã lưu bản nháp.",
	"lap":       "Đã lập bản nháp từ đợt thi đua: kiểm tra, sửa lời văn nếu cần, rồi lưu hoặc phát hành.",
	"xoa":       "Đã xóa đề nghị khỏi danh sách.",
	"gop":       "Đã gộp hai dòng trùng.",
	"sua":       "Đã lưu dòng vừa sửa.",
	"ke-hoach":  "Đã gắn kế hoạch cho đợt thi đua: Tờ trình, Quyết định lập từ đợt nêu kế hoạch này trong căn cứ.",
	"phat-hanh": "Đã cấp số và phát hành văn bản.",
	"tai-khoan": "Đã tạo tài khoản.",
	"ho-so":     "Đã lưu hồ sơ cơ quan: văn bản mới của cơ quan được điền sẵn theo hồ sơ.",
	"dang-xuat": "Đã đăng xuất.",
}

func (h *Handler) problemPage(w http.ResponseWriter, r *http.Request, status int, title, msg string) {
	h.render(w, r, status, "problem", page{Title: title, Data: msg})
}

// --- login ---

type loginView struct {
	Username, Next, Error string
	NoAccount             bool
}

func (h *Handler) getLogin(w http.ResponseWriter, r *http.Request) {
	if p := who(r); p != nil && !p.Local {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("tiep")), http.StatusSeeOther)
		return
	}
	csrf := h.visitorCSRF(w, r)
	h.render(w, r, http.StatusOK, "login", page{Title: "Đăng nhập", CSRF: csrf, Data: loginView{Next: r.URL.Query().Get("tiep")}})
}

func (h *Handler) postLogin(w http.ResponseWriter, r *http.Request) {
	csrf := h.visitorCSRF(w, r)
	if !checkCSRF(r, csrf) {
		h.problemPage(w, r, http.StatusForbidden, "Yêu cầu không hợp lệ", "Mã chống giả mạo (CSRF) của biểu mẫu không đúng hoặc đã hết hạn. Hãy tải lại trang đăng nhập.")
		return
	}
	v := loginView{Username: r.PostFormValue("ten"), Next: r.PostFormValue("tiep")}
	host, _, _ := strings.Cut(r.RemoteAddr, ":")
	if h2, _, err := splitHost(r.RemoteAddr); err == nil {
		host = h2
	}
	token, sess, _, err := h.deps.Accounts.Login(r.Context(), v.Username, r.PostFormValue("mat-khau"), host)
	if err != nil {
		e := apperr.As(err)
		if e.Kind != apperr.Unauthorized && e.Kind != apperr.Unavailable {
			h.fail(w, r, err)
			return
		}
		v.Error = e.Detail
		status := http.StatusUnauthorized
		if e.Kind == apperr.Unavailable {
			status = http.StatusTooManyRequests
		}
		h.render(w, r, status, "login", page{Title: "Đăng nhập", CSRF: csrf, Data: v})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: r.TLS != nil,
		SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt})
	http.Redirect(w, r, safeNext(v.Next), http.StatusSeeOther)
}

func (h *Handler) postLogout(w http.ResponseWriter, r *http.Request) {
	p := who(r)
	if p == nil || p.Local {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if !checkCSRF(r, p.CSRF) {
		h.problemPage(w, r, http.StatusForbidden, "Yêu cầu không hợp lệ", "Mã chống giả mạo (CSRF) không đúng. Hãy tải lại trang.")
		return
	}
	if err := h.deps.Accounts.Logout(r.Context(), p.token); err != nil {
		h.fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/dang-nhap?da=dang-xuat", http.StatusSeeOther)
}

// safeNext keeps a redirect inside the workspace.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// --- documents ---

type documentsView struct {
	Kinds  []paperwork.Kind
	Recent []registry.Record
	Drafts []campaign.Draft
	Titles map[string]string
}

func (h *Handler) getDocuments(w http.ResponseWriter, r *http.Request) {
	v := documentsView{Kinds: h.deps.Documents.Kinds(), Titles: map[string]string{}}
	for _, k := range v.Kinds {
		v.Titles[k.Name] = k.Title
	}
	if h.deps.Campaigns != nil {
		if pg, err := h.deps.Campaigns.ListDrafts(r.Context(), campaign.Query{Limit: 20}); err == nil {
			v.Drafts = pg.Items
		}
	}
	if h.deps.Register != nil {
		if pg, err := h.deps.Register.List(r.Context(), registry.Query{Limit: 8}); err == nil {
			v.Recent = pg.Records
		}
	}
	h.render(w, r, http.StatusOK, "documents", page{Title: "Văn bản", Nav: "van-ban", Data: v})
}

// draftView is the drafting page.
type draftView struct {
	Kind     paperwork.Kind
	Form     *form
	Problems []problemView
	Errors   int
	// Confirm is the number an issue would take, asked before issuing.
	Confirm    string
	Changed    bool
	CanIssue   bool
	FromSample bool
	// Fresh: a new draft with empty content and the example as
	// placeholders; the page offers "Điền văn bản mẫu".
	Fresh bool
	// FromProfile names the agency whose saved profile filled the form.
	FromProfile string
	// Draft is the saved draft being edited, its versions and the version
	// shown; CanSave when drafts can be saved.
	Draft    *campaign.Draft
	Versions []campaign.Version
	Shown    int
	CanSave  bool
}

func (h *Handler) kindOf(w http.ResponseWriter, r *http.Request) (paperwork.Kind, bool) {
	k, err := h.deps.Documents.Kind(r.PathValue("kind"))
	if err != nil {
		h.problemPage(w, r, http.StatusNotFound, "Không có loại văn bản này", apperr.As(err).Detail)
		return paperwork.Kind{}, false
	}
	return k, true
}

func (h *Handler) getDraft(w http.ResponseWriter, r *http.Request) {
	k, ok := h.kindOf(w, r)
	if !ok {
		return
	}
	d, versions, input, shown, err := h.loadDraft(r, k.Name)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	fresh := d == nil
	// A new draft opens with its header (the agency's saved profile, else
	// the example's), today's date and empty content, each content field
	// showing the example's words as a placeholder; ?mau=1 ("Điền văn bản
	// mẫu") fills the example in.
	withExample := fresh && r.URL.Query().Get("mau") != ""
	if input == nil {
		input = k.Example
	}
	var doc map[string]any
	_ = json.Unmarshal(input, &doc)
	if doc == nil {
		doc = map[string]any{}
	}
	fromProfile := ""
	var example map[string]any
	if fresh {
		delete(doc, "number") // the văn thư gives the number
		if !withExample {
			example = doc
			doc = map[string]any{}
			for _, key := range headerKeys {
				if v, ok := example[key]; ok {
					doc[key] = v
				}
			}
		}
		doc["date"] = nd30.DateOf(h.cfg.Now().In(h.cfg.Location)).String() // the example's own date is years old
		// The agency's saved profile fills what the agency repeats.
		if h.deps.Campaigns != nil {
			if ps, err := h.deps.Campaigns.ListProfiles(r.Context(), campaign.Query{Limit: 1}); err == nil && len(ps.Items) == 1 {
				p := ps.Items[0]
				for _, k := range []string{"agency", "signer", "recipients", "archive", "numberWidth"} {
					delete(doc, k)
				}
				b, _ := json.Marshal(doc)
				if applied, err := p.Apply(b); err == nil {
					doc = nil
					_ = json.Unmarshal(applied, &doc)
					delete(doc, "agencyProfile")
					fromProfile = p.Agency.Name
				}
			}
		}
	}
	f, err := newForm(k.Name, k.SchemaJSON(), doc, nil)
	if err != nil {
		h.fail(w, r, apperr.Wrap(err, "draft form"))
		return
	}
	if example != nil {
		if ex, err := newForm(k.Name, k.SchemaJSON(), example, nil); err == nil {
			f.placeholders(ex)
		}
	}
	h.render(w, r, http.StatusOK, "draft", page{Title: "Soạn " + k.Title, Nav: "van-ban",
		Data: draftView{Kind: k, Form: f, CanIssue: h.canIssue(r), FromSample: withExample, Fresh: fresh && !withExample,
			FromProfile: fromProfile, Draft: d, Versions: versions, Shown: shown, CanSave: h.deps.Campaigns != nil}})
}

// headerKeys are the parts of a document its agency repeats (ô 1, the
// signer, nơi nhận, bản lưu, the register's padding) and the layout
// choices: a new draft keeps them from the example unless the agency's
// profile gives them; everything else is the document's own content.
var headerKeys = []string{"agency", "signer", "recipients", "archive", "numberWidth", "layout", "pageSize", "template", "font"}

func (h *Handler) canIssue(r *http.Request) bool {
	p := who(r)
	return h.deps.Register != nil && p != nil && p.User.Can(account.Clerk)
}

// postedForm reads the posted draft: the form (with what was typed kept as
// typed) and the JSON input, or the problems of the form itself.
func (h *Handler) postedForm(r *http.Request, k paperwork.Kind) (*form, []byte, error) {
	if err := r.ParseForm(); err != nil {
		return nil, nil, err
	}
	f, err := newForm(k.Name, k.SchemaJSON(), nil, postedRows(r.PostForm))
	if err != nil {
		return nil, nil, apperr.Wrap(err, "draft form")
	}
	for p, fl := range f.fields {
		if fl.Control == "checkbox" {
			fl.Checked = r.PostForm.Get(p) != ""
		} else {
			fl.Value = r.PostForm.Get(p)
		}
	}
	data, err := f.decode(r.PostForm)
	return f, data, err
}

// showDraft re-renders the drafting page with err's problems beside the
// fields; what was typed stays.
func (h *Handler) showDraft(w http.ResponseWriter, r *http.Request, k paperwork.Kind, f *form, err error, v draftView) {
	e := apperr.As(err)
	if e.Kind != apperr.Invalid {
		h.fail(w, r, err)
		return
	}
	v.Kind, v.Form, v.CanIssue, v.CanSave = k, f, h.canIssue(r), h.deps.Campaigns != nil
	v.Draft = h.postedDraft(r)
	v.Problems = f.attach(e.Problems)
	v.Errors = apperr.Problems(e.Problems).Errors()
	status := http.StatusBadRequest
	if err == nil || v.Errors == 0 {
		status = http.StatusOK
	}
	h.render(w, r, status, "draft", page{Title: "Soạn " + k.Title, Nav: "van-ban", Data: v})
}

// postDraft is "Kiểm tra" without JavaScript: the page again, with the
// problems of the draft.
func (h *Handler) postDraft(w http.ResponseWriter, r *http.Request) {
	k, ok := h.kindOf(w, r)
	if !ok {
		return
	}
	f, data, err := h.postedForm(r, k)
	if err == nil {
		var file paperwork.File
		file, err = h.deps.Documents.Render(r.Context(), data, paperwork.PDF)
		if err == nil {
			v := draftView{Kind: k, Form: f, CanIssue: h.canIssue(r), CanSave: h.deps.Campaigns != nil, Draft: h.postedDraft(r)}
			v.Problems = f.attach(file.Warnings)
			h.render(w, r, http.StatusOK, "draft", page{Title: "Soạn " + k.Title, Nav: "van-ban",
				Flash: "Văn bản không có lỗi; tải PDF hoặc DOCX để xem.", Data: v})
			return
		}
	}
	h.showDraft(w, r, k, f, err, draftView{})
}

// previewReply is the answer of the live preview.
type previewReply struct {
	OK       bool          `json:"ok"`
	Errors   int           `json:"errors"`
	Problems []problemView `json:"problems"`
	// PDF is the rendered document, base64; absent when the draft has errors.
	PDF string `json:"pdf,omitempty"`
	// Milliseconds the server took.
	ServerMS float64 `json:"serverMs"`
}

func (h *Handler) postPreview(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	k, err := h.deps.Documents.Kind(r.PathValue("kind"))
	if err != nil {
		writeJSON(w, http.StatusNotFound, previewReply{Problems: []problemView{{Message: apperr.As(err).Detail}}})
		return
	}
	f, data, err := h.postedForm(r, k)
	var file paperwork.File
	if err == nil {
		file, err = h.deps.Documents.Render(r.Context(), data, paperwork.PDF)
	}
	rep := previewReply{Problems: []problemView{}}
	if err != nil {
		e := apperr.As(err)
		if e.Kind != apperr.Invalid || f == nil {
			if e.Kind == apperr.Internal {
				h.log.ErrorContext(r.Context(), "workspace: preview", "error", err.Error())
			}
			rep.Problems = append(rep.Problems, problemView{Message: e.Detail})
			writeJSON(w, http.StatusOK, rep)
			return
		}
		rep.Problems = f.attach(e.Problems)
		rep.Errors = apperr.Problems(e.Problems).Errors()
	} else {
		rep.OK = true
		rep.Problems = append(rep.Problems, f.attach(file.Warnings)...)
		rep.PDF = base64.StdEncoding.EncodeToString(file.Data)
	}
	rep.ServerMS = float64(time.Since(start).Microseconds()) / 1000
	writeJSON(w, http.StatusOK, rep)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

func (h *Handler) postDownload(w http.ResponseWriter, r *http.Request) {
	k, ok := h.kindOf(w, r)
	if !ok {
		return
	}
	format, err := paperwork.ParseFormat(r.URL.Query().Get("dinh-dang"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f, data, err := h.postedForm(r, k)
	if err != nil {
		h.showDraft(w, r, k, f, err, draftView{})
		return
	}
	file, err := h.deps.Documents.Render(r.Context(), data, format)
	if err != nil {
		h.showDraft(w, r, k, f, err, draftView{})
		return
	}
	sendFile(w, file, false)
}

// postNext tells the văn thư the number an issue would take now.
func (h *Handler) postNext(w http.ResponseWriter, r *http.Request) {
	k, err := h.deps.Documents.Kind(r.PathValue("kind"))
	if err != nil || h.deps.Register == nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "Không cấp số được cho loại văn bản này."})
		return
	}
	_, data, err := h.postedForm(r, k)
	if err == nil {
		var ref string
		if ref, err = h.deps.Register.Next(r.Context(), data); err == nil {
			writeJSON(w, http.StatusOK, map[string]string{"ref": ref})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"error": problemText(err)})
}

func problemText(err error) string {
	e := apperr.As(err)
	s := e.Detail
	for _, p := range e.Problems {
		if p.Message != e.Detail { // apperr.Invalidf says it in both
			s += " " + p.Message
		}
	}
	return s
}

// postIssue numbers and issues the draft, after the văn thư confirmed the
// number it takes (xac-nhan); without it, the page asks.
func (h *Handler) postIssue(w http.ResponseWriter, r *http.Request) {
	k, ok := h.kindOf(w, r)
	if !ok {
		return
	}
	if h.deps.Register == nil {
		h.problemPage(w, r, http.StatusNotFound, "Chưa có sổ văn bản đi", "Máy chủ này chưa mở sổ đăng ký văn bản đi.")
		return
	}
	f, data, err := h.postedForm(r, k)
	if err != nil {
		h.showDraft(w, r, k, f, err, draftView{})
		return
	}
	next, err := h.deps.Register.Next(r.Context(), data)
	if err != nil {
		h.showDraft(w, r, k, f, err, draftView{})
		return
	}
	confirmed := r.PostFormValue("xac-nhan")
	if confirmed != next {
		v := draftView{Kind: k, Form: f, CanIssue: true, Confirm: next, Changed: confirmed != "",
			CanSave: h.deps.Campaigns != nil, Draft: h.postedDraft(r)}
		h.render(w, r, http.StatusOK, "draft", page{Title: "Soạn " + k.Title, Nav: "van-ban", Data: v})
		return
	}
	rec, _, err := h.deps.Register.Issue(r.Context(), data, paperwork.PDF)
	if err != nil {
		h.showDraft(w, r, k, f, err, draftView{})
		return
	}
	if d := h.postedDraft(r); d != nil {
		if err := h.deps.Campaigns.MarkIssued(r.Context(), d.ID, rec.ID.String()); err != nil {
			h.log.WarnContext(r.Context(), "workspace: mark draft issued", "draft", d.ID, "error", err.Error())
		}
	}
	http.Redirect(w, r, "/so-van-ban-di/"+rec.ID.String()+"?da=phat-hanh", http.StatusSeeOther)
}

// postedDraft is the saved draft a posted form belongs to (hidden "nhap").
func (h *Handler) postedDraft(r *http.Request) *campaign.Draft {
	id := r.PostFormValue("nhap")
	if id == "" || h.deps.Campaigns == nil {
		return nil
	}
	d, err := h.deps.Campaigns.Draft(r.Context(), id)
	if err != nil {
		return nil
	}
	return &d
}

// sendFile answers a file as an attachment (or inline to view a PDF).
func sendFile(w http.ResponseWriter, f paperwork.File, inline bool) {
	disp := "attachment"
	if inline {
		disp = "inline"
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": f.Name}))
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(f.Data)
}

// --- the register ---

type registerView struct {
	Q       string
	Year    int
	Years   []int
	Page    registry.Page
	PageNo  int
	Pages   int
	PrevURL string
	NextURL string
	ThisYr  int
}

const perPage = 50

func (h *Handler) thisYear() int { return h.cfg.Now().In(h.cfg.Location).Year() }

func (h *Handler) getRegister(w http.ResponseWriter, r *http.Request) {
	if h.deps.Register == nil {
		h.problemPage(w, r, http.StatusNotFound, "Chưa có sổ văn bản đi", "Máy chủ này chưa mở sổ đăng ký văn bản đi.")
		return
	}
	q := r.URL.Query()
	v := registerView{Q: strings.TrimSpace(q.Get("q")), ThisYr: h.thisYear()}
	v.Year, _ = strconv.Atoi(q.Get("nam"))
	v.PageNo, _ = strconv.Atoi(q.Get("trang"))
	v.PageNo = max(v.PageNo, 1)
	for y := v.ThisYr; y >= v.ThisYr-5; y-- {
		v.Years = append(v.Years, y)
	}
	pg, err := h.deps.Register.List(r.Context(), registry.Query{Year: v.Year, Text: v.Q, Limit: perPage, Offset: (v.PageNo - 1) * perPage})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.Page = pg
	v.Pages = (pg.Total + perPage - 1) / perPage
	link := func(n int) string {
		u := url.Values{}
		if v.Q != "" {
			u.Set("q", v.Q)
		}
		if v.Year != 0 {
			u.Set("nam", strconv.Itoa(v.Year))
		}
		u.Set("trang", strconv.Itoa(n))
		return "/so-van-ban-di?" + u.Encode()
	}
	if v.PageNo > 1 {
		v.PrevURL = link(v.PageNo - 1)
	}
	if v.PageNo < v.Pages {
		v.NextURL = link(v.PageNo + 1)
	}
	h.render(w, r, http.StatusOK, "register", page{Title: "Sổ văn bản đi", Nav: "so-van-ban-di", Data: v})
}

type recordView struct {
	Rec    registry.Record
	Error  string
	Reason string
	// CanPrint: the record is a Quyết định whose certificates can be printed.
	CanPrint   bool
	PrintError string
	// Print is what the print form shows: the values posted, or the
	// defaults.
	Print printForm
}

// printForm is the certificates' print form: the values chosen and the
// decision's award forms (a "Hình thức" list when there are several).
type printForm struct {
	Mode, Design, X, Y, Form string
	Forms                    []option
	// DesignError is said beside "Mẫu": the chosen form has no design of
	// its own.
	DesignError string
}

func (h *Handler) getRecord(w http.ResponseWriter, r *http.Request) {
	if h.deps.Register == nil {
		h.notFound(w, r)
		return
	}
	rec, err := h.deps.Register.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := recordView{Rec: rec, CanPrint: h.deps.Printer != nil && rec.Kind == "QĐ" && rec.Status == registry.Issued}
	if v.CanPrint {
		v.Print = h.printForm(r, rec.ID.String(), printForm{X: "0", Y: "0"})
	}
	h.render(w, r, http.StatusOK, "record", page{Title: "Văn bản số " + rec.Ref(), Nav: "so-van-ban-di", Data: v})
}

func (h *Handler) getRecordFile(w http.ResponseWriter, r *http.Request) {
	if h.deps.Register == nil {
		h.notFound(w, r)
		return
	}
	info, rc, err := h.deps.Register.OpenFile(r.Context(), r.PathValue("id"), r.URL.Query().Get("ten"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer rc.Close()
	// Checked by OpenFile before a byte is sent (h.fail:
	// stored_file_corrupt); the stream holds its tail (registry.HeldBack)
	// back for a second check, so a failure or bytes changed since cut the
	// body short of its Content-Length.
	disp := "attachment"
	if r.URL.Query().Get("xem") != "" && info.ContentType == "application/pdf" {
		disp = "inline"
	}
	w.Header().Set("Content-Type", info.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": info.Name}))
	w.Header().Set("Content-Length", strconv.FormatInt(info.Size, 10))
	w.WriteHeader(http.StatusOK)
	if _, err := io.Copy(w, rc); err != nil {
		h.log.ErrorContext(r.Context(), "stream stored file", "record", r.PathValue("id"), "error", err.Error())
	}
}

func (h *Handler) postCancel(w http.ResponseWriter, r *http.Request) {
	if h.deps.Register == nil {
		h.notFound(w, r)
		return
	}
	id := r.PathValue("id")
	reason := strings.TrimSpace(r.PostFormValue("ly-do"))
	var err error
	if reason == "" {
		err = apperr.Invalidf("reason", "required", "Cần ghi lý do hủy văn bản.")
	} else {
		_, err = h.deps.Register.Cancel(r.Context(), id, reason)
	}
	if err != nil {
		e := apperr.As(err)
		if e.Kind != apperr.Invalid && e.Kind != apperr.Conflict {
			h.fail(w, r, err)
			return
		}
		rec, gerr := h.deps.Register.Get(r.Context(), id)
		if gerr != nil {
			h.fail(w, r, gerr)
			return
		}
		h.render(w, r, http.StatusBadRequest, "record", page{Title: "Văn bản số " + rec.Ref(), Nav: "so-van-ban-di",
			Data: recordView{Rec: rec, Error: problemText(err), Reason: reason}})
		return
	}
	http.Redirect(w, r, "/so-van-ban-di/"+id+"?da=huy", http.StatusSeeOther)
}

func (h *Handler) getExport(w http.ResponseWriter, r *http.Request) {
	if h.deps.Register == nil {
		h.notFound(w, r)
		return
	}
	year, err := strconv.Atoi(r.URL.Query().Get("nam"))
	if err != nil || year < 1900 || year > 9999 {
		h.problemPage(w, r, http.StatusBadRequest, "Chưa xuất được sổ", "Chọn năm của sổ (ví dụ 2026).")
		return
	}
	format := r.URL.Query().Get("dinh-dang")
	if format != "pdf" {
		format = "xlsx"
	}
	f, err := h.deps.Register.Export(r.Context(), year, format)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	sendFile(w, f, false)
}

// --- agency, accounts ---

type agencyView struct {
	Profiles []campaign.Profile
	Users    []account.User
	Form     account.NewUser
	Problems []apperr.Problem
	Error    string
}

func (h *Handler) getAgency(w http.ResponseWriter, r *http.Request) {
	h.agencyPage(w, r, http.StatusOK, agencyView{Form: account.NewUser{Role: account.Specialist}})
}

func (h *Handler) agencyPage(w http.ResponseWriter, r *http.Request, status int, v agencyView) {
	if h.deps.Campaigns != nil {
		ps, err := h.deps.Campaigns.ListProfiles(r.Context(), campaign.Query{Limit: campaign.MaxLimit})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v.Profiles = ps.Items
	}
	if p := who(r); p != nil && p.User.Can(account.Admin) {
		us, err := h.deps.Accounts.Users(r.Context())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v.Users = us
	}
	h.render(w, r, status, "agency", page{Title: "Cơ quan", Nav: "co-quan", Data: v})
}

func (h *Handler) postUser(w http.ResponseWriter, r *http.Request) {
	n := account.NewUser{Username: r.PostFormValue("ten"), Name: r.PostFormValue("ho-ten"),
		Password: r.PostFormValue("mat-khau"), Role: account.Role(r.PostFormValue("vai-tro"))}
	if _, err := h.deps.Accounts.Add(r.Context(), n); err != nil {
		e := apperr.As(err)
		if e.Kind != apperr.Invalid {
			h.fail(w, r, err)
			return
		}
		n.Password = ""
		h.agencyPage(w, r, http.StatusBadRequest, agencyView{Form: n, Problems: e.Problems, Error: e.Detail})
		return
	}
	// The local user who made the first account must now log in with it.
	if p := who(r); p != nil && p.Local {
		http.Redirect(w, r, "/dang-nhap?da=tai-khoan&tiep=%2Fco-quan", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/co-quan?da=tai-khoan", http.StatusSeeOther)
}

func splitHost(addr string) (string, string, error) {
	i := strings.LastIndex(addr, ":")
	if i < 0 {
		return "", "", errors.New("no port")
	}
	return strings.Trim(addr[:i], "[]"), addr[i+1:], nil
}
