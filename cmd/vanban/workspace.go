package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/httpapi"
	"github.com/vanban/vanban/internal/paperwork"
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
	return w.a.docs.NextNumber(ctx, data)
}

func (w workspaceRegister) Issue(ctx context.Context, data []byte, f paperwork.Format) (registry.Record, paperwork.File, error) {
	return w.a.docs.Issue(ctx, data, f)
}

func (w workspaceRegister) List(ctx context.Context, q registry.Query) (registry.Page, error) {
	return w.reg.List(ctx, q)
}

func (w workspaceRegister) Get(ctx context.Context, id string) (registry.Record, error) {
	return w.reg.Get(ctx, id)
}

func (w workspaceRegister) File(ctx context.Context, id, name string) (paperwork.File, error) {
	info, data, err := w.reg.File(ctx, id, name)
	if err != nil {
		return paperwork.File{}, err
	}
	return paperwork.File{Name: info.Name, ContentType: info.ContentType, Data: data}, nil
}

func (w workspaceRegister) Cancel(ctx context.Context, id, reason string) (registry.Record, error) {
	return w.reg.Cancel(ctx, id, reason)
}

func (w workspaceRegister) Export(ctx context.Context, year int, format string) (paperwork.File, error) {
	return w.a.docs.ExportRegister(ctx, "", year, format)
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
