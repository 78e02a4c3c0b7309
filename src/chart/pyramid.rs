//! M4 decimation over a min/max pyramid: a series of any length is drawn with at most four points
//! per pixel column (first, min, max, last), and a frame costs O(width · log n) whatever n is.
//!
//! Contract:
//! - The series is `xs` (ascending, e.g. ms) and `ys` (`f32`, as the model keeps samples and
//!   response times: half the memory of `f64`); a NaN y is a gap (no data). If the two differ
//!   in length, the longer one is cut to the shorter. Unordered or NaN xs give meaningless
//!   columns, never a panic. A regular series ([`MinMaxPyramid::regular`]) keeps its xs implicit:
//!   `start + step · i`, no array of them.
//! - Building is O(n) and keeps, beside the series, about n/8 blocks (levels of 16, 32, 64, …
//!   samples) of min and max (NaN ignored) and a has-gap bit: about 1 byte per sample in all.
//! - Of a view `[x_start, x_end)` at `width_px` columns, column `c` holds the samples with
//!   `edge(c) <= x < edge(c + 1)`, where `edge(c) = x_start + (x_end - x_start) · c / width_px` and
//!   the last edge is `x_end` itself. An empty, reversed or non-finite view has only empty columns.
//! - Each column gives its index range, its first and last y in index order (NaN if that sample is
//!   a gap), its min and max ignoring gaps (NaN if it holds no value), and whether it holds a gap.
//! - Edges: the view also names the last sample before `x_start` and the first at or after `x_end`,
//!   so that a line leaving the view can be drawn to the border.

use std::ops::Range;

/// Min and max of y over a range of samples, ignoring gaps.
#[derive(Clone, Copy, Debug)]
pub struct MinMax {
    /// NaN when the range holds no value.
    pub min_y: f64,
    /// NaN when the range holds no value.
    pub max_y: f64,
    /// Whether a sample in the range is a gap (NaN).
    pub has_gap: bool,
}

/// One pixel column of M4 data.
#[derive(Clone, Copy, Debug)]
pub struct M4Column {
    /// The samples in the column are `start_index..end_index` (empty: none).
    pub start_index: usize,
    pub end_index: usize,
    /// y of the column's first sample (NaN if it is a gap or the column is empty).
    pub first_y: f64,
    /// Lowest y ignoring gaps (NaN if the column holds no value).
    pub min_y: f64,
    /// Highest y ignoring gaps (NaN if the column holds no value).
    pub max_y: f64,
    /// y of the column's last sample (NaN if it is a gap or the column is empty).
    pub last_y: f64,
    /// Whether a sample in the column is a gap (NaN).
    pub has_gap: bool,
}

impl M4Column {
    pub fn has_samples(&self) -> bool {
        self.start_index < self.end_index
    }
}

/// The M4 columns of a view, with the samples just outside it.
#[derive(Clone, Debug)]
pub struct M4Columns {
    pub columns: Vec<M4Column>,
    /// The last sample before the view, as (x, y); y may be NaN.
    pub before: Option<(f64, f64)>,
    /// The first sample at or after the view's end, as (x, y); y may be NaN.
    pub after: Option<(f64, f64)>,
}

/// Samples per block of the lowest level: the levels above hold blocks of 2, 4, … of these. Fewer
/// levels to build and keep (about 1 byte per sample in all); a query reads at most `BASE - 1`
/// samples at either end.
const BASE: usize = 16;
const BASE_SHIFT: usize = BASE.trailing_zeros() as usize;

/// One level of the pyramid: block `i` of level `k` covers samples `i·2^(k+4) .. (i+1)·2^(k+4)`
/// (the last one may be shorter); an all-gap block holds (+∞, −∞).
struct Level {
    min_max: Vec<(f32, f32)>,
    /// Bit `i % 64` of word `i / 64`: whether block `i` holds a gap. A bit set, so that the flags
    /// of all levels take n/64 bytes and mostly stay in cache.
    gaps: Vec<u64>,
}

impl Level {
    fn has_gap(&self, block: usize) -> bool {
        self.gaps.get(block / 64).is_some_and(|word| word >> (block % 64) & 1 == 1)
    }
}

impl Level {
    /// The blocks of [`BASE`] samples, in one pass.
    fn above_samples(ys: &[f32]) -> Level {
        let blocks = ys.len().div_ceil(BASE);
        let mut min_max = Vec::with_capacity(blocks);
        let mut gaps = vec![0u64; blocks.div_ceil(64)];
        for (word, samples) in gaps.iter_mut().zip(ys.chunks(64 * BASE)) {
            for (bit, block) in samples.chunks(BASE).enumerate() {
                // A comparison with NaN is false: gaps are skipped, and an all-gap block stays empty.
                let (mut low, mut high, mut gap) = (f32::INFINITY, f32::NEG_INFINITY, false);
                for y in block {
                    low = if *y < low { *y } else { low };
                    high = if *y > high { *y } else { high };
                    gap |= y.is_nan();
                }
                min_max.push((low, high));
                *word |= u64::from(gap) << bit;
            }
        }
        Level { min_max, gaps }
    }

    /// The blocks of two blocks of `below`, in one pass.
    fn above(below: &Level) -> Level {
        let blocks = below.min_max.len().div_ceil(2);
        let mut min_max = Vec::with_capacity(blocks);
        let mut gaps = vec![0u64; blocks.div_ceil(64)];
        for (word, (pairs, source)) in
            gaps.iter_mut().zip(below.min_max.chunks(128).zip(below.gaps.chunks(2)))
        {
            for pair in pairs.chunks(2) {
                min_max.push(match pair {
                    [a, b] => (if a.0 < b.0 { a.0 } else { b.0 }, if a.1 > b.1 { a.1 } else { b.1 }),
                    [a] => *a,
                    _ => (f32::INFINITY, f32::NEG_INFINITY),
                });
            }
            let low = source.first().copied().unwrap_or(0);
            let high = source.get(1).copied().unwrap_or(0);
            *word = pair_bits(low) | pair_bits(high) << 32;
        }
        Level { min_max, gaps }
    }
}

/// Bit `i` (of 32) set where bit `2i` or `2i + 1` of `word` is: the gap bits of the blocks above.
fn pair_bits(word: u64) -> u64 {
    let mut x = (word | word >> 1) & 0x5555_5555_5555_5555;
    x = (x | x >> 1) & 0x3333_3333_3333_3333;
    x = (x | x >> 2) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | x >> 4) & 0x00FF_00FF_00FF_00FF;
    x = (x | x >> 8) & 0x0000_FFFF_0000_FFFF;
    (x | x >> 16) & 0x0000_0000_FFFF_FFFF
}

/// The xs of a series: listed, or every `step` from `start` for `len` samples.
enum Xs {
    Listed(Vec<f64>),
    Regular { start: f64, step: f64, len: usize },
}

impl Xs {
    fn len(&self) -> usize {
        match self {
            Xs::Listed(xs) => xs.len(),
            Xs::Regular { len, .. } => *len,
        }
    }

    fn get(&self, index: usize) -> Option<f64> {
        match self {
            Xs::Listed(xs) => xs.get(index).copied(),
            Xs::Regular { start, step, len } => (index < *len).then(|| start + step * index as f64),
        }
    }

    /// The first index in `lo..hi` whose x is at or after `x` (`hi` if none), by binary search.
    fn first_at_or_after(&self, x: f64, lo: usize, hi: usize) -> usize {
        match self {
            Xs::Listed(xs) => {
                lo + xs.get(lo..hi).unwrap_or_default().partition_point(|sample_x| *sample_x < x)
            }
            Xs::Regular { .. } => {
                let (mut lo, mut hi) = (lo, hi.min(self.len()));
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if self.get(mid).is_some_and(|sample_x| sample_x < x) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                lo
            }
        }
    }
}

/// A series with its min/max pyramid; see the module contract.
pub struct MinMaxPyramid {
    xs: Xs,
    ys: Vec<f32>,
    /// Levels of blocks of 2, 4, 8, … samples, up to one block covering the whole series.
    levels: Vec<Level>,
}

impl MinMaxPyramid {
    /// Builds the pyramid in O(n). Takes owned vectors without copying them (a slice is copied).
    pub fn new(xs: impl Into<Vec<f64>>, ys: impl Into<Vec<f32>>) -> Self {
        let (mut xs, mut ys) = (xs.into(), ys.into());
        let n = xs.len().min(ys.len());
        xs.truncate(n);
        ys.truncate(n);
        Self::with_xs(Xs::Listed(xs), ys)
    }

    /// [`MinMaxPyramid::new`] for a regular series: sample `i` at `start + step · i`, its xs
    /// never listed.
    pub fn regular(start: f64, step: f64, ys: impl Into<Vec<f32>>) -> Self {
        let ys = ys.into();
        Self::with_xs(Xs::Regular { start, step, len: ys.len() }, ys)
    }

    fn with_xs(xs: Xs, ys: Vec<f32>) -> Self {
        let mut levels: Vec<Level> = Vec::new();
        if ys.len() > 1 {
            levels.push(Level::above_samples(&ys));
        }
        while let Some(below) = levels.last().filter(|level| level.min_max.len() > 1) {
            let next = Level::above(below);
            levels.push(next);
        }
        MinMaxPyramid { xs, ys, levels }
    }

    pub fn len(&self) -> usize {
        self.xs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.xs.len() == 0
    }

    /// Sample `index` as (x, y).
    pub fn sample(&self, index: usize) -> Option<(f64, f64)> {
        Some((self.xs.get(index)?, f64::from(*self.ys.get(index)?)))
    }

    /// The first and last x of the series.
    pub fn x_range(&self) -> Option<(f64, f64)> {
        Some((self.xs.get(0)?, self.xs.get(self.len().checked_sub(1)?)?))
    }

    /// The index of the first sample at or after `x` (the length if there is none).
    pub fn index_at(&self, x: f64) -> usize {
        self.xs.first_at_or_after(x, 0, self.len())
    }

    /// Gives the series back (a regular series' xs listed), for example to rebuild the pyramid
    /// without copying it.
    pub fn into_series(self) -> (Vec<f64>, Vec<f32>) {
        let xs = match self.xs {
            Xs::Listed(xs) => xs,
            regular @ Xs::Regular { .. } => (0..regular.len()).filter_map(|i| regular.get(i)).collect(),
        };
        (xs, self.ys)
    }

    /// Min and max of y over the samples `indices`, in O(log n).
    pub fn min_max(&self, indices: Range<usize>) -> MinMax {
        let (l, r) = (indices.start, indices.end.min(self.len()));
        let mut acc = (f32::INFINITY, f32::NEG_INFINITY);
        let mut has_gap = false;
        // The samples before the first whole block and after the last, then bottom-up over the
        // levels: the odd block at either end is taken whole, the rest continues one level up,
        // so at most two blocks per level.
        let l_block = l.next_multiple_of(BASE).min(r);
        let r_block = (r / BASE * BASE).max(l_block);
        for ends in [l..l_block, r_block..r] {
            for y in self.ys.get(ends).unwrap_or_default() {
                has_gap |= y.is_nan();
                acc = fold_y(acc, y);
            }
        }
        let (mut l, mut r) = (l_block / BASE, r_block / BASE);
        for level in &self.levels {
            if l >= r {
                break;
            }
            let mut take_block = |index: usize, acc: &mut (f32, f32)| {
                if let Some(block) = level.min_max.get(index) {
                    has_gap |= level.has_gap(index);
                    *acc = fold_block(*acc, block);
                }
            };
            if l % 2 == 1 {
                take_block(l, &mut acc);
                l += 1;
            }
            if l < r && r % 2 == 1 {
                r -= 1;
                take_block(r, &mut acc);
            }
            l /= 2;
            r /= 2;
        }
        let (min_y, max_y) =
            if acc.0 <= acc.1 { (f64::from(acc.0), f64::from(acc.1)) } else { (f64::NAN, f64::NAN) };
        MinMax { min_y, max_y, has_gap }
    }

    /// The first and last gap (NaN y) among the samples `indices`, in O(log n); `None` if there
    /// is none.
    pub fn gap_bounds(&self, indices: Range<usize>) -> Option<(usize, usize)> {
        let end = indices.end.min(self.len());
        let first = self.find_gap(indices.start, end, true)?;
        let last = self.find_gap(first, end, false)?;
        Some((first, last))
    }

    /// Whether the block of `2^depth` samples numbered `block` holds a gap: read from its level,
    /// or from the samples below the lowest level.
    fn block_has_gap(&self, depth: usize, block: usize) -> bool {
        match depth.checked_sub(BASE_SHIFT) {
            Some(level) => self.levels.get(level).is_some_and(|level| level.has_gap(block)),
            None => {
                let samples = self.ys.get(block << depth..((block + 1) << depth).min(self.len()));
                samples.is_some_and(|ys| ys.iter().any(|y| y.is_nan()))
            }
        }
    }

    /// The first (or last) gap in `start..end`: the range is taken from that end in the largest
    /// aligned blocks that fit, and the first block holding a gap is descended into.
    fn find_gap(&self, start: usize, end: usize, first: bool) -> Option<usize> {
        let (mut lo, mut hi) = (start, end);
        while lo < hi {
            let at = if first { lo } else { hi };
            let fits = (usize::BITS - 1 - (hi - lo).leading_zeros()) as usize;
            let top = BASE_SHIFT + self.levels.len().saturating_sub(1);
            let depth = fits.min(at.trailing_zeros() as usize).min(top);
            let mut block = if first { lo >> depth } else { (hi >> depth) - 1 };
            if self.block_has_gap(depth, block) {
                for below in (0..depth).rev() {
                    let (near, far) =
                        if first { (2 * block, 2 * block + 1) } else { (2 * block + 1, 2 * block) };
                    block = if self.block_has_gap(below, near) { near } else { far };
                }
                return Some(block);
            }
            if first {
                lo += 1 << depth;
            } else {
                hi -= 1 << depth;
            }
        }
        None
    }

    /// The M4 columns of the view `[x_start, x_end)` at `width_px` columns, in O(width · log n).
    pub fn m4_columns(&self, x_start: f64, x_end: f64, width_px: usize) -> M4Columns {
        let valid = x_start.is_finite() && x_end.is_finite() && x_start < x_end;
        let (first_index, last_index) =
            if valid { (self.index_at(x_start), self.index_at(x_end)) } else { (0, 0) };
        let mut columns = Vec::with_capacity(width_px);
        let mut start_index = first_index;
        for column in 0..width_px {
            let end_index = if valid {
                // Guessed from the view's mean density: exact for evenly spaced samples.
                // In u64: 1e7 samples × 1,200 columns overflow a 32-bit usize.
                let share = (last_index - first_index) as u64 * (column as u64 + 1) / width_px as u64;
                let guess = first_index.saturating_add(usize::try_from(share).unwrap_or(usize::MAX));
                self.search_from(column_edge_x(x_start, x_end, width_px, column + 1), start_index, guess)
            } else {
                start_index
            };
            columns.push(self.column(start_index, end_index));
            start_index = end_index;
        }
        let (before, after) = if valid {
            (
                first_index.checked_sub(1).and_then(|i| self.sample(i)),
                self.sample(last_index.max(start_index)),
            )
        } else {
            (None, None)
        };
        M4Columns { columns, before, after }
    }

    /// The first index from `from` on whose x is at or after `x`: galloping out from `guess`, so
    /// a good guess costs a few reads near it and a bad one O(log n).
    fn search_from(&self, x: f64, from: usize, guess: usize) -> usize {
        let n = self.xs.len();
        let before = |index: usize| self.xs.get(index).is_some_and(|sample_x| sample_x < x);
        let guess = guess.clamp(from, n);
        // The answer lies in lo..=hi.
        let (mut lo, mut hi);
        if before(guess) {
            lo = guess + 1;
            let mut step = 1;
            loop {
                let probe = guess.saturating_add(step);
                if probe >= n {
                    hi = n;
                    break;
                }
                if !before(probe) {
                    hi = probe;
                    break;
                }
                lo = probe + 1;
                step *= 2;
            }
        } else {
            hi = guess;
            let mut step = 1;
            loop {
                if guess < from + step {
                    lo = from;
                    break;
                }
                let probe = guess - step;
                if before(probe) {
                    lo = probe + 1;
                    break;
                }
                hi = probe;
                step *= 2;
            }
        }
        self.xs.first_at_or_after(x, lo, hi)
    }

    fn column(&self, start_index: usize, end_index: usize) -> M4Column {
        if start_index >= end_index {
            let nan = f64::NAN;
            return M4Column {
                start_index,
                end_index,
                first_y: nan,
                min_y: nan,
                max_y: nan,
                last_y: nan,
                has_gap: false,
            };
        }
        let MinMax { min_y, max_y, has_gap } = self.min_max(start_index..end_index);
        let y = |index: usize| self.ys.get(index).map_or(f64::NAN, |y| f64::from(*y));
        M4Column {
            start_index,
            end_index,
            first_y: y(start_index),
            min_y,
            max_y,
            last_y: y(end_index - 1),
            has_gap,
        }
    }
}

/// The x where pixel column `column` of a `width_px` view starts; `x_end` for `column == width_px`.
pub(crate) fn column_edge_x(x_start: f64, x_end: f64, width_px: usize, column: usize) -> f64 {
    if column >= width_px {
        x_end
    } else {
        x_start + (x_end - x_start) * column as f64 / width_px as f64
    }
}

/// Adds one y to a (min, max) pair; `f32::min` and `f32::max` ignore NaN.
fn fold_y(acc: (f32, f32), y: &f32) -> (f32, f32) {
    (acc.0.min(*y), acc.1.max(*y))
}

fn fold_block(acc: (f32, f32), block: &(f32, f32)) -> (f32, f32) {
    (acc.0.min(block.0), acc.1.max(block.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), so the tests need no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, bound: u64) -> u64 {
            self.next() % bound.max(1)
        }

        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// A series of `n` samples, with repeated xs, NaN runs and single NaNs.
    fn random_series(rng: &mut Rng, n: usize) -> (Vec<f64>, Vec<f32>) {
        let mut x = rng.unit() * 10.0 - 5.0;
        let mut xs = Vec::with_capacity(n);
        let mut ys: Vec<f32> = Vec::with_capacity(n);
        let mut nan_left = 0;
        for _ in 0..n {
            // Sometimes the same x twice: ascending, not strictly.
            if rng.below(5) != 0 {
                x += rng.unit() * 3.0;
            }
            xs.push(x);
            if nan_left == 0 && rng.below(40) == 0 {
                nan_left = 1 + rng.below(12);
            }
            if nan_left > 0 {
                nan_left -= 1;
                ys.push(f32::NAN);
            } else {
                ys.push((rng.unit() * 200.0 - 100.0) as f32);
            }
        }
        (xs, ys)
    }

    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || a == b
    }

    /// The columns by a plain scan of every sample against the column edges.
    fn brute_force(xs: &[f64], ys: &[f32], x_start: f64, x_end: f64, width_px: usize) -> Vec<Vec<f64>> {
        let mut columns = vec![Vec::new(); width_px];
        if !(x_start.is_finite() && x_end.is_finite() && x_start < x_end) {
            return columns;
        }
        let edge = |c: usize| column_edge_x(x_start, x_end, width_px, c);
        for (x, y) in xs.iter().zip(ys) {
            if !(edge(0) <= *x && *x < x_end) {
                continue;
            }
            // A guess from the proportion, then corrected against the edges themselves.
            let mut c = (((x - x_start) / (x_end - x_start) * width_px as f64) as usize).min(width_px - 1);
            while c > 0 && edge(c) > *x {
                c -= 1;
            }
            while c + 1 < width_px && edge(c + 1) <= *x {
                c += 1;
            }
            if edge(c) <= *x && *x < edge(c + 1) {
                columns[c].push(f64::from(*y));
            }
        }
        columns
    }

    fn check(xs: &[f64], ys: &[f32], x_start: f64, x_end: f64, width_px: usize) {
        let pyramid = MinMaxPyramid::new(xs, ys);
        let got = pyramid.m4_columns(x_start, x_end, width_px);
        let want = brute_force(xs, ys, x_start, x_end, width_px);
        let context = format!("n={} view=[{x_start}, {x_end}) width={width_px}", xs.len());
        assert_eq!(got.columns.len(), width_px, "{context}");
        for (c, (column, samples)) in got.columns.iter().zip(&want).enumerate() {
            let at = format!("{context} column {c}");
            assert_eq!(column.end_index - column.start_index, samples.len(), "{at}: sample count");
            assert_eq!(column.has_samples(), !samples.is_empty(), "{at}");
            let values: Vec<f64> = samples.iter().copied().filter(|y| !y.is_nan()).collect();
            let (min, max) = match values.is_empty() {
                true => (f64::NAN, f64::NAN),
                false => (
                    values.iter().copied().fold(f64::INFINITY, f64::min),
                    values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                ),
            };
            assert!(same(column.min_y, min), "{at}: min {} vs {min}", column.min_y);
            assert!(same(column.max_y, max), "{at}: max {} vs {max}", column.max_y);
            assert!(same(column.first_y, samples.first().copied().unwrap_or(f64::NAN)), "{at}: first");
            assert!(same(column.last_y, samples.last().copied().unwrap_or(f64::NAN)), "{at}: last");
            assert_eq!(column.has_gap, samples.iter().any(|y| y.is_nan()), "{at}: gap");
            if let Some(index) = (column.start_index..column.end_index).next() {
                assert!(xs[index] >= column_edge_x(x_start, x_end, width_px, c), "{at}: first index");
            }
        }
        if x_start.is_finite() && x_end.is_finite() && x_start < x_end {
            let before = xs.iter().zip(ys).rfind(|(x, _)| **x < x_start);
            let after = xs.iter().zip(ys).find(|(x, _)| **x >= x_end);
            let pair = |p: Option<(&f64, &f32)>| p.map(|(x, y)| (*x, f64::from(*y)));
            let same_pair = |a: Option<(f64, f64)>, b: Option<(f64, f64)>| match (a, b) {
                (Some(a), Some(b)) => same(a.0, b.0) && same(a.1, b.1),
                (a, b) => a.is_none() && b.is_none(),
            };
            assert!(same_pair(got.before, pair(before)), "{context}: before {:?}", got.before);
            assert!(same_pair(got.after, pair(after)), "{context}: after {:?}", got.after);
        }
    }

    #[test]
    fn columns_equal_a_brute_force_scan_on_random_series() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for seed in 0..300 {
            let n = match seed % 6 {
                0 => rng.below(4) as usize,
                1 => rng.below(40) as usize,
                _ => rng.below(3000) as usize,
            };
            let (xs, ys) = random_series(&mut rng, n);
            let (lo, hi) = match (xs.first(), xs.last()) {
                (Some(a), Some(b)) => (*a, *b),
                _ => (0.0, 10.0),
            };
            let span = (hi - lo).max(1.0);
            // Views inside, across either end and past both ends of the data.
            let x_start = lo + (rng.unit() * 1.4 - 0.2) * span;
            let x_end = x_start + rng.unit() * 1.2 * span + 1e-9;
            let width_px = match seed % 5 {
                0 => 1,
                1 => 1 + rng.below(5) as usize,
                _ => 1 + rng.below(700) as usize,
            };
            check(&xs, &ys, x_start, x_end, width_px);
        }
    }

    #[test]
    fn a_regular_series_with_implicit_xs_reads_as_the_same_series_listed() {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03);
        for seed in 0..200 {
            let n = if seed % 4 == 0 { rng.below(5) as usize } else { rng.below(5000) as usize };
            let (_, ys) = random_series(&mut rng, n);
            // Whole milliseconds as the dashboard's samples have them, and a fractional step.
            let (start, step) = if seed % 2 == 0 {
                (1.79e12 + rng.below(1_000_000) as f64, 60_000.0)
            } else {
                (rng.unit() * 10.0 - 5.0, 0.25 + rng.unit())
            };
            let xs: Vec<f64> = (0..n).map(|i| start + step * i as f64).collect();
            let (listed, regular) =
                (MinMaxPyramid::new(xs.clone(), ys.clone()), MinMaxPyramid::regular(start, step, ys.clone()));
            assert_eq!(regular.len(), n);
            assert_eq!(regular.x_range(), listed.x_range(), "seed {seed}");
            let span = step * n.max(1) as f64;
            for _ in 0..20 {
                let x = start + (rng.unit() * 1.4 - 0.2) * span;
                // On a sample's x exactly, and between two.
                let on = start + step * rng.below(n as u64 + 1) as f64;
                for x in [x, on] {
                    assert_eq!(regular.index_at(x), listed.index_at(x), "seed {seed}: index at {x}");
                }
                let x_end = x + rng.unit() * span + step;
                let width_px = 1 + rng.below(900) as usize;
                assert_eq!(
                    format!("{:?}", regular.m4_columns(x, x_end, width_px)),
                    format!("{:?}", listed.m4_columns(x, x_end, width_px)),
                    "seed {seed}: view [{x}, {x_end}) at {width_px} px"
                );
            }
            let (got_xs, got_ys) = regular.into_series();
            assert_eq!(got_xs, xs);
            assert_eq!(format!("{got_ys:?}"), format!("{ys:?}"));
        }
    }

    #[test]
    fn whole_series_at_every_width_up_to_more_columns_than_samples() {
        let mut rng = Rng(7);
        let (xs, ys) = random_series(&mut rng, 257);
        let (lo, hi) = (xs[0], xs[256] + 1.0);
        for width_px in [1, 2, 3, 7, 64, 255, 256, 257, 600] {
            check(&xs, &ys, lo, hi, width_px);
        }
    }

    #[test]
    fn degenerate_series_and_views() {
        check(&[], &[], 0.0, 10.0, 5);
        check(&[1.0], &[3.0], 0.0, 10.0, 1);
        check(&[1.0], &[3.0], 0.0, 10.0, 20);
        check(&[1.0], &[f32::NAN], 0.0, 10.0, 3);
        check(&[1.0], &[3.0], 2.0, 10.0, 3);
        check(&[1.0, 2.0], &[3.0, 4.0], 5.0, 5.0, 3);
        check(&[1.0, 2.0], &[3.0, 4.0], 5.0, 1.0, 3);
        check(&[1.0, 2.0], &[3.0, 4.0], f64::NAN, 1.0, 3);
        check(&[1.0, 2.0], &[3.0, 4.0], 0.0, f64::INFINITY, 3);
        let pyramid = MinMaxPyramid::new(vec![1.0, 2.0], vec![3.0, 4.0]);
        assert!(pyramid.m4_columns(0.0, 10.0, 0).columns.is_empty());
        assert_eq!(pyramid.m4_columns(0.0, 10.0, 0).before, None);
        assert_eq!(pyramid.m4_columns(1.5, 1.75, 0).after, Some((2.0, 4.0)));
        // Mismatched lengths: the longer is cut.
        let pyramid = MinMaxPyramid::new(vec![1.0, 2.0, 3.0], vec![5.0]);
        assert_eq!(pyramid.len(), 1);
        let column = pyramid.m4_columns(0.0, 4.0, 1).columns[0];
        assert_eq!((column.start_index, column.end_index, column.max_y), (0, 1, 5.0));
        // Unordered xs: meaningless, but no panic.
        let pyramid = MinMaxPyramid::new(vec![3.0, f64::NAN, 1.0, 2.0], vec![1.0, 2.0, 3.0, 4.0]);
        assert_eq!(pyramid.m4_columns(0.0, 4.0, 9).columns.len(), 9);
    }

    #[test]
    fn min_max_over_any_index_range_equals_a_scan() {
        let mut rng = Rng(12345);
        for n in [0usize, 1, 2, 3, 5, 8, 33, 100, 1000] {
            let (xs, ys) = random_series(&mut rng, n);
            let pyramid = MinMaxPyramid::new(xs, ys.clone());
            for _ in 0..200 {
                let a = rng.below(n as u64 + 3) as usize;
                let b = rng.below(n as u64 + 3) as usize;
                let got = pyramid.min_max(a..b);
                let slice = ys.get(a.min(n)..b.min(n)).unwrap_or_default();
                let values: Vec<f64> = slice.iter().map(|y| f64::from(*y)).filter(|y| !y.is_nan()).collect();
                let min = values.iter().copied().reduce(f64::min).unwrap_or(f64::NAN);
                let max = values.iter().copied().reduce(f64::max).unwrap_or(f64::NAN);
                assert!(same(got.min_y, min) && same(got.max_y, max), "n={n} {a}..{b}");
                assert_eq!(got.has_gap, slice.iter().any(|y| y.is_nan()), "n={n} {a}..{b}");
            }
        }
    }

    #[test]
    fn gap_bounds_over_any_index_range_equal_a_scan() {
        let mut rng = Rng(424242);
        for n in [0usize, 1, 2, 3, 5, 8, 33, 100, 1000, 4099] {
            let (xs, mut ys) = random_series(&mut rng, n);
            if n == 4099 {
                // Gaps rare enough that most ranges hold none or one.
                ys.iter_mut().for_each(|y| *y = if y.is_nan() { 0.0 } else { *y });
                for _ in 0..3 {
                    ys[rng.below(n as u64) as usize] = f32::NAN;
                }
            }
            let pyramid = MinMaxPyramid::new(xs, ys.clone());
            for _ in 0..300 {
                let a = rng.below(n as u64 + 3) as usize;
                let b = rng.below(n as u64 + 3) as usize;
                let range = a.min(n)..b.min(n);
                let gaps: Vec<usize> = range.clone().filter(|i| ys[*i].is_nan()).collect();
                let want = gaps.first().zip(gaps.last()).map(|(f, l)| (*f, *l));
                assert_eq!(pyramid.gap_bounds(a..b), want, "n={n} {a}..{b}");
            }
        }
    }

    #[test]
    fn gap_bits_pair_up_level_by_level() {
        assert_eq!(pair_bits(0b1000_0110), 0b1011);
        assert_eq!(pair_bits(1 << 63), 1 << 31);
        assert_eq!(pair_bits(u64::MAX), 0xFFFF_FFFF);
        // One gap in 1000 samples: flagged in exactly one block of each level.
        let mut ys = vec![1.0f32; 1000];
        ys[777] = f32::NAN;
        let pyramid = MinMaxPyramid::new(vec![0.0; 1000], ys);
        for (k, level) in pyramid.levels.iter().enumerate() {
            let flagged: Vec<usize> = (0..level.min_max.len()).filter(|i| level.has_gap(*i)).collect();
            assert_eq!(flagged, vec![777 >> (k + BASE_SHIFT)], "level {k}");
        }
    }

    #[test]
    fn blocks_take_about_one_per_sample() {
        for n in [0usize, 1, 2, 3, 1000, 1 << 16, (1 << 16) + 1] {
            let pyramid = MinMaxPyramid::new(vec![0.0; n], vec![1.0; n]);
            let blocks: usize = pyramid.levels.iter().map(|level| level.min_max.len()).sum();
            assert!(blocks <= n + 64, "n={n}: {blocks} blocks");
            assert_eq!(pyramid.levels.last().map_or(0, |level| level.min_max.len()), usize::from(n > 1));
            let words: usize = pyramid.levels.iter().map(|level| level.gaps.len()).sum();
            assert!(words <= n / 64 + 64, "n={n}: {words} words of gap bits");
        }
    }
}
