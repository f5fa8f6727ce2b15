package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/certprint"
)

// profileBody is a multipart profile form: csrf first (as the page sends
// it), the fields, then the emblem file when given.
func profileBody(t *testing.T, token string, emblem []byte) (string, []byte) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, kv := range [][2]string{{"csrf", token}, {"id", "so-gd-dien-bien"}, {"agency.parent", "UBND tỉnh Điện Biên"},
		{"agency.name", "Sở Giáo dục và Đào tạo"}, {"agency.abbreviation", "SGDĐT"}, {"agency.place", "Điện Biên"},
		{"signers[0].authority", ""}, {"signers[0].title", "Giám đốc"}, {"signers[0].name", "Lê Thị Hoa"}} {
		w.WriteField(kv[0], kv[1])
	}
	if emblem != nil {
		fw, _ := w.CreateFormFile("quoc-huy", "quoc-huy.png")
		fw.Write(emblem)
	}
	w.Close()
	return w.FormDataContentType(), buf.Bytes()
}

// Review #5: the profile form over plain HTTP — a malformed body is the
// sender's mistake (400, said in Vietnamese), not "Lỗi hệ thống"; an emblem
// over 1 MB shows the form again with what was typed and the problem beside
// the upload field; the largest emblem accepted is stored scaled to 600 px.
func TestProfileFormHTTP(t *testing.T) {
	e := newEnv(t)
	cl := newClient(t, e.srv.URL)
	_, page := cl.do("GET", "/co-quan/ho-so", nil, nil)
	token := csrfOf(t, page)
	post := func(path, ctype string, body []byte, header bool) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", e.srv.URL+path, bytes.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		if header {
			req.Header.Set("X-CSRF-Token", token)
		}
		res, err := cl.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	for name, tc := range map[string]struct{ ctype, body string }{
		"no boundary": {"multipart/form-data", "garbage"},
		"garbage":     {"multipart/form-data; boundary=XYZ", "not a multipart body at all"},
		"cut":         {"multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\nabc"},
	} {
		res, body := post("/co-quan/ho-so", tc.ctype, []byte(tc.body), true)
		if res.StatusCode != http.StatusBadRequest || strings.Contains(body, "Lỗi hệ thống") || !strings.Contains(body, "Không đọc được biểu mẫu") {
			t.Errorf("%s: %d %.400s", name, res.StatusCode, body)
		}
		res, body = post("/co-quan/ho-so/xem-truoc", tc.ctype, []byte(tc.body), true)
		if strings.Contains(body, "Lỗi hệ thống") || !strings.Contains(body, "Không đọc được biểu mẫu") {
			t.Errorf("%s preview: %d %.400s", name, res.StatusCode, body)
		}
	}

	// A 3 MB emblem, posted as the page posts it (token in the body) and as
	// a script does (token in the header): the form again, filled.
	// The file parts spooled to disk are removed after the request.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	big := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 3<<20)...)
	for _, header := range []bool{false, true} {
		ctype, body := profileBody(t, token, big)
		res, page := post("/co-quan/ho-so", ctype, body, header)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, `id="draft"`) ||
			!strings.Contains(page, `value="Sở Giáo dục và Đào tạo"`) || !strings.Contains(page, `value="Lê Thị Hoa"`) {
			t.Fatalf("3 MB emblem (header %v): %d, want the form again with what was typed:\n%.600s", header, res.StatusCode, page)
		}
		if !strings.Contains(page, `id="quoc-huy-loi"`) || !strings.Contains(page, "lớn hơn 1024 KB") || !strings.Contains(page, `href="#quoc-huy"`) {
			t.Errorf("3 MB emblem (header %v): the problem is not beside the upload field", header)
		}
		if _, err := e.campaigns.Profile(context.Background(), "so-gd-dien-bien"); err == nil {
			t.Fatal("saved with a refused emblem")
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("temporary files left after the request: %v", left)
		}
	}

	// A good emblem with a field missing: the form again, the emblem said
	// not saved (a file field cannot be filled again).
	ctype, body := profileBody(t, token, squareEmblem(t))
	body = bytes.Replace(body, []byte("Lê Thị Hoa"), []byte(""), 1)
	if res, page := post("/co-quan/ho-so", ctype, body, false); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, `id="quoc-huy-chua-luu"`) || strings.Contains(page, `id="quoc-huy-hien-tai"`) {
		t.Errorf("good emblem, missing name: %d %.600s", res.StatusCode, page)
	}

	// The largest accepted (2000 × 2000, 16-bit): saved scaled to 600 px,
	// 8-bit; the profile carries its reference only.
	m := image.NewNRGBA64(image.Rect(0, 0, certprint.MaxEmblemPixels, certprint.MaxEmblemPixels))
	for y := 500; y < 1500; y++ {
		for x := 500; x < 1500; x++ {
			m.SetNRGBA64(x, y, color.NRGBA64{R: 0xFFFF, A: 0xFFFF})
		}
	}
	var worst bytes.Buffer
	png.Encode(&worst, m)
	ctype, body = profileBody(t, token, worst.Bytes())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if res, page := post("/co-quan/ho-so", ctype, body, false); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save with the largest emblem: %d %.600s", res.StatusCode, page)
	}
	runtime.ReadMemStats(&after)
	// The 16-bit decoding is 32 MB of it (was 184 MB per prepare, three
	// prepares per save, for the 4000-pixel input accepted before).
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("saving the largest emblem: %.1f MB allocated (client and server)", float64(alloc)/1e6)
	if alloc > 48<<20 {
		t.Errorf("saving the largest emblem allocated %d MB, want ≤ 48", alloc>>20)
	}
	p, err := e.campaigns.Profile(context.Background(), "so-gd-dien-bien")
	if err != nil || p.Emblem == nil || p.Emblem.Width != certprint.EmblemPixels || p.Emblem.PNG != nil || len(p.Emblem.SHA256) != 64 {
		t.Fatalf("saved profile's emblem: %+v %v", p.Emblem, err)
	}
	stored, err := e.campaigns.ProfileEmblem(context.Background(), "so-gd-dien-bien")
	if cfg, err2 := png.DecodeConfig(bytes.NewReader(stored)); err != nil || err2 != nil || cfg.Width != certprint.EmblemPixels || cfg.ColorModel != color.NRGBAModel && cfg.ColorModel != color.RGBAModel {
		t.Errorf("stored emblem: %v %v %+v", err, err2, cfg)
	}
	// Shown on the profile's page.
	if _, page := cl.do("GET", "/co-quan/ho-so?ma=so-gd-dien-bien", nil, nil); !strings.Contains(page, `id="quoc-huy-hien-tai"`) {
		t.Error("the saved emblem is not shown")
	}
}

func squareEmblem(t *testing.T) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, 100, 100))
	for i := range m.Pix {
		m.Pix[i] = 0xFF
	}
	var buf bytes.Buffer
	png.Encode(&buf, m)
	return buf.Bytes()
}
