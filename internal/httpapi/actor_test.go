package httpapi

import (
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/registry"
)

// The register hears which key (by its configured name, never the key)
// issued, registered or cancelled a record, and who wrote without a key
// where writes are open (issue 10 item 12).
func TestActorOfWrites(t *testing.T) {
	keyed := Config{APIKeyHashes: []string{"văn thư=" + HashAPIKey("khoa-van-thu"), HashAPIKey("khoa-thu-hai")}}
	if err := keyed.Check(); err != nil {
		t.Fatal(err)
	}
	reg := &fakeRegistry{}
	deps := allDeps()
	deps.Registry = reg
	s, logs := newTestServer(t, keyed, deps)
	for _, w := range []struct {
		target, key string
		status      int
	}{
		{"/v1/registry/register", "khoa-van-thu", 201},
		{"/v1/registry/issue?format=pdf", "khoa-thu-hai", 201},
		{"/v1/registry/" + knownID + "/cancel", "khoa-van-thu", 200},
	} {
		body := planExample
		switch {
		case strings.HasSuffix(w.target, "/cancel"):
			body = `{"reason":"ban hành nhầm"}`
		case strings.HasSuffix(w.target, "/register"):
			body = registerBody
		}
		if rec := doJSON(t, s.Handler(), "POST", w.target, body, hdr{"X-API-Key": w.key}); rec.Code != w.status {
			t.Fatalf("%s: %d %s", w.target, rec.Code, rec.Body)
		}
	}
	want := []registry.Actor{{Kind: registry.ActorKey, Name: "văn thư"}, {Kind: registry.ActorKey, Name: "khóa #2"}, {Kind: registry.ActorKey, Name: "văn thư"}}
	if len(reg.actors) != len(want) {
		t.Fatalf("actors %+v, want %+v", reg.actors, want)
	}
	for i := range want {
		if reg.actors[i] != want[i] {
			t.Errorf("write %d by %+v, want %+v", i+1, reg.actors[i], want[i])
		}
	}
	if strings.Contains(logs.String(), "khoa-van-thu") {
		t.Error("a key reached the logs")
	}

	open := &fakeRegistry{}
	deps.Registry = open
	s, _ = newTestServer(t, Config{Addr: "127.0.0.1:8080"}, deps)
	if rec := doJSON(t, s.Handler(), "POST", "/v1/registry/register", registerBody, nil); rec.Code != 201 {
		t.Fatalf("open write: %d %s", rec.Code, rec.Body)
	}
	if len(open.actors) != 1 || open.actors[0].Kind != registry.ActorOpen || open.actors[0].Name == "" {
		t.Errorf("open write by %+v, want the client's address", open.actors)
	}
}

const registerBody = `{"kind":"CV","kindName":"Công văn","symbol":"SVHTTDL-VP","summary":"Về việc báo cáo","signer":"Trần Mạnh Hùng"}`

// Key names are checked at start-up: a bad name or two keys of one name
// are refused, and the error never repeats the hash.
func TestKeyNamesCheck(t *testing.T) {
	h := HashAPIKey("k")
	for _, bad := range [][]string{
		{"=" + h},
		{"a,b=" + h},
		{"tab\there=" + h},
		{strings.Repeat("x", 61) + "=" + h},
		{"a=" + h, "a=" + HashAPIKey("k2")},
		{"a=b=" + h},
	} {
		if err := (Config{APIKeyHashes: bad}).Check(); err == nil {
			t.Errorf("%q passes Check", bad)
		} else if strings.Contains(err.Error(), h) {
			t.Errorf("%q: error repeats the hash: %v", bad, err)
		}
	}
	if err := (Config{APIKeyHashes: []string{" Văn thư Sở = " + h, HashAPIKey("k2")}}).Check(); err != nil {
		t.Error(err)
	}
}
