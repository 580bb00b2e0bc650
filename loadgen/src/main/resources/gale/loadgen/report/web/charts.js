/* Gale's charts, shared by the control plane's dashboard and gale load's report, drawn with uPlot.
 * GaleCharts.time(el, opts): a time chart (x in epoch seconds) with labelled event markers, shaded bands and
 * threshold lines; GaleCharts.percentiles(el, opts): a latency-by-percentile plot from 0 to 99.999%, as
 * HdrHistogram draws one. Both resize with their element and are redrawn with chart.setData(columns). */
(function (global) {
  'use strict';

  const PALETTE = ['#1d4ed8', '#b91c1c', '#15803d', '#c2410c', '#6d28d9', '#0e7490', '#be185d', '#4d7c0f',
    '#a16207', '#334155'];
  const MARK = { stop: '#b91c1c', unhealthy: '#b91c1c', scale: '#1d4ed8', alarm: '#c2410c', fault: '#a21caf',
    deploy: '#0e7490', other: '#475569' };

  function num(v, digits) {
    if (v == null || !isFinite(v)) return '–';
    const a = Math.abs(v);
    if (a >= 1e6) return (v / 1e6).toFixed(1) + 'M';
    if (a >= 1e4) return (v / 1e3).toFixed(1) + 'k';
    if (a >= 100 || Number.isInteger(v)) return Math.round(v).toLocaleString('en');
    return v.toFixed(digits == null ? 2 : digits);
  }

  function ms(v) {
    if (v == null || !isFinite(v)) return '–';
    if (v >= 1000) return (v / 1000).toFixed(v >= 10000 ? 0 : 2) + ' s';
    if (v >= 100) return Math.round(v) + ' ms';
    if (v >= 10) return v.toFixed(1) + ' ms';
    if (v >= 1) return v.toFixed(2) + ' ms';
    return (v * 1000).toFixed(0) + ' µs';
  }

  function cssVar(name, fallback) {
    const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }

  /* Dashed vertical lines with their label, staggered on rows where labels would overlap. */
  function markersPlugin(get) {
    return { hooks: { draw: [u => {
      const markers = get() || [];
      if (!markers.length) return;
      const ctx = u.ctx, r = uPlot.pxRatio, b = u.bbox;
      const min = u.scales.x.min, max = u.scales.x.max;
      ctx.save();
      ctx.font = (11 * r) + 'px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      let lastEnd = [-1e9, -1e9, -1e9, -1e9];
      for (const m of markers) {
        if (m.t < min || m.t > max) continue;
        const x = Math.round(u.valToPos(m.t, 'x', true)) + 0.5;
        const color = MARK[m.kind] || MARK.other;
        ctx.strokeStyle = color;
        ctx.lineWidth = r;
        ctx.setLineDash([4 * r, 3 * r]);
        ctx.beginPath();
        ctx.moveTo(x, b.top);
        ctx.lineTo(x, b.top + b.height);
        ctx.stroke();
        const w = ctx.measureText(m.label).width + 6 * r;
        // The first row free at x; when all are taken the line stays, unlabelled (its legend is the event list).
        const row = lastEnd.findIndex(end => end < x);
        if (row < 0) continue;
        lastEnd[row] = x + w;
        const flip = x + w > b.left + b.width;
        const tx = flip ? x - w : x + 3 * r;
        if (tx < b.left) continue;
        const ty = b.top + (2 + row * 14) * r;
        ctx.fillStyle = cssVar('--chart-bg', '#fff');
        ctx.globalAlpha = 0.85;
        ctx.fillRect(tx - 2 * r, ty - r, w - 2 * r, 13 * r);
        ctx.globalAlpha = 1;
        ctx.fillStyle = color;
        ctx.fillText(m.label, tx, ty);
      }
      ctx.restore();
    }] } };
  }

  /* Shaded time ranges (a load plan's stages, faults), labelled at their bottom left, drawn under the series. */
  function bandsPlugin(get) {
    return { hooks: { drawClear: [u => {
      const bands = get() || [];
      const ctx = u.ctx, r = uPlot.pxRatio, b = u.bbox;
      ctx.save();
      ctx.font = (11 * r) + 'px system-ui, sans-serif';
      ctx.textBaseline = 'bottom';
      bands.forEach((band, i) => {
        const x0 = Math.max(b.left, u.valToPos(band.from, 'x', true));
        const x1 = Math.min(b.left + b.width, u.valToPos(band.to, 'x', true));
        if (x1 <= x0) return;
        ctx.fillStyle = band.color || (i % 2 ? 'rgba(100,116,139,0.10)' : 'rgba(100,116,139,0.04)');
        ctx.fillRect(x0, b.top, x1 - x0, b.height);
        ctx.fillStyle = cssVar('--muted', '#475569');
        ctx.fillText(band.label, x0 + 3 * r, b.top + b.height - 2 * r);
      });
      ctx.restore();
    }] } };
  }

  /* Horizontal lines at a threshold's value (a p95 < 500 ms line on the latency chart). */
  function thresholdsPlugin(get) {
    return { hooks: { draw: [u => {
      const lines = get() || [];
      const ctx = u.ctx, r = uPlot.pxRatio, b = u.bbox;
      ctx.save();
      ctx.font = (11 * r) + 'px system-ui, sans-serif';
      for (const t of lines) {
        const scale = t.scale || 'y';
        const s = u.scales[scale];
        if (s == null || s.min == null || t.value < s.min || t.value > s.max) continue;
        const y = Math.round(u.valToPos(t.value, scale, true)) + 0.5;
        ctx.strokeStyle = t.failed ? MARK.stop : '#15803d';
        ctx.lineWidth = 1.5 * r;
        ctx.setLineDash([8 * r, 4 * r]);
        ctx.beginPath();
        ctx.moveTo(b.left, y);
        ctx.lineTo(b.left + b.width, y);
        ctx.stroke();
        ctx.fillStyle = ctx.strokeStyle;
        ctx.textBaseline = 'bottom';
        ctx.fillText(t.label, b.left + b.width - ctx.measureText(t.label).width - 4 * r, y - 2 * r);
      }
      ctx.restore();
    }] } };
  }

  function widthOf(el) {
    return Math.max(240, Math.floor(el.getBoundingClientRect().width || el.clientWidth || 600));
  }

  function watchSize(el, plot, height) {
    if (!global.ResizeObserver) return;
    let last = 0;
    new ResizeObserver(() => {
      const w = widthOf(el);
      if (w !== last) {
        last = w;
        plot.setSize({ width: w, height: height });
      }
    }).observe(el);
  }

  /* On a log axis uPlot splits at 1..9 × 10^n: only 1, 2 and 5 × 10^n keep a grid line and a label, or the labels
   * run into each other. */
  function logFilter(u, splits) {
    return splits.map(v => {
      const m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
      return Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6 ? v : null;
    });
  }

  function axis(fmt, label) {
    const text = cssVar('--text', '#1e293b');
    const grid = cssVar('--grid', '#e2e8f0');
    return { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
      label: label, labelSize: label ? 18 : 0, size: 66, values: fmt ? (u, vals) => vals.map(v => (v == null ? "" : fmt(v))) : undefined };
  }

  /* opts: {title, series: [{label, color, fmt, scale, width, dash}], log, yFmt, yLabel, height,
   *        markers: () => [{t, label, kind}], bands: () => [{from, to, label, color}],
   *        thresholds: () => [{value, label}]}
   * columns: [t[], s1[], s2[], ...] (t in epoch seconds). */
  function time(el, opts, columns) {
    const height = opts.height || 220;
    const yFmt = opts.yFmt || (v => num(v));
    const series = [{}].concat(opts.series.map((s, i) => ({
      label: s.label, stroke: s.color || PALETTE[i % PALETTE.length], width: s.width || 1.5,
      dash: s.dash, scale: s.scale || 'y', spanGaps: false, points: { show: false },
      value: (u, v) => (s.fmt || yFmt)(v),
    })));
    const scales = { x: { time: true } };
    scales.y = opts.log ? { distr: 3, log: 10 }
      : { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] };
    const axes = [axis(null), axis(v => yFmt(v), opts.yLabel)];
    if (opts.log) axes[1].filter = logFilter;
    if (opts.series.some(s => s.scale === 'y2')) {
      scales.y2 = { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] };
      const a = axis(opts.y2Fmt || (v => num(v)), opts.y2Label);
      a.side = 1;
      a.scale = 'y2';
      a.grid = { show: false };
      axes.push(a);
    }
    const none = () => [];
    const plot = new uPlot({
      title: opts.title, width: widthOf(el), height: height, scales: scales, axes: axes, series: series,
      cursor: { drag: { x: true, y: false } }, legend: { live: true },
      plugins: [bandsPlugin(opts.bands || none), markersPlugin(opts.markers || none),
        thresholdsPlugin(opts.thresholds || none)],
    }, columns || [[]].concat(opts.series.map(() => [])), el);
    watchSize(el, plot, height);
    return plot;
  }

  /* x of a percentile p (0-100) on the plot: -log10(1 - p/100), so 90, 99, 99.9 ... are equally spaced. */
  function percentileX(p) {
    return -Math.log10(Math.max(1e-9, 1 - p / 100));
  }

  const PERCENTILE_TICKS = [0, 1, 2, 3, 4, 5];
  const PERCENTILE_LABELS = ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%'];

  /* opts: {title, series: [{label, color}], height, thresholds}; columns: [percentile[], ms[], ms[], ...]. */
  function percentiles(el, opts, columns) {
    const height = opts.height || 240;
    const x = columns[0].map(percentileX);
    const data = [x].concat(columns.slice(1).map(c => c.map(v => (v > 0 ? v : null))));
    const grid = axis(null);
    grid.splits = () => PERCENTILE_TICKS;
    grid.values = (u, vals) => vals.map(v => PERCENTILE_LABELS[PERCENTILE_TICKS.indexOf(v)] || '');
    const plot = new uPlot({
      title: opts.title, width: widthOf(el), height: height,
      scales: { x: { time: false, range: [0, 5] }, y: { distr: 3, log: 10 } },
      axes: [grid, Object.assign(axis(ms, 'latency'), { filter: logFilter })],
      series: [{ label: 'percentile', value: (u, v) => (v == null ? '–' : (100 * (1 - Math.pow(10, -v))).toFixed(3) + '%') }]
        .concat(opts.series.map((s, i) => ({ label: s.label, stroke: s.color || PALETTE[i % PALETTE.length],
          width: 1.5, points: { show: false }, value: (u, v) => ms(v) }))),
      plugins: [thresholdsPlugin(opts.thresholds || (() => []))],
    }, data, el);
    watchSize(el, plot, height);
    return plot;
  }

  /* Null for values a log axis cannot draw (0 and below). */
  function logSafe(column) {
    return column.map(v => (v > 0 ? v : null));
  }

  global.GaleCharts = { time: time, percentiles: percentiles, num: num, ms: ms, logSafe: logSafe,
    palette: PALETTE, markColors: MARK };
})(window);
