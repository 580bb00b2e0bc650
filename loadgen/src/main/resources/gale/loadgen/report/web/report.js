/* gale load's report page: draws the data inlined in #gale-data; a live page (gale load --dashboard) also listens to
 * /events for each new second ("second"), then for the finished test ("done"), which replaces everything. */
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const C = window.GaleCharts;
  const OUTCOME_COLORS = { '2xx': '#15803d', '3xx': '#0e7490', '4xx': '#a16207', '5xx': '#b91c1c',
    timeout: '#6d28d9', refused: '#be185d', reset: '#c2410c', protocol: '#334155', other: '#475569' };
  const state = { data: null, cols: null, charts: {}, outcomeKeys: '' };
  window.galeReport = state;

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;',
      '"': '&quot;', "'": '&#39;' }[c]));
  }

  /* Rows to columns: one array per field, aligned on t. */
  function columnsOf(rows) {
    const cols = { t: [], vus: [], reqs: [], failed: [], p50: [], p90: [], p95: [], p99: [], max: [], outcomes: {} };
    rows.forEach(r => addRow(cols, r));
    return cols;
  }

  function addRow(cols, r) {
    const n = cols.t.length;
    cols.t.push(r.t);
    for (const k of ['vus', 'reqs', 'failed']) cols[k].push(r[k]);
    for (const k of ['p50', 'p90', 'p95', 'p99', 'max']) cols[k].push(r.reqs > 0 && r[k] > 0 ? r[k] : null);
    for (const k of Object.keys(r.outcomes || {})) {
      if (!cols.outcomes[k]) cols.outcomes[k] = new Array(n).fill(0);
    }
    for (const k of Object.keys(cols.outcomes)) cols.outcomes[k].push((r.outcomes || {})[k] || 0);
  }

  function eventsOf(data) {
    const seen = data.events.length ? data.events : [].concat(...data.rows.map(r => r.events || []));
    return seen;
  }

  function markers() {
    return eventsOf(state.data).filter(e => !/^(task\.pending|target\.initial|task\.running)$/.test(e.type))
      .map(e => ({ t: e.t, label: e.type + ' ' + e.subject, kind: kind(e.type) }));
  }
  function kind(type) {
    if (/^(task\.stopped|task\.draining|target\.unhealthy|failopen)/.test(type)) return 'stop';
    if (/^(service\.scaled|autoscaling)/.test(type)) return 'scale';
    if (/^alarm/.test(type)) return 'alarm';
    if (/^fault/.test(type)) return 'fault';
    if (/^deploy/.test(type)) return 'deploy';
    return 'other';
  }
  /* Stages in grey, faults (from fault.started to fault.ended) in amber. */
  function bands() {
    const stages = state.data.stages.length > 1
      ? state.data.stages.map(s => ({ from: s.from, to: s.to, label: s.label })) : [];
    return stages.concat((state.data.faults || []).map(f => ({ from: f.from, to: f.to, label: f.id,
      color: 'rgba(245,158,11,0.20)' })));
  }
  function latencyThresholds() {
    return state.data.thresholds.filter(t => /^http_req_duration/.test(t.metric) && t.aggregation !== 'rate')
      .map(t => ({ value: t.value, label: t.metric + ': ' + t.expression, failed: !t.passed }));
  }

  function build() {
    const cols = state.cols;
    const common = { markers: markers, bands: bands, height: 230 };
    Object.values(state.charts).forEach(c => c.destroy());
    ['chart-requests', 'chart-latency', 'chart-outcomes', 'chart-percentiles'].forEach(id => { $(id).innerHTML = ''; });
    state.charts.requests = C.time($('chart-requests'), Object.assign({
      series: [{ label: 'req/s', color: '#1d4ed8' }, { label: 'failed/s', color: '#b91c1c', width: 2 },
        { label: 'VUs', color: '#475569', dash: [6, 4], scale: 'y2' }], y2Label: 'VUs' }, common),
    [cols.t, cols.reqs, cols.failed, cols.vus]);
    state.charts.latency = C.time($('chart-latency'), Object.assign({ log: true, yFmt: C.ms, thresholds: latencyThresholds,
      series: [{ label: 'p50', color: '#15803d' }, { label: 'p90', color: '#0e7490' }, { label: 'p95', color: '#c2410c' },
        { label: 'p99', color: '#b91c1c' }, { label: 'max', color: '#475569', dash: [2, 3] }] }, common),
    [cols.t, cols.p50, cols.p90, cols.p95, cols.p99, cols.max]);
    buildOutcomes();
    const curves = state.data.curves || [];
    if (curves.length && curves[0].ms.length) {
      state.charts.percentiles = C.percentiles($('chart-percentiles'), { height: 230, thresholds: latencyThresholds,
        series: curves.map(c => ({ label: c.label })) },
      [state.data.percentiles].concat(curves.map(c => c.ms.length ? c.ms : state.data.percentiles.map(() => null))));
    } else {
      $('chart-percentiles').innerHTML = '<p class="empty">drawn when the test ends</p>';
    }
  }

  function buildOutcomes() {
    const keys = Object.keys(state.cols.outcomes).sort();
    state.outcomeKeys = keys.join(',');
    if (state.charts.outcomes) state.charts.outcomes.destroy();
    $('chart-outcomes').innerHTML = '';
    state.charts.outcomes = C.time($('chart-outcomes'), { markers: markers, bands: bands, height: 230,
      series: keys.map(k => ({ label: k, color: OUTCOME_COLORS[k] })) },
    [state.cols.t].concat(keys.map(k => state.cols.outcomes[k])));
  }

  function tables() {
    const d = state.data;
    const t = d.totals || {};
    $('summary').textContent = (d.live && !d.finished ? 'running · ' : '') + state.cols.t.length + ' s · ' +
      state.cols.reqs.reduce((a, v) => a + v, 0).toLocaleString('en') + ' requests · ' +
      state.cols.failed.reduce((a, v) => a + v, 0).toLocaleString('en') + ' failed' +
      (t.interrupted ? ' · interrupted' : '') + (t.aborted ? ' · aborted by a threshold' : '');
    $('threshold-list').innerHTML = d.thresholds.length ? d.thresholds.map(x => '<li><span class="pill s-' +
      (x.passed ? 'pass">✓ pass' : 'fail">✗ fail') + '</span> <b>' + esc(x.metric) + '</b> ' + esc(x.expression) +
      ' <span class="muted">observed ' + (Math.abs(x.observed) < 1 ? x.observed.toFixed(4) : C.num(x.observed)) +
      '</span></li>').join('') : '<li class="empty">' + (d.live && !d.finished ? 'evaluated when the test ends'
      : 'no threshold (add one with --threshold)') + '</li>';
    $('stage-rows').innerHTML = d.stages.map(s => '<tr><td class="l">' + esc(s.label) + '</td><td class="l">' +
      esc(s.shape) + '</td><td class="l">' + esc(s.target) + '</td><td>' + C.num(s.samples) + '</td><td>' +
      s.errorPercent.toFixed(2) + '</td><td>' + C.ms(s.avg) + '</td><td>' + C.ms(s.p95) + '</td><td>' + C.ms(s.p99) +
      '</td><td>' + C.ms(s.max) + '</td><td>' + C.num(s.throughput, 1) + '</td></tr>').join('');
    const start = d.start / 1000;
    const events = eventsOf(d);
    $('event-list').innerHTML = events.length ? events.map(e => '<li><time>+' + (e.t - start).toFixed(1) +
      ' s</time> <b>' + esc(e.type) + '</b> ' + esc(e.subject) + ' <span class="muted">' + esc(e.reason) +
      '</span></li>').join('') : '<li class="empty">none (gale load --control URL puts a Gale stack\'s events here)</li>';
    $('summary-text').textContent = d.summary || '';
  }

  function show(data) {
    state.data = data;
    state.cols = columnsOf(data.rows);
    build();
    tables();
    document.body.dataset.ready = 'true';
  }

  function live() {
    $('live').textContent = '● live';
    const source = new EventSource('events?after=' + state.data.rows.length);
    source.addEventListener('second', m => {
      const row = JSON.parse(m.data);
      state.data.rows.push(row);
      if (!state.data.start) state.data.start = (row.t - 1) * 1000;
      addRow(state.cols, row);
      if (Object.keys(state.cols.outcomes).sort().join(',') !== state.outcomeKeys) buildOutcomes();
      state.charts.requests.setData([state.cols.t, state.cols.reqs, state.cols.failed, state.cols.vus]);
      state.charts.latency.setData([state.cols.t, state.cols.p50, state.cols.p90, state.cols.p95, state.cols.p99,
        state.cols.max]);
      const keys = Object.keys(state.cols.outcomes).sort();
      state.charts.outcomes.setData([state.cols.t].concat(keys.map(k => state.cols.outcomes[k])));
      tables();
    });
    source.addEventListener('done', m => {
      source.close();
      const data = JSON.parse(m.data);
      data.live = true;
      data.finished = true;
      $('live').textContent = 'finished';
      show(data);
    });
    source.addEventListener('error', () => {
      if (!state.data.finished) $('live').textContent = '○ disconnected';
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const data = JSON.parse($('gale-data').textContent);
    show(data);
    if (data.live) live();
  });
})();
