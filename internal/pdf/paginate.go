package pdf

// placed is a box at its position on a page (y of the box's top, after its
// space before).
type placed struct {
	b *box
	y float64
}

// fitTolerance absorbs floating-point noise when a box ends exactly at the
// bottom margin.
const fitTolerance = 1e-6

// paginate places the boxes of one section on pages whose text area runs
// from top to bottom, and returns the boxes of each page (at least one page).
//
// Boxes go down the page one after another; the space after a box may run
// into the bottom margin, as in Word. When a box does not fit, the chain of
// boxes linked to it by keepNext is moved to the next page with it (widow
// and orphan control, keep-with-next, keep-together), unless the chain
// starts at the top of the page — it is then longer than a page and breaks
// where it must. Space before is dropped at the top of every page but the
// section's first (Word). A Table body row that starts a page is preceded by
// the table's header rows. A box taller than the page is placed alone and
// overflows; every page takes at least one box, so this always ends.
func paginate(boxes []*box, top, bottom float64) [][]placed {
	var pages [][]placed
	var cur []placed
	var seq []int // index in boxes of each placed box, -1 for a repeated header
	y := top
	first := true
	pageStart := 0
	newPage := func(next int) {
		pages = append(pages, cur)
		cur, seq = nil, nil
		y = top
		first = false
		pageStart = next
	}
	for i := 0; i < len(boxes); {
		b := boxes[i]
		if i == pageStart && len(cur) == 0 && !first && len(b.header) > 0 {
			for _, h := range b.header {
				cur = append(cur, placed{b: h, y: y})
				seq = append(seq, -1)
				y += h.height
			}
		}
		before := b.before
		if i == pageStart && !first {
			before = 0
		}
		if i > pageStart && y+before+b.height > bottom+fitTolerance {
			j := i
			for j > pageStart && boxes[j-1].keepNext {
				j--
			}
			if j > pageStart {
				k := len(seq)
				for k > 0 && (seq[k-1] < 0 || seq[k-1] >= j) {
					k--
				}
				// Keep repeated headers only if a row of theirs stays.
				cur, seq = cur[:k], seq[:k]
			} else {
				j = i
			}
			newPage(j)
			i = j
			continue
		}
		cur = append(cur, placed{b: b, y: y + before})
		seq = append(seq, i)
		y += before + b.height + b.after
		i++
	}
	pages = append(pages, cur)
	return pages
}
