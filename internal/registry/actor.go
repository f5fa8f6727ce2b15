package registry

import (
	"context"
	"fmt"
)

// ActorKind says how an actor reached the register.
type ActorKind string

// Actor kinds.
const (
	// ActorKey: a client of the HTTP API with an API key; Name is the key's
	// configured name (never the key), or "khóa #N" for an unnamed key.
	ActorKey ActorKind = "api-key"
	// ActorOpen: a client of the HTTP API without a key, where writes are
	// open (loopback, or a trusted network); Name is its address.
	ActorOpen ActorKind = "open"
	// ActorAccount: an officer signed in to the workspace; Name is the
	// username.
	ActorAccount ActorKind = "account"
	// ActorLocal: the single user of a loopback workspace without accounts.
	ActorLocal ActorKind = "local"
	// ActorCLI: the command line; Name is the operating-system user.
	ActorCLI ActorKind = "cli"
)

// Actor is who issued, registered or cancelled a record (issue 10 item 12).
// It travels in the request's context (WithActor) from the edge that knows
// it — the HTTP API's key check, the workspace's session, the CLI — to the
// register, which writes it with the record.
type Actor struct {
	Kind ActorKind `json:"kind"`
	Name string    `json:"name,omitempty"`
}

// IsZero reports an unknown actor (records written before actors were kept).
func (a Actor) IsZero() bool { return a.Kind == "" && a.Name == "" }

// String is the actor as the register shows it: "khóa API “văn thư”",
// "tài khoản lan.nt", "CLI (lan)".
func (a Actor) String() string {
	switch a.Kind {
	case ActorKey:
		return fmt.Sprintf("khóa API “%s”", a.Name)
	case ActorOpen:
		if a.Name == "" {
			return "API không khóa"
		}
		return "API không khóa, từ " + a.Name
	case ActorAccount:
		return "tài khoản " + a.Name
	case ActorLocal:
		return "người dùng trên máy chủ (không tài khoản)"
	case ActorCLI:
		if a.Name == "" {
			return "CLI"
		}
		return "CLI (" + a.Name + ")"
	case "":
		return a.Name
	}
	return string(a.Kind) + " " + a.Name
}

type actorKey struct{}

// WithActor returns ctx carrying a as the actor of what is done with it.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor ctx carries, or the zero Actor.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}
