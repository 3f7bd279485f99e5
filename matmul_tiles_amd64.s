//go:build goexperiment.simd && amd64

#include "textflag.h"

// The tiles of the vector products (see matmul_simd.go, tile16 and tile8):
// two for AVX-512, then one for AVX2 at the end of the file.
//
// The AVX-512 tiles:
// c(r, q) = start(r, q) + Σ_p a(r, p) b[16p + q] for q = 0…15 and the rows r
// of the tile (8 in tile8x16, 4 in tile4x16), with a(r, p) at
// a + 8(r·ar + p·ap) and b a packed panel. Each row's 16 sums are two vectors
// of 8 float64, summed in the order of p with one fused multiply-add per
// step: the same bits as the simd/archsimd tile these replaced; the plain
// loops of matrix.go round each product, so they agree to rounding.
//
// Per step of p: two loads of the panel's row, one broadcast load of each
// row's a(r, p), and two multiply-adds a row, into accumulators that stay in
// registers for the whole sum (Z0…Z15: row r in Z(2r) and Z(2r+1)). In Go
// assembly, unlike in simd/archsimd code, the accumulator is the
// multiply-add's destination (VFMADD231PD), the broadcast reads memory
// (no shuffle: Intel's second multiply-add unit shares its port with
// shuffles) and all 32 vector registers are there.
//
// Arguments (of all three tiles): c, ldc (the tile and its row stride), a,
// ar, ap (the first entry of A and the strides of r and p), P (the steps),
// b (the panel), bias (nil, or the starting values of every row: 16, or 8
// in tile4x8), add (start from c's values). None checks bounds: the Go
// callers (tile16, tile8) do.

// The parts of a tile, as macros: one for each row, at offsets 0 and 64 of
// its 16 values.

// ZERO sets a row's accumulators to 0; START sets them to the 16 values at
// m0, m64 (the bias, or c's row); STORE writes them there.
#define ZERO(c0, c1) VPXORQ c0, c0, c0; VPXORQ c1, c1, c1
#define START(m0, m64, c0, c1) VMOVUPD m0, c0; VMOVUPD m64, c1
#define STORE(m0, m64, c0, c1) VMOVUPD c0, m0; VMOVUPD c1, m64

// One step of p for one row r: t = a(r, p) in every lane (BCAST), then
// (c0, c1) += t·(Z16, Z17), the panel's row p (FMA). A step does every row's
// BCAST, then every row's FMA (the order the tile was measured in).
#define BCAST(ar, t) VBROADCASTSD ar, t
#define FMA(t, c0, c1) VFMADD231PD Z16, t, c0; VFMADD231PD Z17, t, c1

// PANEL loads the panel's row p, at off and off+64 from SI.
#define PANEL(off, off64) VMOVUPD off(SI), Z16; VMOVUPD off64(SI), Z17

// The rows of A in tile8x16: R8 + {0, 1, 2, 4}·AX, R9 = row 3 (and row 5 =
// R9 + 2·AX), R11 = row 6, R10 = row 7; its rows of C: DI + {0, 1, 2, 4}·DX,
// R13 = row 3 (row 5 = R13 + 2·DX), R15 = row 6, R14 = row 7.
#define STEP8 \
	BCAST((R8), Z18); BCAST((R8)(AX*1), Z19); BCAST((R8)(AX*2), Z20); BCAST((R9), Z21); \
	BCAST((R8)(AX*4), Z22); BCAST((R9)(AX*2), Z23); BCAST((R11), Z24); BCAST((R10), Z25); \
	FMA(Z18, Z0, Z1); FMA(Z19, Z2, Z3); FMA(Z20, Z4, Z5); FMA(Z21, Z6, Z7); \
	FMA(Z22, Z8, Z9); FMA(Z23, Z10, Z11); FMA(Z24, Z12, Z13); FMA(Z25, Z14, Z15); \
	ADDQ BX, R8; ADDQ BX, R9; ADDQ BX, R10; ADDQ BX, R11

// ROWS8(M) applies M to the 8 rows of C, with their accumulators.
#define ROWS8(M) \
	M((DI), 64(DI), Z0, Z1); \
	M((DI)(DX*1), 64(DI)(DX*1), Z2, Z3); \
	M((DI)(DX*2), 64(DI)(DX*2), Z4, Z5); \
	M((R13), 64(R13), Z6, Z7); \
	M((DI)(DX*4), 64(DI)(DX*4), Z8, Z9); \
	M((R13)(DX*2), 64(R13)(DX*2), Z10, Z11); \
	M((R15), 64(R15), Z12, Z13); \
	M((R14), 64(R14), Z14, Z15)

// The arguments, into registers: DI = c, DX = 8·ldc, R8 = a, AX = 8·ar,
// BX = 8·ap, CX = P, SI = b, R12 = bias.
#define ARGS \
	MOVQ c+0(FP), DI; \
	MOVQ ldc+8(FP), DX; SHLQ $3, DX; \
	MOVQ a+16(FP), R8; \
	MOVQ ar+24(FP), AX; SHLQ $3, AX; \
	MOVQ ap+32(FP), BX; SHLQ $3, BX; \
	MOVQ P+40(FP), CX; \
	MOVQ b+48(FP), SI; \
	MOVQ bias+56(FP), R12

// func tile8x16(c *float64, ldc int, a *float64, ar, ap, P int, b *float64, bias *float64, add bool)
TEXT ·tile8x16(SB), NOSPLIT, $0-65
	ARGS
	LEAQ (R8)(AX*2), R9
	ADDQ AX, R9            // R9: a's row 3
	LEAQ (R9)(AX*2), R11
	ADDQ AX, R11           // R11: row 6
	LEAQ (R9)(AX*4), R10   // R10: row 7
	LEAQ (DI)(DX*2), R13
	ADDQ DX, R13           // R13: c's row 3
	LEAQ (R13)(DX*2), R15
	ADDQ DX, R15           // R15: row 6
	LEAQ (R13)(DX*4), R14  // R14: row 7
	CMPB add+64(FP), $0
	JNE  tile8x16_c
	TESTQ R12, R12
	JNE  tile8x16_bias
	ZERO(Z0, Z1); ZERO(Z2, Z3); ZERO(Z4, Z5); ZERO(Z6, Z7)
	ZERO(Z8, Z9); ZERO(Z10, Z11); ZERO(Z12, Z13); ZERO(Z14, Z15)
	JMP  tile8x16_loop
tile8x16_bias:
	START((R12), 64(R12), Z0, Z1); START((R12), 64(R12), Z2, Z3)
	START((R12), 64(R12), Z4, Z5); START((R12), 64(R12), Z6, Z7)
	START((R12), 64(R12), Z8, Z9); START((R12), 64(R12), Z10, Z11)
	START((R12), 64(R12), Z12, Z13); START((R12), 64(R12), Z14, Z15)
	JMP  tile8x16_loop
tile8x16_c:
	ROWS8(START)
tile8x16_loop: // two steps of p a pass
	CMPQ CX, $2
	JLT  tile8x16_last
	PANEL(0, 64)
	STEP8
	PANEL(128, 192)
	STEP8
	ADDQ $256, SI
	SUBQ $2, CX
	JMP  tile8x16_loop
tile8x16_last: // P odd: the last step
	TESTQ CX, CX
	JEQ  tile8x16_store
	PANEL(0, 64)
	STEP8
tile8x16_store:
	ROWS8(STORE)
	VZEROUPPER
	RET

// The rows of tile4x16: A's at R8 + {0, 1, 2}·AX and R9 = row 3; C's at
// DI + {0, 1, 2}·DX and R13 = row 3.
#define STEP4 \
	BCAST((R8), Z18); BCAST((R8)(AX*1), Z19); BCAST((R8)(AX*2), Z20); BCAST((R9), Z21); \
	FMA(Z18, Z0, Z1); FMA(Z19, Z2, Z3); FMA(Z20, Z4, Z5); FMA(Z21, Z6, Z7); \
	ADDQ BX, R8; ADDQ BX, R9

// ROWS4(M) applies M to the 4 rows of C.
#define ROWS4(M) \
	M((DI), 64(DI), Z0, Z1); \
	M((DI)(DX*1), 64(DI)(DX*1), Z2, Z3); \
	M((DI)(DX*2), 64(DI)(DX*2), Z4, Z5); \
	M((R13), 64(R13), Z6, Z7)

// func tile4x16(c *float64, ldc int, a *float64, ar, ap, P int, b *float64, bias *float64, add bool)
TEXT ·tile4x16(SB), NOSPLIT, $0-65
	ARGS
	LEAQ (R8)(AX*2), R9
	ADDQ AX, R9            // R9: a's row 3
	LEAQ (DI)(DX*2), R13
	ADDQ DX, R13           // R13: c's row 3
	CMPB add+64(FP), $0
	JNE  tile4x16_c
	TESTQ R12, R12
	JNE  tile4x16_bias
	ZERO(Z0, Z1); ZERO(Z2, Z3); ZERO(Z4, Z5); ZERO(Z6, Z7)
	JMP  tile4x16_loop
tile4x16_bias:
	START((R12), 64(R12), Z0, Z1); START((R12), 64(R12), Z2, Z3)
	START((R12), 64(R12), Z4, Z5); START((R12), 64(R12), Z6, Z7)
	JMP  tile4x16_loop
tile4x16_c:
	ROWS4(START)
tile4x16_loop: // two steps of p a pass
	CMPQ CX, $2
	JLT  tile4x16_last
	PANEL(0, 64)
	STEP4
	PANEL(128, 192)
	STEP4
	ADDQ $256, SI
	SUBQ $2, CX
	JMP  tile4x16_loop
tile4x16_last: // P odd: the last step
	TESTQ CX, CX
	JEQ  tile4x16_store
	PANEL(0, 64)
	STEP4
tile4x16_store:
	ROWS4(STORE)
	VZEROUPPER
	RET

// The AVX2 tile: tile4x8, c(r, q) for q = 0…7 and 4 rows, with b a packed
// panel of 8 columns (64 bytes a step of p). The same loop as tile4x16 with
// vectors of 4 float64: each row's 8 sums are two of them (Y0…Y7: row r in
// Y(2r) and Y(2r+1)), the panel's row is Y8, Y9 and the broadcasts Y10…Y13.
// Every instruction has a VEX encoding (AVX2 and FMA; none needs AVX-512).
#define ZEROY(c0, c1) VXORPD c0, c0, c0; VXORPD c1, c1, c1
#define FMAY(t, c0, c1) VFMADD231PD Y8, t, c0; VFMADD231PD Y9, t, c1
#define PANELY(off, off32) VMOVUPD off(SI), Y8; VMOVUPD off32(SI), Y9

#define STEP4Y \
	BCAST((R8), Y10); BCAST((R8)(AX*1), Y11); BCAST((R8)(AX*2), Y12); BCAST((R9), Y13); \
	FMAY(Y10, Y0, Y1); FMAY(Y11, Y2, Y3); FMAY(Y12, Y4, Y5); FMAY(Y13, Y6, Y7); \
	ADDQ BX, R8; ADDQ BX, R9

// ROWS4Y(M) applies M to the 4 rows of C, 8 values each.
#define ROWS4Y(M) \
	M((DI), 32(DI), Y0, Y1); \
	M((DI)(DX*1), 32(DI)(DX*1), Y2, Y3); \
	M((DI)(DX*2), 32(DI)(DX*2), Y4, Y5); \
	M((R13), 32(R13), Y6, Y7)

// func tile4x8(c *float64, ldc int, a *float64, ar, ap, P int, b *float64, bias *float64, add bool)
TEXT ·tile4x8(SB), NOSPLIT, $0-65
	ARGS
	LEAQ (R8)(AX*2), R9
	ADDQ AX, R9            // R9: a's row 3
	LEAQ (DI)(DX*2), R13
	ADDQ DX, R13           // R13: c's row 3
	CMPB add+64(FP), $0
	JNE  tile4x8_c
	TESTQ R12, R12
	JNE  tile4x8_bias
	ZEROY(Y0, Y1); ZEROY(Y2, Y3); ZEROY(Y4, Y5); ZEROY(Y6, Y7)
	JMP  tile4x8_loop
tile4x8_bias:
	START((R12), 32(R12), Y0, Y1); START((R12), 32(R12), Y2, Y3)
	START((R12), 32(R12), Y4, Y5); START((R12), 32(R12), Y6, Y7)
	JMP  tile4x8_loop
tile4x8_c:
	ROWS4Y(START)
tile4x8_loop: // two steps of p a pass
	CMPQ CX, $2
	JLT  tile4x8_last
	PANELY(0, 32)
	STEP4Y
	PANELY(64, 96)
	STEP4Y
	ADDQ $128, SI
	SUBQ $2, CX
	JMP  tile4x8_loop
tile4x8_last: // P odd: the last step
	TESTQ CX, CX
	JEQ  tile4x8_store
	PANELY(0, 32)
	STEP4Y
tile4x8_store:
	ROWS4Y(STORE)
	VZEROUPPER
	RET
