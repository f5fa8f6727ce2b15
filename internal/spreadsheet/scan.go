package spreadsheet

import (
	"bytes"
	"encoding/xml"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellMeta is what the values stream does not give: the style index and
// whether the cell holds a formula.
type cellMeta struct {
	style   int
	formula bool
}

// sheetScan is the result of one pass over a worksheet's XML.
type sheetScan struct {
	cells  map[[2]int]cellMeta // {row, col} → meta, for cells with a style or a formula
	merges []string            // "A5:F5"
}

// scanSheets maps sheet names to their worksheet part in the package, from
// xl/workbook.xml and its relationships; nil when the package is laid out
// differently (the caller then falls back on excelize's per-cell API).
func scanPaths(f *excelize.File) map[string]string {
	wbXML, ok1 := pkgPart(f, "xl/workbook.xml")
	relsXML, ok2 := pkgPart(f, "xl/_rels/workbook.xml.rels")
	if !ok1 || !ok2 {
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(wbXML, &wb) != nil || xml.Unmarshal(relsXML, &rels) != nil {
		return nil
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := target[s.ID]; ok {
			out[s.Name] = t
		}
	}
	return out
}

func pkgPart(f *excelize.File, name string) ([]byte, bool) {
	v, ok := f.Pkg.Load(name)
	if !ok {
		return nil, false
	}
	b, ok := v.([]byte)
	return b, ok
}

// scanSheet walks the tags of a worksheet part once, without building a
// tree: <c r= s=> with a <f> inside, and <mergeCell ref=>. Values are not
// read here (the streaming reader formats them); tags may carry a namespace
// prefix ("x:c").
func scanSheet(data []byte) sheetScan {
	sc := sheetScan{cells: map[[2]int]cellMeta{}}
	var cur [2]int
	inCell := false
	for i := 0; i < len(data); {
		lt := bytes.IndexByte(data[i:], '<')
		if lt < 0 {
			break
		}
		start := i + lt + 1
		gt := bytes.IndexByte(data[start:], '>')
		if gt < 0 {
			break
		}
		tag := data[start : start+gt]
		i = start + gt + 1
		if len(tag) == 0 || tag[0] == '?' || tag[0] == '!' {
			continue
		}
		closing := tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		name := tag
		if sp := bytes.IndexAny(name, " \t\r\n/"); sp >= 0 {
			name = name[:sp]
		}
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		switch string(name) {
		case "c":
			if closing {
				inCell = false
				continue
			}
			ref := attr(tag, "r")
			col, row, err := excelize.CellNameToCoordinates(ref)
			if err != nil {
				inCell = false
				continue
			}
			cur = [2]int{row, col}
			if s, err := strconv.Atoi(attr(tag, "s")); err == nil && s > 0 {
				sc.cells[cur] = cellMeta{style: s}
			}
			inCell = tag[len(tag)-1] != '/'
		case "f":
			if !closing && inCell {
				m := sc.cells[cur]
				m.formula = true
				sc.cells[cur] = m
			}
		case "mergeCell":
			if ref := attr(tag, "ref"); ref != "" && !closing {
				sc.merges = append(sc.merges, ref)
			}
		}
	}
	return sc
}

// attr returns the value of attribute name in a tag's text.
func attr(tag []byte, name string) string {
	key := []byte(" " + name + "=")
	for off := 0; ; {
		k := bytes.Index(tag[off:], key)
		if k < 0 {
			// attributes may also be separated by tabs or new lines
			return attrSlow(tag, name)
		}
		v := tag[off+k+len(key):]
		if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
			off += k + len(key)
			continue
		}
		end := bytes.IndexByte(v[1:], v[0])
		if end < 0 {
			return ""
		}
		return string(v[1 : 1+end])
	}
}

func attrSlow(tag []byte, name string) string {
	fields := strings.FieldsFunc(string(tag), func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' })
	for _, f := range fields[1:] {
		if k, v, ok := strings.Cut(f, "="); ok && k == name && len(v) >= 2 {
			return strings.Trim(v, `"'/`)
		}
	}
	return ""
}
