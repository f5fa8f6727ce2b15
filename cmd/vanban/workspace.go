package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/documents"
	"github.com/vanban/vanban/internal/httpapi"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/web"
)

// workspaceRegister adapts the register to the officers' workspace.
type workspaceRegister struct {
	a   *app
	reg *registry.Service
}

var _ web.Register = workspaceRegister{}

// Next is the số and ký hiệu the document would take if issued today.
func (w workspaceRegister) Next(ctx context.Context, data []byte) (string, error) {
	if w.a.docs.Resolve != nil {
		var err error
		if data, err = w.a.docs.Resolve(ctx, data); err != nil {
			return "", err
		}
	}
	if _, _, err := w.a.docs.Build(data); err != nil {
		return "", err
	}
	var meta issueMeta
	if err := json.Unmarshal(data, &meta); err != nil {
		return "", apperr.Wrap(err, "next number")
	}
	t, ok := nd30.LookupType(docTypes[meta.Kind])
	if !ok {
		return "", apperr.Invalidf("kind", "not_registrable", "Loại văn bản %q chưa được cấp số qua sổ.", meta.Kind)
	}
	if meta.Number != nil {
		return "", apperr.Invalidf("number", "number_given", "Văn bản được cấp số khi ban hành: để trống ô Số.")
	}
	n, err := w.reg.Next(ctx, meta.Agency.Abbreviation, t.Abbreviation, "", w.reg.Today().Year)
	if err != nil {
		return "", err
	}
	return n + "/" + nd30.Symbol(t, meta.Agency.Abbreviation), nil
}

func (w workspaceRegister) Issue(ctx context.Context, data []byte, f documents.Format) (registry.Record, documents.File, error) {
	return w.a.issue(ctx, w.reg, data, f)
}

func (w workspaceRegister) List(ctx context.Context, q registry.Query) (registry.Page, error) {
	return w.reg.List(ctx, q)
}

func (w workspaceRegister) Get(ctx context.Context, id string) (registry.Record, error) {
	return w.reg.Get(ctx, id)
}

func (w workspaceRegister) File(ctx context.Context, id, name string) (documents.File, error) {
	info, data, err := w.reg.File(ctx, id, name)
	if err != nil {
		return documents.File{}, err
	}
	return documents.File{Name: info.Name, ContentType: info.ContentType, Data: data}, nil
}

func (w workspaceRegister) Cancel(ctx context.Context, id, reason string) (registry.Record, error) {
	return w.reg.Cancel(ctx, id, reason)
}

func (w workspaceRegister) Export(ctx context.Context, year int, format string) (documents.File, error) {
	return w.a.exportRegister(ctx, w.reg, "", year, format)
}

// newWorkspace wires the officers' web pages over the same use cases as
// the API.
func (a *app) newWorkspace(addr string, reg *registry.Service, log *slog.Logger) (*web.Handler, error) {
	accounts := account.New(a.store, account.Config{Now: time.Now})
	return web.New(web.Config{Loopback: httpapi.IsLoopback(addr), Now: time.Now, Location: reg.Config().Location,
		IdleTimeout: accounts.Config().IdleTimeout},
		web.Deps{Documents: a.docs, Register: workspaceRegister{a: a, reg: reg}, Accounts: accounts,
			Campaigns: a.campaigns, Printer: a.printer}, log)
}
