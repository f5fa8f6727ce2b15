package sqlstore_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/sqlstore"
)

func squarePNG(t *testing.T, side int) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, side, side))
	for i := range side * side {
		x, y := i%side, i/side
		m.SetNRGBA(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: 0x40, A: 0xFF})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Review #3: a profile's emblem is stored apart from it. Reading and
// listing profiles carries only its reference; the printer reads the one
// emblem of the agency that prints; renaming the agency follows; a
// reference keeps the saved image, a wrong one is refused, none removes it;
// an emblem an older version saved inside the JSON is moved at start-up.
func TestProfileEmblemApart(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			st := b.open(t)
			svc := campaignService(t, st, nil)
			raw, err := os.ReadFile("../../testdata/agency-profile.json")
			if err != nil {
				t.Fatal(err)
			}
			p, err := campaign.DecodeProfile(raw)
			if err != nil {
				t.Fatal(err)
			}
			p.Emblem = &campaign.Emblem{PNG: squarePNG(t, 800)}
			saved, err := svc.SaveProfile(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			e := saved.Emblem
			if e == nil || e.Width != certprint.EmblemPixels || len(e.SHA256) != 64 || e.PNG != nil {
				t.Fatalf("saved emblem reference: %+v", e)
			}
			page, err := svc.ListProfiles(ctx, campaign.Query{})
			if err != nil || len(page.Items) != 1 {
				t.Fatal(page, err)
			}
			listed, _ := json.Marshal(page)
			if len(listed) > 4000 || !strings.Contains(string(listed), `"emblem":{"sha256":"`+e.SHA256+`","width":600,"height":600}`) {
				t.Errorf("the list carries %d bytes: %.300s", len(listed), listed)
			}
			body, _ := sqlstore.RawProfile(st, p.ID)
			if len(body) > 4000 {
				t.Errorf("the profile's JSON is %d bytes", len(body))
			}
			img, err := svc.ProfileEmblem(ctx, p.ID)
			if cfg, err2 := png.DecodeConfig(bytes.NewReader(img)); err != nil || err2 != nil || cfg.Width != 600 {
				t.Fatalf("stored emblem: %v %v", err, err2)
			}
			got, err := st.AgencyEmblem(ctx, p.Agency)
			if err != nil || !bytes.Equal(got.PNG, img) || got.SHA256 != e.SHA256 {
				t.Errorf("the agency's emblem: %v, %d bytes", err, len(got.PNG))
			}
			// Renamed, with the reference as GET gave it: the image stays
			// and follows the name.
			old := p.Agency
			again, _ := svc.Profile(ctx, p.ID)
			again.Agency.Name = "Sở Văn hóa và Thể thao"
			if _, err := svc.SaveProfile(ctx, again); err != nil {
				t.Fatal(err)
			}
			if got, err := st.AgencyEmblem(ctx, again.Agency); err != nil || got.SHA256 != e.SHA256 {
				t.Errorf("after renaming: %v", err)
			}
			if _, err := st.AgencyEmblem(ctx, old); !errors.Is(err, campaign.ErrNotFound) {
				t.Errorf("the old name still finds the emblem: %v", err)
			}
			// A reference to an image not saved: refused, at its field.
			again.Emblem = &campaign.Emblem{SHA256: strings.Repeat("ab", 32)}
			if _, err := svc.SaveProfile(ctx, again); apperr.As(err).Code != "unknown_emblem" {
				t.Errorf("unknown reference: %v", err)
			}
			again.Emblem = nil
			if _, err := svc.SaveProfile(ctx, again); err != nil {
				t.Fatal(err)
			}
			if _, err := st.GetEmblem(ctx, p.ID); !errors.Is(err, campaign.ErrNotFound) {
				t.Errorf("emblem kept after a save without it: %v", err)
			}

			// An older version's row: the PNG in the JSON, base64.
			legacy := squarePNG(t, 1000)
			var m map[string]any
			json.Unmarshal(raw, &m)
			m["id"] = "cu"
			m["emblem"] = base64.StdEncoding.EncodeToString(legacy)
			lb, _ := json.Marshal(m)
			if err := sqlstore.PutRawProfile(st, "cu", string(lb)); err != nil {
				t.Fatal(err)
			}
			st2 := b.open(t) // moves it, scaled as a new one
			body, _ = sqlstore.RawProfile(st2, "cu")
			if strings.Contains(body, m["emblem"].(string)[:40]) {
				t.Errorf("the emblem is still in the JSON: %.200s", body)
			}
			moved, err := st2.GetEmblem(ctx, "cu")
			if err != nil || moved.Width != certprint.EmblemPixels || len(moved.PNG) == 0 {
				t.Errorf("moved emblem: %v, %d bytes", err, len(moved.PNG))
			}
			if p, err := st2.GetProfile(ctx, "cu"); err != nil || p.Emblem == nil || p.Emblem.SHA256 != moved.SHA256 || p.Emblem.PNG != nil {
				t.Errorf("moved profile: %+v %v", p.Emblem, err)
			}
		})
	}
}

// The start-up move of an old emblem writes a profile back only over the
// JSON it read (review 2 finding 4): a profile another instance saves while
// the emblem is being scaled keeps that edit, and its emblem is moved at
// the next start.
func TestEmblemMoveKeepsAConcurrentEdit(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			st := b.open(t)
			raw, err := os.ReadFile("../../testdata/agency-profile.json")
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			json.Unmarshal(raw, &m)
			m["id"] = "cu"
			m["emblem"] = base64.StdEncoding.EncodeToString(squarePNG(t, 700))
			lb, _ := json.Marshal(m)
			if err := sqlstore.PutRawProfile(st, "cu", string(lb)); err != nil {
				t.Fatal(err)
			}
			// An older instance renames the agency, keeping the emblem in
			// the JSON, while this one scales the emblem.
			m["agency"].(map[string]any)["name"] = "SỞ ĐÃ ĐỔI TÊN"
			edited, _ := json.Marshal(m)
			err = sqlstore.MoveEmblems(st, func(id string) {
				if _, err := st.DB().Exec(`UPDATE profiles SET body = $2 WHERE id = $1`, id, string(edited)); err != nil {
					t.Fatal(err)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if body, _ := sqlstore.RawProfile(st, "cu"); body != string(edited) {
				t.Errorf("the edit saved meanwhile was overwritten: %.300s", body)
			}
			if _, err := st.GetEmblem(ctx, "cu"); !errors.Is(err, campaign.ErrNotFound) {
				t.Errorf("emblem of a profile left as edited: %v", err)
			}
			// The next start moves it, keeping the new name.
			if err := sqlstore.MoveEmblems(st, nil); err != nil {
				t.Fatal(err)
			}
			p, err := st.GetProfile(ctx, "cu")
			if err != nil || p.Agency.Name != "SỞ ĐÃ ĐỔI TÊN" || p.Emblem == nil || p.Emblem.PNG != nil {
				t.Errorf("moved at the next start: %+v %v", p.Agency, err)
			}
			if _, err := st.GetEmblem(ctx, "cu"); err != nil {
				t.Errorf("emblem moved at the next start: %v", err)
			}
		})
	}
}
