;; The fused pass's no-resampling fast path (see ../row-pass.ts) in WebAssembly SIMD: 8-bit
;; pixels in, float planes out, each value computed exactly as the JavaScript pass does (in f64,
;; same order of operations, rounded once to f32), so the two are bit-identical. For a model fed
;; bytes (../../model-node/byte-feed.ts), "split" writes byte planes instead.
;;
;; Memory layout, set by the caller: the colour map at 0 as 12 f64 (m0..m8 row-major, then the
;; biases k0..k2); source bytes and output planes wherever the caller puts them (simd-row-pass.ts).
;; Everything is written out inline: the engine does not inline WebAssembly calls, and a call per
;; four pixels costs more than the arithmetic. Built into row-pass-wasm.ts by
;; `npm run wasm:build`; a test checks the two agree.
(module
  (memory (export "memory") 1)

  ;; n interleaved RGB pixels at src → planes at o0 (and o1, o2 when three is set), f32 each.
  (func (export "rgb") (param $src i32) (param $n i32) (param $o0 i32) (param $o1 i32) (param $o2 i32) (param $three i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $r v128) (local $g v128) (local $b v128) (local $q v128)
    (local $rl v128) (local $rh v128) (local $gl v128) (local $gh v128) (local $bl v128) (local $bh v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128) (local $m4 v128) (local $m5 v128)
    (local $m6 v128) (local $m7 v128) (local $m8 v128) (local $k0 v128) (local $k1 v128) (local $k2 v128)
    (local $quad i32) (local $end i32)
    (local.set $m0 (v128.load64_splat offset=0 (i32.const 0)))
    (local.set $m1 (v128.load64_splat offset=8 (i32.const 0)))
    (local.set $m2 (v128.load64_splat offset=16 (i32.const 0)))
    (local.set $m3 (v128.load64_splat offset=24 (i32.const 0)))
    (local.set $m4 (v128.load64_splat offset=32 (i32.const 0)))
    (local.set $m5 (v128.load64_splat offset=40 (i32.const 0)))
    (local.set $m6 (v128.load64_splat offset=48 (i32.const 0)))
    (local.set $m7 (v128.load64_splat offset=56 (i32.const 0)))
    (local.set $m8 (v128.load64_splat offset=64 (i32.const 0)))
    (local.set $k0 (v128.load64_splat offset=72 (i32.const 0)))
    (local.set $k1 (v128.load64_splat offset=80 (i32.const 0)))
    (local.set $k2 (v128.load64_splat offset=88 (i32.const 0)))
    (local.set $end (i32.add (local.get $src) (i32.mul (i32.and (local.get $n) (i32.const -16)) (i32.const 3))))
    (block $whole (loop $sixteen
      (br_if $whole (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $v0 (v128.load offset=0 (local.get $src)))
      (local.set $v1 (v128.load offset=16 (local.get $src)))
      (local.set $v2 (v128.load offset=32 (local.get $src)))
      ;; Deinterleave 16 pixels: bytes 0,3,…,45 / 1,4,…,46 / 2,5,…,47.
      (local.set $r (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 17 20 23 26 29
        (i8x16.shuffle 0 3 6 9 12 15 18 21 24 27 30 0 0 0 0 0 (local.get $v0) (local.get $v1)) (local.get $v2)))
      (local.set $g (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 18 21 24 27 30
        (i8x16.shuffle 1 4 7 10 13 16 19 22 25 28 31 0 0 0 0 0 (local.get $v0) (local.get $v1)) (local.get $v2)))
      (local.set $b (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 16 19 22 25 28 31
        (i8x16.shuffle 2 5 8 11 14 17 20 23 26 29 0 0 0 0 0 0 (local.get $v0) (local.get $v1)) (local.get $v2)))
      ;; Four pixels at a time: widen the low four bytes to f64 pairs, compute, shift the next four down.
      (local.set $quad (i32.const 0))
      (loop $quads
          (local.set $q (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (local.get $r))))
          (local.set $rl (f64x2.convert_low_i32x4_u (local.get $q)))
          (local.set $rh (f64x2.convert_low_i32x4_u (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $q) (local.get $q))))
          (local.set $r (i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 16 16 16 16 (local.get $r) (v128.const i64x2 0 0)))
          (local.set $q (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (local.get $g))))
          (local.set $gl (f64x2.convert_low_i32x4_u (local.get $q)))
          (local.set $gh (f64x2.convert_low_i32x4_u (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $q) (local.get $q))))
          (local.set $g (i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 16 16 16 16 (local.get $g) (v128.const i64x2 0 0)))
          (local.set $q (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (local.get $b))))
          (local.set $bl (f64x2.convert_low_i32x4_u (local.get $q)))
          (local.set $bh (f64x2.convert_low_i32x4_u (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $q) (local.get $q))))
          (local.set $b (i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 16 16 16 16 (local.get $b) (v128.const i64x2 0 0)))
          (v128.store (local.get $o0) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $m0) (local.get $rl)) (f64x2.mul (local.get $m1) (local.get $gl))) (f64x2.mul (local.get $m2) (local.get $bl))) (local.get $k0)))
            (f32x4.demote_f64x2_zero (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $m0) (local.get $rh)) (f64x2.mul (local.get $m1) (local.get $gh))) (f64x2.mul (local.get $m2) (local.get $bh))) (local.get $k0)))))
          (if (local.get $three) (then
          (v128.store (local.get $o1) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $m3) (local.get $rl)) (f64x2.mul (local.get $m4) (local.get $gl))) (f64x2.mul (local.get $m5) (local.get $bl))) (local.get $k1)))
            (f32x4.demote_f64x2_zero (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $m3) (local.get $rh)) (f64x2.mul (local.get $m4) (local.get $gh))) (f64x2.mul (local.get $m5) (local.get $bh))) (local.get $k1)))))
          (v128.store (local.get $o2) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $m6) (local.get $rl)) (f64x2.mul (local.get $m7) (local.get $gl))) (f64x2.mul (local.get $m8) (local.get $bl))) (local.get $k2)))
            (f32x4.demote_f64x2_zero (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $m6) (local.get $rh)) (f64x2.mul (local.get $m7) (local.get $gh))) (f64x2.mul (local.get $m8) (local.get $bh))) (local.get $k2)))))))
        (local.set $o0 (i32.add (local.get $o0) (i32.const 16)))
        (local.set $o1 (i32.add (local.get $o1) (i32.const 16)))
        (local.set $o2 (i32.add (local.get $o2) (i32.const 16)))
        (local.set $quad (i32.add (local.get $quad) (i32.const 1)))
        (br_if $quads (i32.lt_u (local.get $quad) (i32.const 4))))
      (local.set $src (i32.add (local.get $src) (i32.const 48)))
      (br $sixteen)))
    ;; The last n mod 16 pixels one at a time, same arithmetic.
    (local.set $end (i32.add (local.get $end) (i32.mul (i32.and (local.get $n) (i32.const 15)) (i32.const 3))))
    (block $tail (loop $one
      (br_if $tail (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $rl (f64x2.splat (f64.convert_i32_u (i32.load8_u offset=0 (local.get $src)))))
      (local.set $gl (f64x2.splat (f64.convert_i32_u (i32.load8_u offset=1 (local.get $src)))))
      (local.set $bl (f64x2.splat (f64.convert_i32_u (i32.load8_u offset=2 (local.get $src)))))
      (f32.store (local.get $o0) (f32x4.extract_lane 0 (f32x4.demote_f64x2_zero
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $m0) (local.get $rl)) (f64x2.mul (local.get $m1) (local.get $gl))) (f64x2.mul (local.get $m2) (local.get $bl))) (local.get $k0)))))
      (if (local.get $three) (then
        (f32.store (local.get $o1) (f32x4.extract_lane 0 (f32x4.demote_f64x2_zero
          (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $m3) (local.get $rl)) (f64x2.mul (local.get $m4) (local.get $gl))) (f64x2.mul (local.get $m5) (local.get $bl))) (local.get $k1)))))
        (f32.store (local.get $o2) (f32x4.extract_lane 0 (f32x4.demote_f64x2_zero
          (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $m6) (local.get $rl)) (f64x2.mul (local.get $m7) (local.get $gl))) (f64x2.mul (local.get $m8) (local.get $bl))) (local.get $k2)))))))
      (local.set $o0 (i32.add (local.get $o0) (i32.const 4)))
      (local.set $o1 (i32.add (local.get $o1) (i32.const 4)))
      (local.set $o2 (i32.add (local.get $o2) (i32.const 4)))
      (local.set $src (i32.add (local.get $src) (i32.const 3)))
      (br $one))))

  ;; The colour map as one scale and bias per source channel, each channel to its own plane (a
  ;; normalize, with or without a channel swap): n RGB pixels at src, channel r to plane or with
  ;; or·sr + kr, and so on. Scales at 96, 104, 112 and biases at 120, 128, 136, as f64.
  ;; Bit-identical to the full map when the map has one non-zero weight per row (the caller checks).
  (func (export "planes") (param $src i32) (param $n i32) (param $or i32) (param $og i32) (param $ob i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $r v128) (local $g v128) (local $b v128) (local $q v128)
    (local $sr v128) (local $sg v128) (local $sb v128) (local $kr v128) (local $kg v128) (local $kb v128)
    (local $quad i32) (local $end i32)
    (local.set $sr (v128.load64_splat offset=96 (i32.const 0)))
    (local.set $sg (v128.load64_splat offset=104 (i32.const 0)))
    (local.set $sb (v128.load64_splat offset=112 (i32.const 0)))
    (local.set $kr (v128.load64_splat offset=120 (i32.const 0)))
    (local.set $kg (v128.load64_splat offset=128 (i32.const 0)))
    (local.set $kb (v128.load64_splat offset=136 (i32.const 0)))
    (local.set $end (i32.add (local.get $src) (i32.mul (i32.and (local.get $n) (i32.const -16)) (i32.const 3))))
    (block $whole (loop $sixteen
      (br_if $whole (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $v0 (v128.load offset=0 (local.get $src)))
      (local.set $v1 (v128.load offset=16 (local.get $src)))
      (local.set $v2 (v128.load offset=32 (local.get $src)))
      (local.set $r (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 17 20 23 26 29
        (i8x16.shuffle 0 3 6 9 12 15 18 21 24 27 30 0 0 0 0 0 (local.get $v0) (local.get $v1)) (local.get $v2)))
      (local.set $g (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 18 21 24 27 30
        (i8x16.shuffle 1 4 7 10 13 16 19 22 25 28 31 0 0 0 0 0 (local.get $v0) (local.get $v1)) (local.get $v2)))
      (local.set $b (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 16 19 22 25 28 31
        (i8x16.shuffle 2 5 8 11 14 17 20 23 26 29 0 0 0 0 0 0 (local.get $v0) (local.get $v1)) (local.get $v2)))
      (local.set $quad (i32.const 0))
      (loop $quads
        (local.set $q (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (local.get $r))))
        (v128.store (local.get $or) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $sr) (f64x2.convert_low_i32x4_u (local.get $q))) (local.get $kr)))
          (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $sr)
            (f64x2.convert_low_i32x4_u (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $q) (local.get $q)))) (local.get $kr)))))
        (local.set $r (i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 16 16 16 16 (local.get $r) (v128.const i64x2 0 0)))
        (local.set $or (i32.add (local.get $or) (i32.const 16)))
        (local.set $q (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (local.get $g))))
        (v128.store (local.get $og) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $sg) (f64x2.convert_low_i32x4_u (local.get $q))) (local.get $kg)))
          (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $sg)
            (f64x2.convert_low_i32x4_u (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $q) (local.get $q)))) (local.get $kg)))))
        (local.set $g (i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 16 16 16 16 (local.get $g) (v128.const i64x2 0 0)))
        (local.set $og (i32.add (local.get $og) (i32.const 16)))
        (local.set $q (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (local.get $b))))
        (v128.store (local.get $ob) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $sb) (f64x2.convert_low_i32x4_u (local.get $q))) (local.get $kb)))
          (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $sb)
            (f64x2.convert_low_i32x4_u (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $q) (local.get $q)))) (local.get $kb)))))
        (local.set $b (i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 16 16 16 16 (local.get $b) (v128.const i64x2 0 0)))
        (local.set $ob (i32.add (local.get $ob) (i32.const 16)))
        (local.set $quad (i32.add (local.get $quad) (i32.const 1)))
        (br_if $quads (i32.lt_u (local.get $quad) (i32.const 4))))
      (local.set $src (i32.add (local.get $src) (i32.const 48)))
      (br $sixteen)))
    (local.set $end (i32.add (local.get $end) (i32.mul (i32.and (local.get $n) (i32.const 15)) (i32.const 3))))
    (block $tail (loop $one
      (br_if $tail (i32.ge_u (local.get $src) (local.get $end)))
      (f32.store (local.get $or) (f32x4.extract_lane 0 (f32x4.demote_f64x2_zero (f64x2.add
        (f64x2.mul (local.get $sr) (f64x2.splat (f64.convert_i32_u (i32.load8_u offset=0 (local.get $src)))))
        (local.get $kr)))))
      (local.set $or (i32.add (local.get $or) (i32.const 4)))
      (f32.store (local.get $og) (f32x4.extract_lane 0 (f32x4.demote_f64x2_zero (f64x2.add
        (f64x2.mul (local.get $sg) (f64x2.splat (f64.convert_i32_u (i32.load8_u offset=1 (local.get $src)))))
        (local.get $kg)))))
      (local.set $og (i32.add (local.get $og) (i32.const 4)))
      (f32.store (local.get $ob) (f32x4.extract_lane 0 (f32x4.demote_f64x2_zero (f64x2.add
        (f64x2.mul (local.get $sb) (f64x2.splat (f64.convert_i32_u (i32.load8_u offset=2 (local.get $src)))))
        (local.get $kb)))))
      (local.set $ob (i32.add (local.get $ob) (i32.const 4)))
      (local.set $src (i32.add (local.get $src) (i32.const 3)))
      (br $one))))

  ;; n RGB pixels at src → three planes of bytes, unchanged: red to pr, green to pg, blue to pb (the
  ;; caller picks the planes, so a model that wants BGR gets the same bytes with pr and pb swapped).
  ;; Each plane's sixteen bytes are three single-vector swizzles ORed together: with constant
  ;; indices, V8 emits one pshufb for each, where a two-vector shuffle takes several instructions
  ;; (36 against 58 µs for a 352×352 frame).
  (func (export "split") (param $src i32) (param $n i32) (param $pr i32) (param $pg i32) (param $pb i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $end i32)
    (local.set $end (i32.add (local.get $src) (i32.mul (i32.and (local.get $n) (i32.const -16)) (i32.const 3))))
    (block $whole (loop $sixteen
      (br_if $whole (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $v0 (v128.load offset=0 (local.get $src)))
      (local.set $v1 (v128.load offset=16 (local.get $src)))
      (local.set $v2 (v128.load offset=32 (local.get $src)))
      (v128.store (local.get $pr) (v128.or (v128.or
        (i8x16.swizzle (local.get $v0) (v128.const i8x16 0 3 6 9 12 15 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1))
        (i8x16.swizzle (local.get $v1) (v128.const i8x16 -1 -1 -1 -1 -1 -1 2 5 8 11 14 -1 -1 -1 -1 -1)))
        (i8x16.swizzle (local.get $v2) (v128.const i8x16 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 1 4 7 10 13))))
      (v128.store (local.get $pg) (v128.or (v128.or
        (i8x16.swizzle (local.get $v0) (v128.const i8x16 1 4 7 10 13 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1))
        (i8x16.swizzle (local.get $v1) (v128.const i8x16 -1 -1 -1 -1 -1 0 3 6 9 12 15 -1 -1 -1 -1 -1)))
        (i8x16.swizzle (local.get $v2) (v128.const i8x16 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 2 5 8 11 14))))
      (v128.store (local.get $pb) (v128.or (v128.or
        (i8x16.swizzle (local.get $v0) (v128.const i8x16 2 5 8 11 14 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1))
        (i8x16.swizzle (local.get $v1) (v128.const i8x16 -1 -1 -1 -1 -1 1 4 7 10 13 -1 -1 -1 -1 -1 -1)))
        (i8x16.swizzle (local.get $v2) (v128.const i8x16 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 0 3 6 9 12 15))))
      (local.set $pr (i32.add (local.get $pr) (i32.const 16)))
      (local.set $pg (i32.add (local.get $pg) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
      (local.set $src (i32.add (local.get $src) (i32.const 48)))
      (br $sixteen)))
    (local.set $end (i32.add (local.get $end) (i32.mul (i32.and (local.get $n) (i32.const 15)) (i32.const 3))))
    (block $tail (loop $one
      (br_if $tail (i32.ge_u (local.get $src) (local.get $end)))
      (i32.store8 (local.get $pr) (i32.load8_u offset=0 (local.get $src)))
      (i32.store8 (local.get $pg) (i32.load8_u offset=1 (local.get $src)))
      (i32.store8 (local.get $pb) (i32.load8_u offset=2 (local.get $src)))
      (local.set $pr (i32.add (local.get $pr) (i32.const 1)))
      (local.set $pg (i32.add (local.get $pg) (i32.const 1)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 1)))
      (local.set $src (i32.add (local.get $src) (i32.const 3)))
      (br $one))))

  ;; n gray pixels at src → one plane at out: m0·v + k0 per pixel.
  (func (export "gray") (param $src i32) (param $n i32) (param $out i32)
    (local $v v128) (local $q v128) (local $m0 v128) (local $k0 v128) (local $quad i32) (local $end i32)
    (local.set $m0 (v128.load64_splat offset=0 (i32.const 0)))
    (local.set $k0 (v128.load64_splat offset=72 (i32.const 0)))
    (local.set $end (i32.add (local.get $src) (i32.and (local.get $n) (i32.const -16))))
    (block $whole (loop $sixteen
      (br_if $whole (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $v (v128.load (local.get $src)))
      (local.set $quad (i32.const 0))
      (loop $quads
        (local.set $q (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (local.get $v))))
        (v128.store (local.get $out) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $m0) (f64x2.convert_low_i32x4_u (local.get $q))) (local.get $k0)))
          (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (local.get $m0)
            (f64x2.convert_low_i32x4_u (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $q) (local.get $q)))) (local.get $k0)))))
        (local.set $v (i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 16 16 16 16 (local.get $v) (v128.const i64x2 0 0)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $quad (i32.add (local.get $quad) (i32.const 1)))
        (br_if $quads (i32.lt_u (local.get $quad) (i32.const 4))))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (br $sixteen)))
    (local.set $end (i32.add (local.get $end) (i32.and (local.get $n) (i32.const 15))))
    (block $tail (loop $one
      (br_if $tail (i32.ge_u (local.get $src) (local.get $end)))
      (f32.store (local.get $out) (f32x4.extract_lane 0 (f32x4.demote_f64x2_zero (f64x2.add
        (f64x2.mul (local.get $m0) (f64x2.splat (f64.convert_i32_u (i32.load8_u (local.get $src)))))
        (local.get $k0)))))
      (local.set $out (i32.add (local.get $out) (i32.const 4)))
      (local.set $src (i32.add (local.get $src) (i32.const 1)))
      (br $one)))))
