package main

import (
	"log/slog"
	"time"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/httpapi"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/web"
)

// newWorkspace wires the officers' web pages over the same use cases as
// the API.
func (a *app) newWorkspace(addr string, reg *registry.Service, log *slog.Logger) (*web.Handler, error) {
	accounts := account.New(a.store, account.Config{Now: time.Now})
	return web.New(web.Config{Loopback: httpapi.IsLoopback(addr), Now: time.Now, Location: reg.Config().Location,
		IdleTimeout: accounts.Config().IdleTimeout},
		web.Deps{Documents: a.docs, Register: a.docs.Registry(), Accounts: accounts,
			Campaigns: a.campaigns, Printer: a.printer}, log)
}
