// What the Prometheus end-to-end tests share: their probe data as OpenMetrics text, and the
// availability as the page writes it.

/** Seconds in a minute. */
export const MINUTE_S = 60;

/**
 * `probe_success` of each of `series` (`{ instance, region, downDuring?: { fromS, toS } }`) once a
 * minute from `firstS` to `lastS` (Unix seconds), 0 inside `downDuring` and 1 elsewhere, as
 * OpenMetrics text: the input of `promtool tsdb create-blocks-from openmetrics`.
 */
export function probeOpenMetrics(series, firstS, lastS) {
  const lines = ['# HELP probe_success Whether the probe succeeded.', '# TYPE probe_success gauge'];
  for (const { instance, region, downDuring } of series) {
    for (let t = firstS; t <= lastS; t += MINUTE_S) {
      const down = downDuring && t >= downDuring.fromS && t < downDuring.toS;
      lines.push(`probe_success{instance="${instance}",region="${region}"} ${down ? 0 : 1} ${t}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** As the page writes it (`format_availability`): floored, two decimals below 99.9 %, three above. */
export function formatAvailability(ratio) {
  const decimals = ratio >= 0.999 ? 3 : 2;
  const scale = 10 ** (decimals + 2);
  return `${((Math.floor(ratio * scale + 1e-6) / scale) * 100).toFixed(decimals)} %`;
}
