package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/sqlstore/sqltest"
)

// startServiceOn wires the real service on one database.
func startServiceOn(t *testing.T, b sqltest.Backend) *httptest.Server {
	t.Helper()
	c := &cli{ctx: t.Context(), stderr: io.Discard, stdout: io.Discard, getenv: func(string) string { return "" }}
	args := []string{"--data", b.Dir, "--verify-base-url", "https://vanban.example.gov.vn"}
	if b.URL != "" {
		args = append(args, "--database-url", b.URL)
	}
	cfg, code, ok := c.serveFlags(args)
	if !ok {
		t.Fatalf("flags: %d", code)
	}
	srv, closeAll, err := c.newServer(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); closeAll() })
	return ts
}

// data0 is the body of a GET answered 200.
func data0(t *testing.T, url string) []byte {
	t.Helper()
	res, data := send(t, "GET", url, "", nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %.300s", url, res.StatusCode, data)
	}
	return data
}

func send(t *testing.T, method, url, contentType string, body []byte) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res, data
}

func upload(t *testing.T, url string, files map[string]string, order ...string) (*http.Response, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, name := range order {
		w, _ := mw.CreateFormFile("file", name)
		w.Write([]byte(files[name]))
	}
	mw.Close()
	return send(t, "POST", url, mw.FormDataContentType(), buf.Bytes())
}

// Two units' lists: "Nguyễn Văn An" is in both; unit A writes Ông/Bà before
// the names instead of a gender column.
const (
	listUnitA = "STT,Họ và tên,Chức vụ,Đơn vị công tác,Tóm tắt thành tích,Hình thức khen thưởng\n" +
		"I. TẬP THỂ,,,,,\n" +
		"1,Phòng Quản lý văn hóa,,\"Sở Văn hóa, Thể thao và Du lịch\",Hoàn thành xuất sắc nhiệm vụ năm 2025,Giấy khen của Giám đốc Sở\n" +
		"II. CÁ NHÂN,,,,,\n" +
		"1,Ông Nguyễn Văn An,Trưởng phòng,Phòng Quản lý văn hóa,Hoàn thành xuất sắc nhiệm vụ,Giấy khen của Giám đốc Sở\n" +
		"2,Bà Lò Thị Bình,Chuyên viên,Phòng Quản lý văn hóa,Hoàn thành xuất sắc nhiệm vụ,Giấy khen của Giám đốc Sở\n" +
		"3,Ông Vàng Văn Chứ,Huấn luyện viên,Trung tâm Huấn luyện,Hoàn thành xuất sắc nhiệm vụ,Bằng khen của Chủ tịch UBND tỉnh\n"
	listUnitB = "STT,Họ và tên,Giới tính,Chức vụ,Đơn vị công tác,Tóm tắt thành tích,Hình thức khen thưởng\n" +
		"1,Nguyễn Văn An,Nam,Trưởng phòng,Phòng Quản lý văn hóa,Tham mưu tổ chức Tuần Văn hóa,Giấy khen của Giám đốc Sở\n" +
		"2,Tao Thị Hương,Nữ,Phó Giám đốc,Thư viện tỉnh,Phát triển văn hóa đọc,Giấy khen của Giám đốc Sở\n"
)

// manifest reads the manifest.csv of a certificate ZIP: số sổ vàng → UUID.
func manifest(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name != "manifest.csv" {
			continue
		}
		rc, _ := f.Open()
		rows, err := csv.NewReader(rc).ReadAll()
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, r := range rows[1:] {
			out[r[0]] = r[len(r)-1]
		}
		return out
	}
	t.Fatal("no manifest.csv")
	return nil
}

// The award campaign as one story through the real HTTP server and the real
// database: profile → campaign → two imports with a duplicate across them →
// merge → Quyết định draft → issue → certificates from the issued decision
// (count and sổ vàng as its danh sách) → reprint (no new record) → verify.
func TestCampaignEndToEnd(t *testing.T) {
	for _, b := range sqltest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			ts := startServiceOn(t, b)
			res, data := send(t, "GET", ts.URL+"/v1/nominations/template.xlsx", "", nil)
			if res.StatusCode != 200 || !bytes.HasPrefix(data, []byte("PK")) || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
				t.Fatalf("template: %d %s", res.StatusCode, res.Header)
			}
			profile, _ := os.ReadFile("../../testdata/agency-profile.json")
			res, data = send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau", "application/json", profile)
			if res.StatusCode != 200 {
				t.Fatalf("profile: %d %s", res.StatusCode, data)
			}
			camp, _ := os.ReadFile("../../testdata/campaign.json")
			res, data = send(t, "POST", ts.URL+"/v1/campaigns", "application/json", camp)
			var c struct{ ID string }
			if res.StatusCode != 201 || json.Unmarshal(data, &c) != nil || c.ID == "" {
				t.Fatalf("campaign: %d %s", res.StatusCode, data)
			}
			base := ts.URL + "/v1/campaigns/" + c.ID

			// Two imports, one file each.
			files := map[string]string{"don-vi-a.csv": listUnitA, "don-vi-b.csv": listUnitB}
			for _, name := range []string{"don-vi-a.csv", "don-vi-b.csv"} {
				res, data = upload(t, base+"/nominations/import", files, name)
				if res.StatusCode != 201 {
					t.Fatalf("import %s: %d %s", name, res.StatusCode, data)
				}
			}
			type entry struct {
				ID, Name, File, Gender string
				Source                 struct{ Row int }
			}
			var l struct {
				Entries  []entry
				Problems []struct{ Code, Field, Message string }
				Total    int
			}
			res, data = send(t, "GET", base+"/nominations?perPage=100", "", nil)
			if res.StatusCode != 200 || json.Unmarshal(data, &l) != nil || l.Total != 6 {
				t.Fatalf("nominations: %d %s", res.StatusCode, data)
			}
			var an []entry
			dup := false
			for _, e := range l.Entries {
				if e.Name == "Nguyễn Văn An" {
					an = append(an, e)
				}
				if e.Name == "Lò Thị Bình" && e.Gender != "nu" {
					t.Errorf("Bà before the name did not set the gender: %+v", e)
				}
			}
			for _, p := range l.Problems {
				dup = dup || p.Code == "duplicate"
			}
			if len(an) != 2 || an[0].File != "don-vi-a.csv" || an[1].File != "don-vi-b.csv" || !dup {
				t.Fatalf("the duplicate across the two files: %+v / %+v", an, l.Problems)
			}
			res, data = send(t, "POST", base+"/nominations/"+an[0].ID+"/merge", "application/json", []byte(`{"drop":"`+an[1].ID+`"}`))
			if res.StatusCode != 200 || !strings.Contains(string(data), "don-vi-b.csv") {
				t.Fatalf("merge: %d %s", res.StatusCode, data)
			}
			res, data = send(t, "GET", base+"/nominations", "", nil)
			if json.Unmarshal(data, &l) != nil || l.Total != 5 || strings.Contains(string(data), `"duplicate"`) {
				t.Fatalf("after merge: %s", data)
			}

			// The Quyết định draft: the Giấy khen rows (4), not the Bằng khen.
			res, data = send(t, "POST", base+"/drafts", "application/json", []byte(`{"kind":"quyet-dinh-khen-thuong"}`))
			var d struct {
				ID    string
				Input json.RawMessage
			}
			if res.StatusCode != 201 || json.Unmarshal(data, &d) != nil {
				t.Fatalf("draft: %d %s", res.StatusCode, data)
			}
			var in struct{ Nominations []struct{ Name string } }
			json.Unmarshal(d.Input, &in)
			if len(in.Nominations) != 4 {
				t.Fatalf("draft nominations: %s", d.Input)
			}
			// The draft checks clean and reads back.
			res, data = send(t, "POST", ts.URL+"/v1/documents/check", "application/json", d.Input)
			if res.StatusCode != 200 || !strings.Contains(string(data), `"ok":true`) {
				t.Fatalf("check: %d %s", res.StatusCode, data)
			}
			res, data = send(t, "GET", ts.URL+"/v1/drafts/"+d.ID, "", nil)
			if res.StatusCode != 200 || !strings.Contains(string(data), `"version":1`) {
				t.Fatalf("get draft: %d %s", res.StatusCode, data)
			}

			// Issue it: the draft is linked to its record, and issued once.
			res, data = send(t, "POST", ts.URL+"/v1/drafts/"+d.ID+"/issue?format=pdf", "", nil)
			rid := res.Header.Get("X-Vanban-Record")
			if res.StatusCode != 201 || rid == "" || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Fatalf("issue: %d %.300s", res.StatusCode, data)
			}
			res, data = send(t, "GET", ts.URL+"/v1/drafts/"+d.ID, "", nil)
			if !strings.Contains(string(data), `"recordId":"`+rid+`"`) {
				t.Fatalf("draft not marked issued: %s", data)
			}
			if res, data = send(t, "POST", ts.URL+"/v1/drafts/"+d.ID+"/issue", "", nil); res.StatusCode != 409 {
				t.Fatalf("issued twice: %d %s", res.StatusCode, data)
			}

			// Certificates from the issued decision.
			res, data = send(t, "POST", ts.URL+"/v1/registry/"+rid+"/certificates?format=zip", "application/json", nil)
			if res.StatusCode != 200 || res.Header.Get("X-Vanban-Reprint") != "false" {
				t.Fatalf("certificates: %d %.300s", res.StatusCode, data)
			}
			first := manifest(t, data)
			if len(first) != 4 || first["1"] == "" || first["4"] == "" {
				t.Fatalf("manifest = %v", first)
			}
			res, data = send(t, "POST", ts.URL+"/v1/registry/"+rid+"/certificates?format=zip", "application/json", []byte(`{"mode":"full"}`))
			if res.StatusCode != 200 || res.Header.Get("X-Vanban-Reprint") != "true" {
				t.Fatalf("reprint: %d %.300s", res.StatusCode, data)
			}
			again := manifest(t, data)
			for k, v := range first {
				if again[k] != v {
					t.Errorf("reprint sổ vàng %s: %s, first print %s", k, again[k], v)
				}
			}
			res, data = send(t, "GET", ts.URL+"/v1/verify/"+first["2"], "", nil)
			if res.StatusCode != 200 || !strings.Contains(string(data), `"goldenBook":2`) || !strings.Contains(string(data), `/QĐ-SVHTTDL`) {
				t.Fatalf("verify: %d %s", res.StatusCode, data)
			}
			// The calibration page prints from the decision and records nothing.
			res, data = send(t, "POST", ts.URL+"/v1/registry/"+rid+"/certificates", "application/json", []byte(`{"mode":"calibration","offset":{"x":1.5,"y":-1}}`))
			if res.StatusCode != 200 || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Fatalf("calibration: %d %.300s", res.StatusCode, data)
			}
			// The agency's emblem, saved once in its profile, prints at the
			// top of every certificate in full mode (issue 13 item 6).
			res, data = send(t, "POST", ts.URL+"/v1/registry/"+rid+"/certificates?format=pdf", "application/json", []byte(`{"mode":"full"}`))
			if res.StatusCode != 200 || bytes.Contains(data, []byte("/Subtype /Image")) {
				t.Fatalf("certificates without an emblem: %d, image %v", res.StatusCode, bytes.Contains(data, []byte("/Subtype /Image")))
			}
			var prof map[string]any
			json.Unmarshal(profile, &prof)
			prof["emblem"] = emblemPNG(t)
			withEmblem, _ := json.Marshal(prof)
			if res, data = send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau", "application/json", withEmblem); res.StatusCode != 200 {
				t.Fatalf("profile with emblem: %d %.300s", res.StatusCode, data)
			}
			res, data = send(t, "POST", ts.URL+"/v1/registry/"+rid+"/certificates?format=pdf", "application/json", []byte(`{"mode":"full"}`))
			if res.StatusCode != 200 || !bytes.Contains(data, []byte("/Subtype /Image")) {
				t.Fatalf("certificates with the profile's emblem: %d, no image", res.StatusCode)
			}
			// Review #3: the profile carries only the emblem's reference;
			// the image is its own resource.
			var saved struct {
				Emblem struct {
					SHA256        string
					Width, Height int
				}
			}
			if json.Unmarshal(data0(t, ts.URL+"/v1/profiles/svhttdl-lai-chau"), &saved); len(saved.Emblem.SHA256) != 64 || saved.Emblem.Width == 0 {
				t.Errorf("profile's emblem reference: %+v", saved.Emblem)
			}
			if list := data0(t, ts.URL+"/v1/profiles"); len(list) > 4000 || bytes.Contains(list, []byte("iVBOR")) {
				t.Errorf("the list of profiles carries the image (%d bytes)", len(list))
			}
			res, data = send(t, "GET", ts.URL+"/v1/profiles/svhttdl-lai-chau/emblem", "", nil)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(data, []byte("\x89PNG")) {
				t.Fatalf("GET emblem: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
			}
			// The profile PUT back as GET gave it keeps the image.
			got := data0(t, ts.URL+"/v1/profiles/svhttdl-lai-chau")
			if res, data = send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau", "application/json", got); res.StatusCode != 200 || !bytes.Contains(data, []byte(saved.Emblem.SHA256)) {
				t.Fatalf("PUT the profile as read: %d %.300s", res.StatusCode, data)
			}
			if res, data = send(t, "DELETE", ts.URL+"/v1/profiles/svhttdl-lai-chau/emblem", "", nil); res.StatusCode != 204 {
				t.Fatalf("DELETE emblem: %d %s", res.StatusCode, data)
			}
			if res, data = send(t, "GET", ts.URL+"/v1/profiles/svhttdl-lai-chau/emblem", "", nil); res.StatusCode != 404 || !strings.Contains(string(data), "emblem_not_found") {
				t.Fatalf("GET emblem after DELETE: %d %s", res.StatusCode, data)
			}
			if res, data = send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau/emblem", "image/png", emblemPNG(t)); res.StatusCode != 200 || !bytes.Contains(data, []byte(`"emblem":{"sha256"`)) {
				t.Fatalf("PUT emblem: %d %.300s", res.StatusCode, data)
			}
			if res, data = send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau/emblem", "image/png", make([]byte, 2<<20)); res.StatusCode != 413 || !strings.Contains(string(data), "emblem_too_large") {
				t.Fatalf("PUT a 2 MB emblem: %d %.300s", res.StatusCode, data)
			}
			if res, data = send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau/emblem", "application/json", emblemPNG(t)); res.StatusCode != 415 {
				t.Fatalf("PUT emblem as JSON: %d %.300s", res.StatusCode, data)
			}
			res, data = send(t, "POST", ts.URL+"/v1/registry/"+rid+"/certificates?format=pdf", "application/json", []byte(`{"mode":"full"}`))
			if res.StatusCode != 200 || !bytes.Contains(data, []byte("/Subtype /Image")) {
				t.Fatalf("certificates with the emblem PUT on its own: %d, no image", res.StatusCode)
			}
			prof["emblem"] = []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")
			bad, _ := json.Marshal(prof)
			if res, data = send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau", "application/json", bad); res.StatusCode != 422 && res.StatusCode != 400 || !strings.Contains(string(data), "emblem_not_png") {
				t.Fatalf("SVG emblem: %d %.300s", res.StatusCode, data)
			}
			// A decision not in the register: 404 with a clear problem.
			res, data = send(t, "POST", ts.URL+"/v1/registry/"+uuid.NewString()+"/certificates", "application/json", nil)
			if res.StatusCode != 404 || !strings.Contains(string(data), "decision_not_found") {
				t.Fatalf("unknown decision: %d %s", res.StatusCode, data)
			}
		})
	}
}

// The same story through the CLI where it offers the steps: issue a
// Quyết định into the register, print its certificates from the register,
// reprint them (the same codes, nothing recorded), and the calibration page.
func TestCampaignCertificatesCLI(t *testing.T) {
	dir := t.TempDir()
	data := dir + "/data"
	raw, err := os.ReadFile("../../testdata/quyet-dinh-khen-thuong.json")
	if err != nil {
		t.Fatal(err)
	}
	var in map[string]any
	json.Unmarshal(raw, &in)
	delete(in, "number")
	raw, _ = json.Marshal(in)
	qd := dir + "/qd.json"
	os.WriteFile(qd, raw, 0o600)
	_, stderr, code := cliRun(t, nil, "import", "--template", dir+"/mau.xlsx")
	if code != 0 {
		t.Fatalf("import --template: %d %s", code, stderr)
	}
	if _, stderr, code = cliRun(t, nil, "import", "--in", dir+"/mau.xlsx", "--out", dir+"/mau.json"); code != 0 {
		t.Fatalf("the template does not import: %s", stderr)
	}
	stdout, stderr, code := cliRun(t, nil, "registry", "issue", "--data", data, "--in", qd, "--out", dir+"/qd.pdf")
	if code != 0 {
		t.Fatalf("issue: %d %s", code, stderr)
	}
	if !strings.Contains(stderr, "date_replaced") && !strings.Contains(stderr, "đã được thay bằng ngày ban hành") {
		t.Errorf("no warning that the issue date replaced the input's: %s", stderr)
	}
	ref := strings.TrimPrefix(strings.Fields(stdout)[0]+" "+strings.Fields(stdout)[1], "Số: ")
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--decision", ref, "--out", dir+"/gk.zip")
	if code != 0 || !strings.Contains(stderr, "đã in và ghi vào sổ 8 giấy") {
		t.Fatalf("certificates of %s: %d %s", ref, code, stderr)
	}
	first, _ := os.ReadFile(dir + "/gk.zip")
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--decision", ref, "--out", dir+"/gk2.zip")
	if code != 0 || !strings.Contains(stderr, "đã in lại 8 giấy") {
		t.Fatalf("reprint: %d %s", code, stderr)
	}
	again, _ := os.ReadFile(dir + "/gk2.zip")
	m1, m2 := manifest(t, first), manifest(t, again)
	if len(m1) != 8 || m1["8"] != m2["8"] || m1["1"] != m2["1"] {
		t.Fatalf("reprint codes differ: %v vs %v", m1, m2)
	}
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--decision", ref, "--mode", "calibration", "--out", dir+"/cal.pdf")
	if code != 0 || !strings.Contains(stderr, "trang căn chỉnh") {
		t.Fatalf("calibration: %d %s", code, stderr)
	}
	// A batch's calibration page with --data records nothing and does not
	// fail on its (absent) list.
	batch, _ := os.ReadFile("../../testdata/giay-khen-batch.json")
	os.WriteFile(dir+"/cal.json", bytes.Replace(batch, []byte(`"mode": "full"`), []byte(`"mode": "calibration"`), 1), 0o600)
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--in", dir+"/cal.json", "--out", dir+"/cal2.pdf")
	if code != 0 {
		t.Fatalf("calibration batch with --data: %d %s", code, stderr)
	}
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--decision", "99/QĐ-SVHTTDL", "--out", dir+"/x.pdf")
	if code != 1 || !strings.Contains(stderr, "không có trong sổ văn bản đi") {
		t.Fatalf("unknown decision: %d %s", code, stderr)
	}
}

// render --nominations fills the danh sách from an imported list: the rows
// of the document's award form, the others counted in a warning.
func TestRenderWithNominations(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := cliRun(t, nil, "render", "--in", "../../testdata/to-trinh-khen-thuong.json", "--nominations", "../../testdata/nominations.csv", "--out", dir+"/tt.pdf")
	if code != 0 || !strings.Contains(stderr, "6 đề nghị Giấy khen của Giám đốc Sở không thuộc văn bản này") {
		t.Fatalf("render --nominations: %d %s", code, stderr)
	}
	text := pdfText(t, dir+"/tt.pdf")
	if !strings.Contains(text, "Ông Nguyễn Văn Hùng") || strings.Contains(text, "Lò Thị Hương") {
		t.Errorf("danh sách: %s", text)
	}
	_, stderr, code = cliRun(t, nil, "render", "--in", "../../testdata/ke-hoach-lai-chau.json", "--nominations", "../../testdata/nominations.csv", "--out", dir+"/kh.pdf")
	if code != 1 || !strings.Contains(stderr, "no_list") {
		t.Fatalf("kế hoạch with a list: %d %s", code, stderr)
	}
}

// Every file a README command reads exists (or is written by an earlier
// command of the README): a newcomer can paste them as written.
func TestREADMECommandsReadFilesThatExist(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	made := map[string]bool{"-": true}
	inRe := regexp.MustCompile(`(?:--in|--nominations|--data-binary|-F file=|--template)\s*@?(\S+)`)
	outRe := regexp.MustCompile(`(?:--out|-o|>)\s+(\S+)`)
	n := 0
	for _, line := range strings.Split(string(readme), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "go run ./cmd/vanban") && !strings.Contains(line, "curl ") && !strings.HasPrefix(line, "--") && !strings.HasPrefix(line, "-F") {
			continue
		}
		for _, m := range inRe.FindAllStringSubmatch(line, -1) {
			f := strings.TrimPrefix(m[1], "@")
			if made[f] || strings.HasPrefix(f, "'") || strings.HasPrefix(f, "$") {
				continue
			}
			n++
			if _, err := os.Stat("../../" + f); err != nil {
				t.Errorf("README reads %q, which does not exist: %s", f, line)
			}
		}
		for _, m := range outRe.FindAllStringSubmatch(line, -1) {
			made[m[1]] = true
		}
	}
	if n < 10 {
		t.Fatalf("only %d file arguments found in the README", n)
	}
}

// Warnings reach HTTP callers readably; bad input on the campaign routes is a
// problem naming the field, the file or the thing not found.
func TestCampaignRoutesProblems(t *testing.T) {
	ts := startServiceOn(t, sqltest.Backends(t)[0])
	tt, _ := os.ReadFile("../../testdata/to-trinh-khen-thuong.json")
	res, data := send(t, "POST", ts.URL+"/v1/documents/check", "application/json", tt)
	var chk struct {
		OK       bool
		Errors   []struct{ Field, Code string }
		Warnings []struct{ Field, Code, Message string }
	}
	if res.StatusCode != 200 || json.Unmarshal(data, &chk) != nil || !chk.OK || len(chk.Warnings) == 0 || chk.Warnings[0].Field != "baseSalary" {
		t.Fatalf("check: %d %s", res.StatusCode, data)
	}
	res, data = send(t, "POST", ts.URL+"/v1/documents/check", "application/json", bytes.Replace(tt, []byte(`"date": "2025-12-05"`), []byte(`"date": "2025-02-30"`), 1))
	if json.Unmarshal(data, &chk) != nil || chk.OK || len(chk.Errors) == 0 || chk.Errors[0].Field != "date" {
		t.Fatalf("check of a bad date: %d %s", res.StatusCode, data)
	}
	res, _ = send(t, "POST", ts.URL+"/v1/documents?format=pdf", "application/json", tt)
	if res.Header.Get("X-Vanban-Warnings") != "1" || !strings.Contains(res.Header.Get("X-Vanban-Warning"), "baseSalary") {
		t.Errorf("render warnings: %v", res.Header)
	}

	profile, _ := os.ReadFile("../../testdata/agency-profile.json")
	bad := bytes.Replace(profile, []byte(`"abbreviation": "SVHTTDL"`), []byte(`"abbreviation": "SV HT"`), 1)
	res, data = send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau", "application/json", bad)
	if res.StatusCode != 400 || !strings.Contains(string(data), `"field":"agency.abbreviation"`) {
		t.Fatalf("bad profile: %d %s", res.StatusCode, data)
	}
	res, data = send(t, "PUT", ts.URL+"/v1/profiles/khac", "application/json", profile)
	if res.StatusCode != 400 || !strings.Contains(string(data), "id_mismatch") {
		t.Fatalf("profile id mismatch: %d %s", res.StatusCode, data)
	}
	camp, _ := os.ReadFile("../../testdata/campaign.json")
	res, data = send(t, "POST", ts.URL+"/v1/campaigns", "application/json", camp)
	if res.StatusCode != 400 || !strings.Contains(string(data), "unknown_profile") {
		t.Fatalf("campaign of an unknown profile: %d %s", res.StatusCode, data)
	}
	send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau", "application/json", profile)
	res, data = send(t, "POST", ts.URL+"/v1/campaigns", "application/json", camp)
	var c struct{ ID string }
	json.Unmarshal(data, &c)
	res, data = upload(t, ts.URL+"/v1/campaigns/"+c.ID+"/nominations/import", map[string]string{"anh.png": "\x89PNG\r\n\x1a\n...."}, "anh.png")
	if res.StatusCode != 400 && res.StatusCode != 415 || !strings.Contains(string(data), "anh.png") {
		t.Fatalf("a picture as a list: %d %s", res.StatusCode, data)
	}
	res, data = send(t, "GET", ts.URL+"/v1/campaigns/"+c.ID+"/nominations", "", nil)
	if !strings.Contains(string(data), `"total":0`) {
		t.Fatalf("a failed import saved rows: %s", data)
	}
	res, data = send(t, "GET", ts.URL+"/v1/campaigns/"+uuid.NewString(), "", nil)
	if res.StatusCode != 404 || !strings.Contains(string(data), "campaign_not_found") {
		t.Fatalf("unknown campaign: %d %s", res.StatusCode, data)
	}
	res, data = send(t, "POST", ts.URL+"/v1/campaigns/"+c.ID+"/drafts", "application/json", []byte(`{"kind":"ke-hoach"}`))
	if res.StatusCode != 400 || !strings.Contains(string(data), `"field":"kind"`) {
		t.Fatalf("a Kế hoạch from a campaign: %d %s", res.StatusCode, data)
	}
	res, data = send(t, "POST", ts.URL+"/v1/campaigns/"+c.ID+"/drafts", "application/json", []byte(`{"kind":"quyet-dinh-khen-thuong"}`))
	if res.StatusCode != 400 || !strings.Contains(string(data), "no_nominations") {
		t.Fatalf("a decision of an empty campaign: %d %s", res.StatusCode, data)
	}
}

// A campaign launched by a Kế hoạch kept as a draft: until the plan is
// issued the căn cứ cannot cite it (a warning says so); once issued through
// its draft, the decision drafted from the campaign cites its number and date.
func TestCampaignPlanFromDraft(t *testing.T) {
	ts := startServiceOn(t, sqltest.Backends(t)[0])
	profile, _ := os.ReadFile("../../testdata/agency-profile.json")
	send(t, "PUT", ts.URL+"/v1/profiles/svhttdl-lai-chau", "application/json", profile)
	kh, _ := os.ReadFile("../../testdata/ke-hoach-lai-chau.json")
	var in map[string]any
	json.Unmarshal(kh, &in)
	delete(in, "agency")
	delete(in, "signer")
	in["agencyProfile"] = "svhttdl-lai-chau"
	body, _ := json.Marshal(map[string]any{"input": in})
	res, data := send(t, "POST", ts.URL+"/v1/drafts", "application/json", body)
	var plan struct{ ID string }
	if res.StatusCode != 201 || json.Unmarshal(data, &plan) != nil {
		t.Fatalf("plan draft: %d %s", res.StatusCode, data)
	}
	camp, _ := json.Marshal(map[string]any{"agency": "svhttdl-lai-chau", "title": "Phong trào thi đua năm 2026", "year": 2026, "plan": map[string]any{"draftId": plan.ID}})
	res, data = send(t, "POST", ts.URL+"/v1/campaigns", "application/json", camp)
	var c struct{ ID string }
	if res.StatusCode != 201 || json.Unmarshal(data, &c) != nil {
		t.Fatalf("campaign: %d %s", res.StatusCode, data)
	}
	noms := `{"nominations":[{"kind":"ca-nhan","name":"Lò Thị Bình","gender":"nu","position":"Chuyên viên","unit":"Phòng Quản lý văn hóa","summary":"Hoàn thành xuất sắc nhiệm vụ","awardForm":"Giấy khen của Giám đốc Sở"}]}`
	if res, data = send(t, "POST", ts.URL+"/v1/campaigns/"+c.ID+"/nominations", "application/json", []byte(noms)); res.StatusCode != 201 {
		t.Fatalf("nominations: %d %s", res.StatusCode, data)
	}
	res, data = send(t, "POST", ts.URL+"/v1/campaigns/"+c.ID+"/drafts", "application/json", []byte(`{"kind":"quyet-dinh-khen-thuong"}`))
	if res.StatusCode != 201 || !strings.Contains(string(data), "plan_not_issued") {
		t.Fatalf("before the plan is issued: %d %s", res.StatusCode, data)
	}
	if res, data = send(t, "POST", ts.URL+"/v1/drafts/"+plan.ID+"/issue", "", nil); res.StatusCode != 201 {
		t.Fatalf("issue the plan: %d %.300s", res.StatusCode, data)
	}
	res, data = send(t, "POST", ts.URL+"/v1/campaigns/"+c.ID+"/drafts", "application/json", []byte(`{"kind":"quyet-dinh-khen-thuong"}`))
	var d struct {
		Input struct {
			Plan struct {
				Number int
				Symbol string
			}
		}
	}
	if res.StatusCode != 201 || json.Unmarshal(data, &d) != nil || d.Input.Plan.Number != 1 || d.Input.Plan.Symbol != "KH-SVHTTDL" {
		t.Fatalf("after the plan is issued: %d %s", res.StatusCode, data)
	}
}
