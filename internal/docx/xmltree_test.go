package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

// node is a parsed XML element; attributes are keyed by local name.
type node struct {
	name string
	attr map[string]string
	kids []*node
	text string
}

func parseXML(t *testing.T, data []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := &node{name: "#root"}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("XML not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].text += string(tok)
		}
	}
	if len(root.kids) != 1 {
		t.Fatalf("want one root element, got %d", len(root.kids))
	}
	return root.kids[0]
}

// all returns the descendants of n named name, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
		out = append(out, k.all(name)...)
	}
	return out
}

// child returns the first direct child named name, or nil.
func (n *node) child(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// path follows direct children by name.
func (n *node) path(names ...string) *node {
	for _, name := range names {
		if n == nil {
			return nil
		}
		n = n.child(name)
	}
	return n
}

// texts joins the w:t text of n, with "\n" for w:br.
func (n *node) texts() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		switch n.name {
		case "t":
			b.WriteString(n.text)
		case "br":
			b.WriteString("\n")
		case "tab":
			b.WriteString("\t")
		case "noBreakHyphen":
			b.WriteString("-")
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

func (n *node) has(name string) bool { return n != nil && n.child(name) != nil }

func (n *node) attrOf(child, attr string) string {
	if n == nil {
		return ""
	}
	c := n.child(child)
	if c == nil {
		return ""
	}
	return c.attr[attr]
}

// render renders d and returns the zip entries by name and in order.
func render(t testing.TB, d document.Document) (map[string][]byte, []string, []byte) {
	t.Helper()
	var out bytes.Buffer
	if err := New(typesettest.Metrics()).Render(&out, d); err != nil {
		t.Fatalf("Render: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = data
		names = append(names, f.Name)
	}
	return parts, names, out.Bytes()
}

// renderBody renders d and returns the parsed w:body.
func renderBody(t *testing.T, d document.Document) *node {
	t.Helper()
	parts, _, _ := render(t, d)
	return parseXML(t, parts["word/document.xml"]).child("body")
}

var xmlToken = regexp.MustCompile(`<[^>]+>|[^<]+`)

// indentXML lays XML out one element per line for golden files a reviewer
// can read; text stays on the line of its element.
func indentXML(data []byte) []byte {
	toks := xmlToken.FindAll(data, -1)
	var b bytes.Buffer
	depth := 0
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		switch {
		case bytes.HasPrefix(tok, []byte("<?")):
			b.Write(tok)
			b.WriteByte('\n')
		case bytes.HasPrefix(tok, []byte("</")):
			depth--
			b.WriteString(strings.Repeat(" ", depth))
			b.Write(tok)
			b.WriteByte('\n')
		case tok[0] == '<':
			b.WriteString(strings.Repeat(" ", depth))
			b.Write(tok)
			if bytes.HasSuffix(tok, []byte("/>")) {
				b.WriteByte('\n')
				continue
			}
			if i+2 < len(toks) && toks[i+1][0] != '<' && bytes.HasPrefix(toks[i+2], []byte("</")) {
				b.Write(toks[i+1])
				b.Write(toks[i+2])
				b.WriteByte('\n')
				i += 2
				continue
			}
			b.WriteByte('\n')
			depth++
		default:
			if s := bytes.TrimSpace(tok); len(s) > 0 {
				b.WriteString(strings.Repeat(" ", depth))
				b.Write(tok)
				b.WriteByte('\n')
			}
		}
	}
	return b.Bytes()
}
