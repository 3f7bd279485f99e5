//go:build goexperiment.simd && amd64

package nn

import "simd/archsimd"

// The vector kernels of the GOEXPERIMENT=simd build. They compute the same
// products as the portable kernels, in tiles of rows × columns of C: on
// AVX-512, 8×16 (two vectors of 8 float64 per row, 16 accumulators; 4×16
// for the last 4 rows); on AVX2, 4×8 (two vectors of 4 per row, 8
// accumulators). Both are written in Go assembly (matmul_tiles_amd64.s;
// tile16 says why).
//
// Every product is the same loop:
//
//	c(r, q) = Σ_p a(r, p) b(p, q)
//
// with a(r, p) = a[r·ar + p·ap] and b(p, q) = b[p·bp + q·bc]. Over p it runs
// in blocks of kc: a block of one tile's columns of B (a kc×16 panel, 32 KB)
// stays in the L1 cache while every row of A passes it. Each panel is first
// packed into contiguous rows, once per product; where the columns of B are
// not contiguous (A·Bᵀ, whose B is the weight matrix) this is a transpose.
// The tiles also compute the edges of C (rows past a multiple of 4, columns
// past a multiple of the width), padded with zeros (vectorBlocks).
//
// vzeroupper: every tile ends with the VZEROUPPER instruction, and so does
// Adam's vector loop (archsimd.ClearAVXUpperBits); a tile follows the
// vector moves that pack a panel. Go compiles scalar float64 code, and
// math.Exp's assembly, to SSE instructions; while the upper halves of the
// vector registers hold a tile's values, each of those waits on them.
// Without it the digits network (BenchmarkSmallNets) trained 4× slower than
// with it, and slower than in the portable build, math.Exp taking 30 ns
// instead of 5. The tiles are not the only cause: in this build, Go 1.26's
// asynchronous preemption restores Z0…Z31 with 512-bit moves and no
// VZEROUPPER (runtime/preempt_amd64.s), so after a goroutine is preempted
// its SSE code is slow until the next VZEROUPPER. On a Xeon (AVX-512)
// math.Exp then took 470–2200 ns, and 22–55 with a VZEROUPPER every 256
// calls; the package's tests of sigmoid networks, which never reach a tile,
// ran 10–15× slower than in the portable build. GODEBUG=asyncpreemptoff=1
// avoids it, for a whole program; the package limits it with clearUpper at
// the start of each training step, element-wise pass and softmax
// cross-entropy loss.

// clearUpper executes VZEROUPPER (see vzeroupper above).
func clearUpper() { archsimd.ClearAVXUpperBits() }

func init() {
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		kernels = append(kernels, avx2)
		best = avx2
	}
	if archsimd.X86.AVX512() {
		kernels = append(kernels, avx512)
		best = avx512
	}
}

// runVector sets columns j.lo…j.hi−1 of j's product with the kernel j.kern.
func runVector(j job) {
	a, b := j.A.Data, j.B.Data
	var ar, ap, bp, bc, P int
	switch j.kind {
	case kindMulT: // C = A·Bᵀ: a(r, p) = A[r, p], b(p, q) = B[q, p]
		ar, ap, bp, bc, P = j.A.Cols, 1, 1, j.B.Cols, j.A.Cols
	case kindMul: // C = A·B: a(r, p) = A[r, p], b(p, q) = B[p, q]
		ar, ap, bp, bc, P = j.A.Cols, 1, j.B.Cols, 1, j.A.Cols
	case kindTMul: // C = Aᵀ·B: a(r, p) = A[p, r], b(p, q) = B[p, q]
		ar, ap, bp, bc, P = 1, j.A.Cols, j.B.Cols, 1, j.A.Rows
	}
	// A packed panel of B and the padded edges, on the goroutine's stack:
	// nothing to allocate or share.
	var buf [kc * 16]float64
	var pad edges
	vectorBlocks(j, a, ar, ap, b, bp, bc, P, buf[:], &pad)
}

// edges holds what the tiles at the edges of C work on: the last rows of A
// (past a multiple of 4) padded with rows of zeros to a tile's 4, a tile of
// C, and the bias of a panel padded with zeros.
type edges struct {
	a    [4 * kc]float64 // a(rows + i, p0 + p) at [i·kc + p]
	c    [8 * 16]float64 // a tile, W columns a row (16, or 8 on AVX2)
	bias [16]float64
}

// vectorBlocks is runVector's loop over blocks of kc and tiles, with the
// products' strides; buf holds the packed panel.
//
// Every entry of C is computed by a tile. At the edges of C (the last
// columns of a part, fewer than the tile's width, and the last rows, fewer
// than 4) the panel of B is padded with columns of zeros and A with rows of
// zeros; the tile is computed into pad.c, and only its entries that lie in C
// are copied there. A padded row or column enters no other entry's sum, so
// each entry of C is the same sum, in the same order, as in a full tile;
// the padding is zeros rather than whatever the buffers held, so that no
// stale value (a subnormal number is slow) enters the arithmetic; pad.c's
// padded rows and columns are cleared before C's entries are copied in.
func vectorBlocks(j job, a []float64, ar, ap int, b []float64, bp, bc, P int, buf []float64, pad *edges) {
	C := j.C
	M, N := C.Rows, C.Cols
	W := j.kern.width()
	rows := M &^ 3 // the rows in tiles of A's own rows; the rest are padded
	for p0 := 0; p0 < P; p0 += kc {
		pn := min(kc, P-p0)
		if rows < M {
			pad.padRows(a, ar, ap, rows, M, p0, pn)
		}
		for q0 := j.lo; q0 < j.hi; q0 += W {
			w := min(W, j.hi-q0) // the columns of C in this panel
			panel := buf[:pn*W]
			packPanel(panel, W, w, j.kern, b, bp, bc, p0, pn, q0)
			var bias []float64
			if p0 == 0 && j.bias != nil {
				bias = j.bias[q0 : q0+w]
				if w < W {
					clear(pad.bias[copy(pad.bias[:], bias):])
					bias = pad.bias[:W]
				}
			}
			add := p0 > 0
			var h int
			for r := 0; r < M; r += h {
				h = 4 // 8 rows a tile on AVX-512, 4 for the last rows of a multiple of 4
				if j.kern == avx512 && r+8 <= rows {
					h = 8
				}
				at, atr, atp := a[r*ar+p0*ap:], ar, ap
				if r >= rows {
					at, atr, atp = pad.a[:], kc, 1
				}
				if r+h <= M && w == W {
					tile(j.kern, h, C.Data[r*N+q0:], N, at, atr, atp, pn, panel, bias, add)
					continue
				}
				n := min(h, M-r) // the rows of this tile in C
				if add {
					clear(pad.c[:h*W])
					for i := range n {
						copy(pad.c[i*W:i*W+w], C.Data[(r+i)*N+q0:])
					}
				}
				tile(j.kern, h, pad.c[:], W, at, atr, atp, pn, panel, bias, add)
				for i := range n {
					copy(C.Data[(r+i)*N+q0:(r+i)*N+q0+w], pad.c[i*W:])
				}
			}
		}
	}
}

// padRows sets e.a[i·kc + p] = a(r0 + i, p0 + p) for p < pn and the rows
// r0 + i < r1 (at most 4), and 0 for the rows past r1: the last rows of A,
// padded to a tile of 4.
func (e *edges) padRows(a []float64, ar, ap, r0, r1, p0, pn int) {
	for i := range 4 {
		dst := e.a[i*kc : i*kc+pn]
		if r0+i >= r1 {
			clear(dst)
			continue
		}
		for p := range dst {
			dst[p] = a[(r0+i)*ar+(p0+p)*ap]
		}
	}
}

// packPanel sets panel[p·W + q] = b(p0 + p, q0 + q) for p < pn and the w
// columns q < w of C in this panel, and 0 for the rest: W entries a step
// of p, the tiles' constant stride.
func packPanel(panel []float64, W, w int, kern kernel, b []float64, bp, bc, p0, pn, q0 int) {
	switch {
	case bc != 1: // here bp = 1: a column of the panel is a row of B
		for q := range w {
			src := b[(q0+q)*bc+p0 : (q0+q)*bc+p0+pn]
			for p, v := range src {
				panel[p*W+q] = v
			}
		}
		for p := 0; w < W && p < pn; p++ {
			clear(panel[p*W+w : p*W+W])
		}
	case w == 16 && kern == avx512: // a row in two vector moves, not a call to copy
		for p := range pn {
			src := b[(p0+p)*bp+q0:]
			archsimd.LoadFloat64x8((*[8]float64)(src)).Store((*[8]float64)(panel[p*16:]))
			archsimd.LoadFloat64x8((*[8]float64)(src[8:])).Store((*[8]float64)(panel[p*16+8:]))
		}
	default:
		for p := range pn {
			row := panel[p*W : p*W+W]
			copy(row, b[(p0+p)*bp+q0:(p0+p)*bp+q0+w])
			clear(row[w:])
		}
	}
}

// tile runs kern's h×W tile (tile16, or tile8's 4×8 on AVX2, where h is
// always 4) on c, rows ldc apart, with a(r, p) = a[r·ar + p·ap] and the
// packed panel b.
func tile(kern kernel, h int, c []float64, ldc int, a []float64, ar, ap, P int, b, bias []float64, add bool) {
	if kern == avx512 {
		tile16(h, c, ldc, a, ar, ap, P, b, bias, add)
		return
	}
	tile8(c, ldc, a, ar, ap, P, b, bias, add)
}

// tile16 sets (add false) or adds to (add true) the h×16 tile c (rows ldc
// apart), h = 8 or 4, the sums Σ_p a(r, p) b[16p : 16p+16] over p = 0…P−1
// for the rows r = 0…h−1, with a(r, p) = a[r·ar + p·ap] and b a packed
// panel. If bias is not nil (and add false), the sums start at bias instead
// of 0. It checks that every entry it touches lies in its slice, then runs
// the assembly tile (matmul_tiles_amd64.s).
//
// Why assembly: Go 1.26 compiles simd/archsimd's MulAdd to VFMADD213PD,
// which writes over a multiplicand, so the broadcast entry of A needs a copy
// and the accumulators move between registers every pass; it broadcasts
// from a register (a shuffle, on the port of Intel's second multiply-add
// unit); and it gives vector code 15 registers (Z0…Z14), so a tile of more than 8
// accumulators spills. The 4×16 archsimd tile ran at 15–23 GFLOP/s alone in
// the L1 cache on a Xeon (AVX-512) whose peak, measured with independent
// chains of multiply-adds, is 62–66 GFLOP/s a core (2 × 8 × 2 at 2.0 GHz); the
// assembly 8×16 tile at 45–57, with the same bits.
func tile16(h int, c []float64, ldc int, a []float64, ar, ap, P int, b []float64, bias []float64, add bool) {
	_ = c[(h-1)*ldc+15]
	_ = a[(h-1)*ar+(P-1)*ap]
	_ = b[16*P-1]
	var b0 *float64
	if bias != nil {
		_ = bias[15]
		b0 = &bias[0]
	}
	switch h {
	case 8:
		tile8x16(&c[0], ldc, &a[0], ar, ap, P, &b[0], b0, add)
	case 4:
		tile4x16(&c[0], ldc, &a[0], ar, ap, P, &b[0], b0, add)
	default:
		panic("tile16: a tile has 8 or 4 rows")
	}
}

// tile8x16 and tile4x16 are the assembly tiles of tile16, of 8 and 4 rows.
//
//go:noescape
func tile8x16(c *float64, ldc int, a *float64, ar, ap, P int, b *float64, bias *float64, add bool)

//go:noescape
func tile4x16(c *float64, ldc int, a *float64, ar, ap, P int, b *float64, bias *float64, add bool)

// tile8 is tile16 for AVX2: it sets or adds to the 4×8 tile c, with 8
// columns in the panel b, in the assembly tile tile4x8. On the Xeon of
// tile16's note, at the first layer's shapes on one CPU, the simd/archsimd
// tiles it replaces ran at 3.6–6.2 GFLOP/s and tile4x8 at 6.6–15.9, in
// three alternate runs of the two builds (BenchmarkKernels/avx2), for the
// first two reasons given there (a tile of 8 accumulators does not spill);
// the same bits.
func tile8(c []float64, ldc int, a []float64, ar, ap, P int, b []float64, bias []float64, add bool) {
	_ = c[3*ldc+7]
	_ = a[3*ar+(P-1)*ap]
	_ = b[8*P-1]
	var b0 *float64
	if bias != nil {
		_ = bias[7]
		b0 = &bias[0]
	}
	tile4x8(&c[0], ldc, &a[0], ar, ap, P, &b[0], b0, add)
}

//go:noescape
func tile4x8(c *float64, ldc int, a *float64, ar, ap, P int, b *float64, bias *float64, add bool)
