package qrcode

// The straightforward encoder this package started from (one bool per
// module, masks and penalties module by module, Reed–Solomon by bitwise
// multiplication): the reference the fast encoder is checked against, mask
// choice and penalty scores included.

import "errors"

type refSymbol struct {
	size     int
	level    Level
	modules  [][]bool
	function [][]bool
}

// refEncode encodes with the given mask, or the best one when mask < 0.
type refCode struct {
	version, mask int
	modules       [][]bool
	scores        [8]int // penalty of each mask (when chosen by score)
}

func refEncode(data []byte, level Level, mask int) (*refCode, error) {
	if level < Low || level > High {
		return nil, errors.New("qrcode: unknown level")
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
		return nil, ErrTooLong
	}
	// Bit stream: mode 0100 (byte), count, data, terminator, padding.
	var bits []bool
	put := func(v, n int) {
		for i := n - 1; i >= 0; i-- {
			bits = append(bits, v>>i&1 == 1)
		}
	}
	put(4, 4)
	if ver >= 10 {
		put(len(data), 16)
	} else {
		put(len(data), 8)
	}
	for _, b := range data {
		put(int(b), 8)
	}
	capBits := qrDataCodewords(ver, level) * 8
	put(0, min(4, capBits-len(bits)))
	put(0, (8-len(bits)%8)%8)
	for pad := 0xEC; len(bits) < capBits; pad ^= 0xEC ^ 0x11 {
		put(pad, 8)
	}
	codewords := make([]byte, len(bits)/8)
	for i, b := range bits {
		if b {
			codewords[i>>3] |= 1 << (7 - i&7)
		}
	}

	s := newRefSymbol(ver, level)
	s.drawCodewords(refInterleave(ver, level, codewords))
	var scores [8]int
	best, bestScore := mask, -1
	for m := 0; m < 8 && mask < 0; m++ {
		s.applyMask(m)
		s.drawFormat(m)
		p := s.penalty()
		scores[m] = p
		if bestScore < 0 || p < bestScore {
			best, bestScore = m, p
		}
		s.applyMask(m) // undo
	}
	s.applyMask(best)
	s.drawFormat(best)
	return &refCode{version: ver, mask: best, modules: s.modules, scores: scores}, nil
}

func newRefSymbol(ver int, level Level) *refSymbol {
	size := ver*4 + 17
	s := &refSymbol{size: size, level: level, modules: make([][]bool, size), function: make([][]bool, size)}
	for i := range s.modules {
		s.modules[i] = make([]bool, size)
		s.function[i] = make([]bool, size)
	}
	for i := 0; i < size; i++ {
		s.set(6, i, i%2 == 0)
		s.set(i, 6, i%2 == 0)
	}
	s.finder(3, 3)
	s.finder(size-4, 3)
	s.finder(3, size-4)
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
						s.set(pos[i]+dx, pos[j]+dy, max(refAbs(dx), refAbs(dy)) != 1)
					}
				}
			}
		}
	}
	s.drawFormat(0) // reserve the format areas
	if ver >= 7 {
		rem := ver
		for range 12 {
			rem = rem<<1 ^ (rem>>11)*0x1F25
		}
		b := ver<<12 | rem
		for i := range 18 {
			bit := b>>i&1 == 1
			a, c := size-11+i%3, i/3
			s.set(a, c, bit)
			s.set(c, a, bit)
		}
	}
	return s
}

func refAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// set marks a function module at column x, row y.
func (s *refSymbol) set(x, y int, dark bool) {
	s.modules[y][x] = dark
	s.function[y][x] = true
}

func (s *refSymbol) finder(x, y int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			d := max(refAbs(dx), refAbs(dy))
			xx, yy := x+dx, y+dy
			if xx >= 0 && xx < s.size && yy >= 0 && yy < s.size {
				s.set(xx, yy, d != 2 && d != 4)
			}
		}
	}
}

// drawFormat writes the format information (level bits, mask).
func (s *refSymbol) drawFormat(mask int) {
	data := qrFormatBits[s.level]<<3 | mask
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	b := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return b>>i&1 == 1 }
	for i := 0; i <= 5; i++ {
		s.set(8, i, bit(i))
	}
	s.set(8, 7, bit(6))
	s.set(8, 8, bit(7))
	s.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		s.set(14-i, 8, bit(i))
	}
	for i := 0; i < 8; i++ {
		s.set(s.size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		s.set(8, s.size-15+i, bit(i))
	}
	s.set(8, s.size-8, true)
}

func refGFMul(x, y byte) byte {
	var z int
	for i := 7; i >= 0; i-- {
		z = z<<1 ^ (z>>7)*0x11D
		z ^= int(y>>i&1) * int(x)
	}
	return byte(z)
}

// refInterleave splits data into blocks, appends each block's Reed–Solomon
// codewords and interleaves them.
func refInterleave(ver int, level Level, data []byte) []byte {
	nb, eccLen := qrNumBlocks[level][ver], qrECCPerBlock[level][ver]
	raw := qrRawDataModules(ver) / 8
	nShort := nb - raw%nb
	shortLen := raw / nb
	// Generator polynomial.
	div := make([]byte, eccLen)
	div[eccLen-1] = 1
	root := byte(1)
	for range eccLen {
		for j := range eccLen {
			div[j] = refGFMul(div[j], root)
			if j+1 < eccLen {
				div[j] ^= div[j+1]
			}
		}
		root = refGFMul(root, 2)
	}
	blocks := make([][]byte, nb)
	k := 0
	for i := range nb {
		n := shortLen - eccLen
		if i >= nShort {
			n++
		}
		dat := data[k : k+n]
		k += n
		ecc := make([]byte, eccLen)
		for _, b := range dat {
			f := b ^ ecc[0]
			copy(ecc, ecc[1:])
			ecc[eccLen-1] = 0
			for j, c := range div {
				ecc[j] ^= refGFMul(c, f)
			}
		}
		blk := append([]byte(nil), dat...)
		if i < nShort {
			blk = append(blk, 0)
		}
		blocks[i] = append(blk, ecc...)
	}
	out := make([]byte, 0, raw)
	for i := range blocks[0] {
		for j, blk := range blocks {
			if i != shortLen-eccLen || j >= nShort {
				out = append(out, blk[i])
			}
		}
	}
	return out
}

func (s *refSymbol) drawCodewords(data []byte) {
	i := 0
	for right := s.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := 0; vert < s.size; vert++ {
			for j := 0; j < 2; j++ {
				x := right - j
				y := vert
				if (right+1)&2 == 0 {
					y = s.size - 1 - vert
				}
				if !s.function[y][x] && i < len(data)*8 {
					s.modules[y][x] = data[i>>3]>>(7-i&7)&1 == 1
					i++
				}
			}
		}
	}
}

func (s *refSymbol) applyMask(m int) {
	for y := 0; y < s.size; y++ {
		fn, row := s.function[y], s.modules[y]
		for x := 0; x < s.size; x++ {
			if fn[x] {
				continue
			}
			var inv bool
			switch m {
			case 0:
				inv = (x+y)%2 == 0
			case 1:
				inv = y%2 == 0
			case 2:
				inv = x%3 == 0
			case 3:
				inv = (x+y)%3 == 0
			case 4:
				inv = (x/3+y/2)%2 == 0
			case 5:
				inv = x*y%2+x*y%3 == 0
			case 6:
				inv = (x*y%2+x*y%3)%2 == 0
			case 7:
				inv = ((x+y)%2+x*y%3)%2 == 0
			}
			if inv {
				row[x] = !row[x]
			}
		}
	}
}

// penalty scores the symbol by the four rules of the standard.
func (s *refSymbol) penalty() int {
	const n2, n4 = 3, 10
	size := s.size
	score := 0
	for i := 0; i < size; i++ {
		score += s.lineScore(s.modules[i], nil, i)
		score += s.lineScore(nil, s.modules, i)
	}
	dark := 0
	for y := 0; y < size; y++ {
		row := s.modules[y]
		for x, c := range row {
			if c {
				dark++
			}
			if y < size-1 && x < size-1 && c == row[x+1] && c == s.modules[y+1][x] && c == s.modules[y+1][x+1] {
				score += n2
			}
		}
	}
	total := size * size
	k := (refAbs(dark*20-total*10)+total-1)/total - 1
	return score + k*n4
}

// lineScore scores one row (row != nil) or column col of rows: runs of
// five or more (rule 1) and finder-like 1:1:3:1:1 patterns with four light
// modules on one side (rule 3), the outside of the symbol counting as light.
func (s *refSymbol) lineScore(row []bool, rows [][]bool, col int) int {
	const n1, n3 = 3, 40
	size := s.size
	var buf [qrMaxVersion*4 + 17 + 3]int
	runs := buf[:1] // runs[0] is light (possibly empty); colours alternate
	color := false
	score := 0
	for i := 0; i < size; i++ {
		var m bool
		if row != nil {
			m = row[i]
		} else {
			m = rows[i][col]
		}
		if m == color {
			runs[len(runs)-1]++
			continue
		}
		runs = append(runs, 1)
		color = m
	}
	if color {
		runs = append(runs, 0)
	}
	for _, r := range runs {
		if r >= 5 {
			score += n1 + r - 5
		}
	}
	runs[0] += size
	runs[len(runs)-1] += size
	for j := 6; j < len(runs); j += 2 {
		n := runs[j-1]
		if n == 0 || runs[j-2] != n || runs[j-3] != 3*n || runs[j-4] != n || runs[j-5] != n {
			continue
		}
		if runs[j] >= 4*n && runs[j-6] >= n {
			score += n3
		}
		if runs[j-6] >= 4*n && runs[j] >= n {
			score += n3
		}
	}
	return score
}
