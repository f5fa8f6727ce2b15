// Package qrcode is a small QR Code encoder (ISO/IEC 18004) for the
// certificates' verification codes: byte mode, the four error correction
// levels, versions 1–10 (up to 271 bytes at level L, 213 at M). It follows
// the well-known reference algorithm (Project Nayuki) and gives the same
// symbols, mask choice included (reference_test.go); go-qrcode gives the
// same symbol under the same mask (qr_test.go).
//
// It is built for batches of thousands of codes: a symbol's rows are
// 64-bit words, masks are applied by XOR with rows prepared once per
// version, the penalty rules are computed with word operations (runs by
// comparing a row with itself shifted, 2×2 blocks by combining adjacent
// rows, dark modules by popcount, finder-like patterns by bit masks), the
// columns are kept as words too, and Reed–Solomon uses log/exp tables. An
// encoding allocates only the Code it returns.
package qrcode

import (
	"errors"
	"math/bits"
	"sync"
)

// Level is the error correction level: the share of the symbol that may be
// damaged and still read.
type Level int

const (
	Low      Level = iota // about 7 %
	Medium                // about 15 %
	Quartile              // about 25 %
	High                  // about 30 %
)

const (
	qrMaxVersion = 10
	maxSize      = qrMaxVersion*4 + 17 // 57 modules: a row fits in a uint64
	maxCodewords = 346                 // all codewords of version 10
	maxECC       = 30
)

// Error correction tables, indexed by level and version.
var (
	qrECCPerBlock = [4][qrMaxVersion + 1]int{
		{-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18},
		{-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26},
		{-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24},
		{-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28},
	}
	qrNumBlocks = [4][qrMaxVersion + 1]int{
		{-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4},
		{-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5},
		{-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8},
		{-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8},
	}
	// qrFormatBits are the two level bits of the format information.
	qrFormatBits = [4]int{1, 0, 3, 2}
)

// ErrTooLong is returned for data beyond version 10 at the level asked.
var ErrTooLong = errors.New("qrcode: data too long")

var errLevel = errors.New("qrcode: unknown level")

// Code is an encoded symbol: Size × Size modules, without the quiet zone.
type Code struct {
	size, version, mask int
	rows                [maxSize]uint64 // bit x of rows[y]: column x, row y; 1 = dark
}

// Size is the number of modules on a side (21 for version 1, 57 for 10).
func (c *Code) Size() int { return c.size }

// Version is the symbol's version, 1–10.
func (c *Code) Version() int { return c.version }

// Mask is the data mask chosen, 0–7.
func (c *Code) Mask() int { return c.mask }

// Dark reports whether the module at column x, row y is dark.
func (c *Code) Dark(x, y int) bool { return c.rows[y]>>uint(x)&1 != 0 }

// Encode encodes text in byte mode at the given level, in the smallest
// version that holds it, with the mask of least penalty.
func Encode(text string, level Level) (*Code, error) {
	c := new(Code)
	if err := encodeInto(c, text, level, -1); err != nil {
		return nil, err
	}
	return c, nil
}

// encode encodes data with the given mask, or the best one when mask < 0.
func encode(data []byte, level Level, mask int) (*Code, error) {
	c := new(Code)
	if err := encodeInto(c, string(data), level, mask); err != nil {
		return nil, err
	}
	return c, nil
}

func qrRawDataModules(ver int) int {
	r := (16*ver+128)*ver + 64
	if ver >= 2 {
		n := ver/7 + 2
		r -= (25*n-10)*n - 55
		if ver >= 7 {
			r -= 36
		}
	}
	return r
}

func qrDataCodewords(ver int, level Level) int {
	return qrRawDataModules(ver)/8 - qrECCPerBlock[level][ver]*qrNumBlocks[level][ver]
}

func encodeInto(c *Code, data string, level Level, mask int) error {
	if level < Low || level > High {
		return errLevel
	}
	ver := 0
	for v := 1; v <= qrMaxVersion; v++ {
		cc := 8
		if v >= 10 {
			cc = 16
		}
		if 4+cc+8*len(data) <= qrDataCodewords(v, level)*8 {
			ver = v
			break
		}
	}
	if ver == 0 {
		return ErrTooLong
	}
	lay := layoutOf(ver)
	size := lay.size

	// Data codewords: mode 0100 (byte), count, data, terminator, padding.
	// The header is 12 or 20 bits, so each data byte straddles two
	// codewords; the 4-bit terminator completes the last one.
	var cw [maxCodewords]byte
	n := len(data)
	k := 0
	if ver >= 10 {
		cw[0] = 0x40 | byte(n>>12)
		cw[1] = byte(n >> 4)
		k = 2
	} else {
		cw[0] = 0x40 | byte(n>>4)
		k = 1
	}
	carry := byte(n & 15)
	for i := 0; i < n; i++ {
		b := data[i]
		cw[k] = carry<<4 | b>>4
		carry = b & 15
		k++
	}
	cw[k] = carry << 4
	k++
	nd := qrDataCodewords(ver, level)
	for pad := byte(0xEC); k < nd; pad ^= 0xEC ^ 0x11 {
		cw[k] = pad
		k++
	}

	var all [maxCodewords]byte
	raw := interleave(ver, level, cw[:nd], &all)

	// Place the codewords' bits in rows and columns.
	rows, cols := lay.base, lay.baseCols
	order := lay.order
	for i, b := range all[:raw] {
		for b != 0 {
			j := bits.LeadingZeros8(b)
			b &^= 0x80 >> j
			p := order[i*8+j]
			x, y := p&63, p>>6
			rows[y] |= 1 << x
			cols[x] |= 1 << y
		}
	}

	// Choose the mask.
	var mr, mc [maxSize]uint64
	best := mask
	if mask < 0 {
		bestScore := int(^uint(0) >> 1)
		for m := range 8 {
			lay.masked(&mr, &mc, &rows, &cols, level, m)
			if p := penalty(&mr, &mc, size, bestScore); p < bestScore {
				best, bestScore = m, p
			}
		}
	}
	lay.masked(&mr, &mc, &rows, &cols, level, best)
	c.size, c.version, c.mask = size, ver, best
	copy(c.rows[:size], mr[:size])
	return nil
}

// GF(256) with the QR polynomial x⁸+x⁴+x³+x²+1.
var (
	gfExp [512]byte // doubled: gfExp[a+b] needs no reduction
	gfLog [256]byte
	// genLog[n] holds the logarithms of the coefficients of the degree-n
	// generator polynomial, highest first, monic term left out (none of
	// them is zero).
	genLog [maxECC + 1][]byte
)

func init() {
	x := 1
	for i := range 255 {
		gfExp[i], gfExp[i+255] = byte(x), byte(x)
		gfLog[x] = byte(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11D
		}
	}
	gfExp[510] = gfExp[0]
	for l := range qrECCPerBlock {
		for _, n := range qrECCPerBlock[l][1:] {
			if genLog[n] == nil {
				genLog[n] = generator(n)
			}
		}
	}
}

func gfMul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return gfExp[int(gfLog[a])+int(gfLog[b])]
}

func generator(n int) []byte {
	div := make([]byte, n)
	div[n-1] = 1
	root := byte(1)
	for range n {
		for j := range n {
			div[j] = gfMul(div[j], root)
			if j+1 < n {
				div[j] ^= div[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	for j, c := range div {
		div[j] = gfLog[c]
	}
	return div
}

// interleave splits data into blocks, computes each block's Reed–Solomon
// codewords and writes data and error correction, interleaved, into out;
// it returns the number of codewords.
func interleave(ver int, level Level, data []byte, out *[maxCodewords]byte) int {
	nb, eccLen := qrNumBlocks[level][ver], qrECCPerBlock[level][ver]
	raw := qrRawDataModules(ver) / 8
	nShort := nb - raw%nb
	shortData := raw/nb - eccLen
	gen := genLog[eccLen]
	dataTotal := len(data)
	k := 0
	for j := range nb {
		n := shortData
		if j >= nShort {
			n++
		}
		blk := data[k : k+n]
		k += n
		var ecc [maxECC]byte
		e := ecc[:eccLen]
		for i, b := range blk {
			if i < shortData {
				out[i*nb+j] = b
			} else {
				out[shortData*nb+j-nShort] = b
			}
			f := b ^ e[0]
			copy(e, e[1:])
			e[eccLen-1] = 0
			if f != 0 {
				lf := int(gfLog[f])
				for t, g := range gen {
					e[t] ^= gfExp[lf+int(g)]
				}
			}
		}
		for i, b := range e {
			out[dataTotal+i*nb+j] = b
		}
	}
	return raw
}

// layout is what all symbols of a version share: function patterns, the
// order of the data modules and the masks, as rows and as columns.
type layout struct {
	size      int
	base      [maxSize]uint64 // function patterns; format areas light
	baseCols  [maxSize]uint64
	maskRows  [8][maxSize]uint64 // the modules each mask inverts (data modules only)
	maskCols  [8][maxSize]uint64
	order     []uint16      // data modules in placement order: y<<6 | x
	formatPos [2][15]uint16 // the two copies of the format bits, y<<6 | x
}

var layouts [qrMaxVersion + 1]struct {
	once sync.Once
	l    *layout
}

func layoutOf(ver int) *layout {
	e := &layouts[ver]
	e.once.Do(func() { e.l = newLayout(ver) })
	return e.l
}

func newLayout(ver int) *layout {
	size := ver*4 + 17
	l := &layout{size: size}
	var fn [maxSize][maxSize]bool
	set := func(x, y int, dark bool) {
		fn[y][x] = true
		if dark {
			l.base[y] |= 1 << x
			l.baseCols[x] |= 1 << y
		}
	}
	for i := range size {
		set(6, i, i%2 == 0)
		set(i, 6, i%2 == 0)
	}
	finder := func(x, y int) {
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				d := max(abs(dx), abs(dy))
				xx, yy := x+dx, y+dy
				if xx >= 0 && xx < size && yy >= 0 && yy < size {
					set(xx, yy, d != 2 && d != 4)
				}
			}
		}
	}
	finder(3, 3)
	finder(size-4, 3)
	finder(3, size-4)
	if ver > 1 {
		n := ver/7 + 2
		step := (ver*8 + n*3 + 5) / (n*4 - 4) * 2
		pos := make([]int, n)
		pos[0] = 6
		for i, p := n-1, size-7; i >= 1; i, p = i-1, p-step {
			pos[i] = p
		}
		for i := range n {
			for j := range n {
				if i == 0 && j == 0 || i == 0 && j == n-1 || i == n-1 && j == 0 {
					continue
				}
				for dy := -2; dy <= 2; dy++ {
					for dx := -2; dx <= 2; dx++ {
						set(pos[i]+dx, pos[j]+dy, max(abs(dx), abs(dy)) != 1)
					}
				}
			}
		}
	}
	// Format information: reserved here, written per mask.
	at := func(x, y int) uint16 { return uint16(y<<6 | x) }
	for i := 0; i <= 5; i++ {
		l.formatPos[0][i] = at(8, i)
	}
	l.formatPos[0][6] = at(8, 7)
	l.formatPos[0][7] = at(8, 8)
	l.formatPos[0][8] = at(7, 8)
	for i := 9; i < 15; i++ {
		l.formatPos[0][i] = at(14-i, 8)
	}
	for i := 0; i < 8; i++ {
		l.formatPos[1][i] = at(size-1-i, 8)
	}
	for i := 8; i < 15; i++ {
		l.formatPos[1][i] = at(8, size-15+i)
	}
	for _, fp := range l.formatPos {
		for _, p := range fp {
			set(int(p&63), int(p>>6), false)
		}
	}
	set(8, size-8, true)
	if ver >= 7 {
		rem := ver
		for range 12 {
			rem = rem<<1 ^ (rem>>11)*0x1F25
		}
		b := ver<<12 | rem
		for i := range 18 {
			bit := b>>i&1 == 1
			a, c := size-11+i%3, i/3
			set(a, c, bit)
			set(c, a, bit)
		}
	}
	// Data modules in the zigzag order of the standard.
	l.order = make([]uint16, 0, qrRawDataModules(ver))
	for right := size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range size {
			for j := range 2 {
				x, y := right-j, vert
				if (right+1)&2 == 0 {
					y = size - 1 - vert
				}
				if !fn[y][x] {
					l.order = append(l.order, at(x, y))
				}
			}
		}
	}
	for y := range size {
		for x := range size {
			if fn[y][x] {
				continue
			}
			for m := range 8 {
				if maskInverts(m, x, y) {
					l.maskRows[m][y] |= 1 << x
					l.maskCols[m][x] |= 1 << y
				}
			}
		}
	}
	return l
}

func maskInverts(m, x, y int) bool {
	switch m {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	default:
		return ((x+y)%2+x*y%3)%2 == 0
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// formatWord is the 15-bit format information of level and mask.
func formatWord(level Level, mask int) int {
	data := qrFormatBits[level]<<3 | mask
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	return (data<<10 | rem) ^ 0x5412
}

// masked writes into mr and mc the rows and columns of the symbol under
// mask m, format information included.
func (l *layout) masked(mr, mc, rows, cols *[maxSize]uint64, level Level, m int) {
	size := l.size
	r, c := &l.maskRows[m], &l.maskCols[m]
	for i := range size {
		mr[i] = rows[i] ^ r[i]
		mc[i] = cols[i] ^ c[i]
	}
	f := formatWord(level, m)
	for i := range 15 {
		if f>>i&1 == 0 {
			continue
		}
		for _, p := range [2]uint16{l.formatPos[0][i], l.formatPos[1][i]} {
			x, y := p&63, p>>6
			mr[y] |= 1 << x
			mc[x] |= 1 << y
		}
	}
}

// penalty scores a symbol by the four rules of the standard, given its rows
// and its columns. It stops counting once the score reaches limit (a mask
// that cannot beat the best so far).
func penalty(rows, cols *[maxSize]uint64, size, limit int) int {
	full := uint64(1)<<size - 1
	inner := full >> 1 // positions with a right-hand neighbour
	// Rule 4: balance of dark and light.
	dark := 0
	for _, r := range rows[:size] {
		dark += bits.OnesCount64(r)
	}
	total := size * size
	score := ((abs(dark*20-total*10)+total-1)/total - 1) * 10
	// Rule 2: 2×2 blocks of one colour, 3 each.
	blocks := 0
	for y := 0; y+1 < size; y++ {
		a, b := rows[y], rows[y+1]
		blocks += bits.OnesCount64(^(a ^ b) &^ (a ^ a>>1) &^ (b ^ b>>1) & inner)
	}
	score += 3 * blocks
	if score >= limit {
		return score
	}
	for y := range size {
		score += lineScore(rows[y], size, full)
	}
	if score >= limit {
		return score
	}
	for x := range size {
		score += lineScore(cols[x], size, full)
	}
	return score
}

// lineScore scores one row or column w (bit i = module i, 1 = dark): runs of
// five or more modules of one colour (rule 1: 3 + the run's length − 5) and
// 1:1:3:1:1 finder-like patterns with four light modules on one side (rule
// 3: 40 each side), the outside of the symbol counting as light.
//
// (In Go & and >> have the same precedence: w & w>>1 is (w&w)>>1, hence the
// parentheses around the shifts.)
func lineScore(w uint64, size int, full uint64) int {
	// Rule 1. eq has bit i when modules i and i+1 have one colour: a run of
	// L modules is a run of L−1 bits; four bits in a row of it (t) mark a
	// run of at least 5, and such a run of L scores L−2 = (bits of t) + 2.
	eq := ^(w ^ w>>1) & (full >> 1)
	t := eq & (eq >> 1)
	t &= t >> 2
	score := bits.OnesCount64(t) + 2*bits.OnesCount64(t&^(t>>1))

	// Rule 3 at scale 1: dark, light, 3 dark, light, dark starting at bit
	// p, with the module before it light and 4 light after it, or 4 light
	// before and one after. light has the bits beyond the symbol set;
	// shifts bring in light (1) from outside.
	light := ^w
	lr := func(j uint) uint64 { return light>>j | ^(^uint64(0) >> j) }
	p := w & lr(1) & (w >> 2) & (w >> 3) & (w >> 4) & lr(5) & (w >> 6)
	if p != 0 {
		b1 := light<<1 | 1
		b4 := b1 & (light<<2 | 3) & (light<<3 | 7) & (light<<4 | 15)
		a1 := lr(7)
		a4 := a1 & lr(8) & lr(9) & lr(10)
		score += 40 * (bits.OnesCount64(p&b4&a1) + bits.OnesCount64(p&b1&a4))
	}

	// Rule 3 at scale 2 and more needs a dark run of at least 6.
	d2 := w & (w >> 1)
	d4 := d2 & (d2 >> 2)
	if d4&(d2>>4) != 0 {
		score += scaledFinders(w, size)
	}
	return score
}

// scaledFinders counts the finder-like patterns of scale 2 and more in w
// from its runs, like the reference algorithm.
func scaledFinders(w uint64, size int) int {
	var buf [maxSize + 2]int
	runs := buf[:0]
	trans := (w ^ w<<1) & (uint64(1)<<size - 1) // bit i: module i differs from i−1 (light before 0)
	prev := 0
	for trans != 0 {
		i := bits.TrailingZeros64(trans)
		trans &= trans - 1
		runs = append(runs, i-prev)
		prev = i
	}
	runs = append(runs, size-prev)
	if len(runs)%2 == 0 { // ends dark
		runs = append(runs, 0)
	}
	runs[0] += size
	runs[len(runs)-1] += size
	score := 0
	for j := 6; j < len(runs); j += 2 {
		n := runs[j-1]
		if n < 2 || runs[j-2] != n || runs[j-3] != 3*n || runs[j-4] != n || runs[j-5] != n {
			continue
		}
		if runs[j] >= 4*n && runs[j-6] >= n {
			score += 40
		}
		if runs[j-6] >= 4*n && runs[j] >= n {
			score += 40
		}
	}
	return score
}
