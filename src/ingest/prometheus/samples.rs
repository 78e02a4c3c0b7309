//! Turning a series' points into samples: regular when they lie on one grid, irregular otherwise.

use crate::model::{Samples, TimeMs, MAX_STEP_MS};

/// Regular samples when the points lie on one grid, irregular otherwise; spends `budget`.
pub(super) fn to_samples(points: &[(TimeMs, f64)], budget: &mut usize) -> Samples {
    if let Some(samples) = regular(points, *budget) {
        *budget = budget.saturating_sub(samples.len());
        return samples;
    }
    *budget = budget.saturating_sub(points.len());
    Samples::Irregular {
        times_ms: points.iter().map(|p| p.0).collect(),
        up_ratio: points.iter().map(|p| p.1 as f32).collect(),
    }
}

/// The points (ascending, distinct times) as regular samples, when every point lies within 1 ms of
/// the grid `first + k * step` with `step` the smallest gap (at most [`MAX_STEP_MS`]) and the
/// filled length fits `budget`.
pub(super) fn regular(points: &[(TimeMs, f64)], budget: usize) -> Option<Samples> {
    let &(start_ms, _) = points.first()?;
    let step_ms = points.iter().zip(points.iter().skip(1)).map(|(a, b)| b.0 - a.0).min()?;
    // With steps of 2 ms or less the 1 ms tolerance could put two points in one slot.
    if step_ms <= 2 || step_ms > MAX_STEP_MS {
        return None;
    }
    let slot = |t_ms: TimeMs| {
        let offset = t_ms - start_ms;
        let k = (offset + step_ms / 2).div_euclid(step_ms);
        ((offset - k * step_ms).abs() <= 1).then_some(k)
    };
    let slots: Vec<i64> = points.iter().map(|p| slot(p.0)).collect::<Option<_>>()?;
    let len = usize::try_from(slots.last()? + 1).ok().filter(|len| *len <= budget)?;
    let mut up_ratio = vec![f32::NAN; len];
    for (k, point) in slots.into_iter().zip(points) {
        *up_ratio.get_mut(usize::try_from(k).ok()?)? = point.1 as f32;
    }
    Some(Samples::Regular { start_ms, step_ms, up_ratio })
}
