/* The dashboard: one EventSource on /api/dashboard/stream (history, then a snapshot a second and each event as it
 * happens), tables updated in place, charts from GaleCharts. Actions send the admin token, asked for once and kept
 * in this tab's sessionStorage (never a cookie, so another site cannot act through the browser). */
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const C = window.GaleCharts;
  const TOKEN_KEY = 'gale.adminToken';
  const MAX_EVENTS = 300;
  const state = { window: 900, data: null, snapshot: null, events: [], charts: {}, cpuTasks: '', connected: false };
  window.galeDashboard = state;

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;',
      '"': '&quot;', "'": '&#39;' }[c]));
  }
  function pill(s) { return s == null ? '' : '<span class="pill s-' + esc(s) + '">' + esc(s) + '</span>'; }
  function clock(iso) { return iso ? new Date(iso).toLocaleTimeString('en-GB') : ''; }
  function ago(iso) {
    if (!iso) return '–';
    const s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
    return s < 60 ? s.toFixed(0) + ' s ago' : (s / 60).toFixed(0) + ' min ago';
  }
  function mib(bytes) { return bytes == null ? '–' : (bytes / 1048576).toFixed(0) + ' MiB'; }

  /* Rows keyed by row.key are updated cell by cell, so buttons under the pointer survive each second. */
  function renderRows(tbody, rows) {
    const old = new Map([...tbody.children].map(tr => [tr.dataset.key, tr]));
    let prev = null;
    for (const r of rows) {
      let tr = old.get(r.key);
      if (tr) old.delete(r.key); else { tr = document.createElement('tr'); tr.dataset.key = r.key; }
      if (tr.className !== (r.cls || '')) tr.className = r.cls || '';
      r.cells.forEach((c, i) => {
        let td = tr.children[i];
        if (!td) { td = document.createElement('td'); tr.appendChild(td); }
        if (td._h !== c[0]) { td.innerHTML = c[0]; td._h = c[0]; }
        if (td.className !== (c[1] || '')) td.className = c[1] || '';
      });
      const next = prev ? prev.nextSibling : tbody.firstChild;
      if (next !== tr) tbody.insertBefore(tr, next);
      prev = tr;
    }
    old.forEach(tr => tr.remove());
  }

  function trafficCells(x) {
    return [[C.num(x.reqPerSec, 1)], [C.num(x.status2xx)], [C.num(x.status4xx)], [C.num(x.status5xx)],
      [C.ms(x.p50Ms)], [C.ms(x.p99Ms)]];
  }

  // A group with maxConnections: its queue for targets with room, and how long its oldest request has waited.
  function queueText(q) {
    if (!q) return '';
    const wait = q.queued ? ', oldest ' + (q.oldestWaitMs / 1000).toFixed(1) + ' s' : '';
    return 'queue ' + q.queued + ' / ' + q.maxQueued + wait + ' <span class="muted">(max ' + q.maxConnections +
      ' per target)</span>';
  }

  function renderBalancer(snap) {
    const rows = [];
    for (const l of snap.listeners) {
      rows.push({ key: 'listener:' + l.name, cls: 'listener', cells: [['listener ' + esc(l.name) + ' → ' +
        esc(l.defaultTargetGroup), 'l'], [pill('OPEN'), 'l'], ['', 'l'], ['']].concat(trafficCells(l), [[''], ['']]) });
    }
    for (const g of snap.targetGroups) {
      const healthy = g.targets.filter(t => t.state === 'HEALTHY').length;
      const inFlight = g.targets.reduce((a, t) => a + t.inFlight, 0);
      rows.push({ key: 'group:' + g.name, cls: 'group', cells: [['target group ' + esc(g.name), 'l'],
        [healthy + ' / ' + g.targets.length + ' healthy', 'l'], [queueText(g.queue), 'l'], [String(inFlight)]]
        .concat(trafficCells(g), [[''], ['']]) });
      for (const t of g.targets) {
        const slow = t.slowStartLeftMs > 0 ? (t.slowStartLeftMs / 1000).toFixed(0) + ' s left' : '';
        rows.push({ key: 'target:' + g.name + ':' + t.id, cls: 'target', cells: [
          ['&nbsp;&nbsp;' + esc(t.id) + ' <span class="muted">' + esc(t.address) + '</span>', 'l'],
          [pill(t.state), 'l state'], [esc(t.reason) + (t.detail ? ': ' + esc(t.detail) : ''), 'reason'],
          [String(t.inFlight)]].concat(trafficCells(t), [[ago(t.lastCheck)], [slow]]) });
      }
    }
    renderRows($('balancer-rows'), rows);
  }

  function serviceBlock(s) {
    let block = document.querySelector('[data-service="' + CSS.escape(s.name) + '"]');
    if (block) return block;
    block = document.createElement('div');
    block.dataset.service = s.name;
    block.innerHTML = '<h3 style="font-size:1em;margin:.4em 0"></h3>' +
      '<form class="scale"><label>desired <input type="number" min="0" max="1000" required></label> ' +
      '<button type="submit">Scale</button></form>' +
      '<div class="scroll"><table><thead><tr><th class="l">task</th><th class="l">state</th><th class="l">health</th>' +
      '<th class="l">revision</th><th class="l">CPU</th><th>memory</th><th>restarts</th><th class="hide-narrow">pid</th>' +
      '<th class="l">started</th><th class="l">reason</th><th class="l">actions</th></tr></thead><tbody></tbody></table></div>';
    block.querySelector('input').value = s.desiredCount;
    block.querySelector('form').addEventListener('submit', e => {
      e.preventDefault();
      const n = parseInt(block.querySelector('input').value, 10);
      act('POST', '/api/services/' + encodeURIComponent(s.name) + '/scale', { desiredCount: n },
        'scale ' + s.name + ' to ' + n);
    });
    $('service-list').appendChild(block);
    return block;
  }

  function renderServices(snap) {
    for (const s of snap.services) {
      const block = serviceBlock(s);
      const backoff = s.nextLaunchAt ? ', back-off: ' + s.consecutiveFailures + ' failed starts, next launch ' +
        clock(s.nextLaunchAt) : (s.consecutiveFailures ? ', ' + s.consecutiveFailures + ' failed starts' : '');
      const head = esc(s.name) + ' <span class="muted" style="font-weight:normal">desired ' + s.desiredCount +
        ', running ' + s.runningCount + ', pending ' + s.pendingCount + ', draining ' + s.drainingCount +
        ', restarts ' + s.restarts + esc(backoff) + (s.targetGroup ? ', target group ' + esc(s.targetGroup) : '') +
        '</span>';
      const h3 = block.querySelector('h3');
      if (h3._h !== head) { h3.innerHTML = head; h3._h = head; }
      const limit = s.cpuLimit ? ' of ' + s.cpuLimit + ' vCPU' : ' of 1 core';
      renderRows(block.querySelector('tbody'), s.tasks.map(t => {
        const cpu = Math.max(0, t.cpuPercent);
        const live = t.state !== 'STOPPED';
        return { key: 'task:' + t.id, cls: 'task', cells: [[esc(t.id), 'l'], [pill(t.state), 'l state'],
          [pill(t.health), 'l'], [esc(t.revision || '–'), 'l'],
          ['<span class="bar' + (cpu > 80 ? ' hot' : '') + '"><i style="width:' + Math.min(100, cpu).toFixed(0) +
            '%"></i></span>' + cpu.toFixed(1) + '%<span class="muted hide-narrow">' + limit + '</span>', 'l'],
          [mib(t.memoryBytes) + (s.memoryLimitBytes ? ' / ' + mib(s.memoryLimitBytes) : '')],
          [String(t.restarts == null ? '' : t.restarts)], [String(t.pid), 'hide-narrow'], [clock(t.startedAt), 'l'],
          [esc(t.reason) + (t.exitCode != null ? ' (exit ' + t.exitCode + ')' : ''), 'reason'],
          [live ? '<button data-act="stop" data-task="' + esc(t.id) + '">Stop</button> ' +
            '<button class="danger" data-act="kill" data-task="' + esc(t.id) + '">Kill</button>' : '', 'l']] };
      }));
    }
  }

  function renderAlarms(snap) {
    renderRows($('alarm-rows'), snap.alarms.length ? snap.alarms.map(a => ({ key: 'alarm:' + a.name,
      cells: [[esc(a.name), 'l'], [pill(a.state), 'l'], [clock(a.since), 'l'], [esc(a.reason), 'reason']] }))
      : [{ key: 'none', cells: [['no alarm in this stack', 'l empty']] }]);
  }

  function renderOperations(snap) {
    const list = $('operation-list');
    const html = snap.operations.length ? snap.operations.map((o, i) => '<li data-key="op:' + esc(o.kind) + ':' +
      esc(o.id) + '">' + pill(o.state) + ' <b>' + esc(o.kind) + '</b> ' + esc(o.title) +
      (o.progress === o.progress && o.progress != null ? ' <span class="progress"><i style="width:' +
        (100 * o.progress).toFixed(0) + '%"></i></span>' : '') + ' <span class="muted">' + esc(o.detail) + '</span> ' +
      o.actions.map((a, j) => '<button data-op="' + i + '" data-action="' + j + '">' + esc(a.label) + '</button>')
        .join(' ') + '</li>').join('') : '<li class="empty">nothing in progress</li>';
    if (list._h !== html) { list.innerHTML = html; list._h = html; }
  }

  /* --- events: the list, the autoscaler's decisions, and the charts' markers --- */
  function marker(e) {
    const t = new Date(e.time).getTime() / 1000;
    const type = e.type;
    if (type === 'task.stopped') return { t, kind: 'stop', label: (/code 137|SIGKILL|killed/i.test(e.reason) ?
      'killed ' : 'stopped ') + e.subject };
    if (type === 'task.draining') return { t, kind: 'stop', label: 'draining ' + e.subject };
    if (type === 'target.unhealthy') return { t, kind: 'unhealthy', label: 'unhealthy ' + e.subject };
    if (type === 'service.scaled') {
      const m = /set to (\d+)/.exec(e.reason);
      return { t, kind: 'scale', label: 'scale ' + e.subject + (m ? ' → ' + m[1] : '') };
    }
    if (type === 'autoscaling.decision' && !/^none/.test(e.reason)) return { t, kind: 'scale',
      label: 'autoscale ' + e.reason.split(':')[0] };
    if (type.startsWith('alarm.')) return { t, kind: 'alarm', label: e.subject + ' ' + type.slice(6).toUpperCase() };
    if (type.startsWith('failopen.')) return { t, kind: 'unhealthy', label: type + ' ' + e.subject };
    if (type.startsWith('fault.')) return { t, kind: 'fault', label: type.slice(6) + ' ' + e.subject };
    if (type.startsWith('deployment.')) return { t, kind: 'deploy', label: type.slice(11) + ' ' + e.subject };
    return null;
  }
  function markers() {
    return state.events.map(marker).filter(m => m);
  }

  function renderEvents() {
    const recent = state.events.slice(-60).reverse();
    $('event-list').innerHTML = recent.length ? recent.map(e => '<li data-type="' + esc(e.type) + '"><time>' +
      clock(e.time) + '</time> <b>' + esc(e.type) + '</b> ' + esc(e.subject) + ' <span class="muted">' +
      esc(e.reason) + '</span></li>').join('') : '<li class="empty">no event yet</li>';
    const decisions = state.events.filter(e => e.type === 'autoscaling.decision').slice(-20).reverse();
    $('scaling-list').innerHTML = decisions.length ? decisions.map(e => '<li><time>' + clock(e.time) + '</time> <b>' +
      esc(e.subject) + '</b> ' + esc(e.reason) + '</li>').join('')
      : '<li class="empty">no autoscaler decision (a service scales itself with <code>autoscaling</code> in the stack file)</li>';
  }

  /* --- charts --- */
  function groups() { return Object.keys(state.data.groups); }
  function services() { return Object.keys(state.data.services); }
  function cpuTasks() {
    const out = [];
    services().forEach(s => Object.keys(state.data.services[s].cpu).forEach(t => out.push([s, t])));
    return out;
  }
  function label(name, what, many) { return many ? name + ' ' + what : what; }

  function columns(chart) {
    const d = state.data;
    const many = groups().length > 1;
    if (chart === 'requests') {
      return [d.t].concat(...groups().map(g => [d.groups[g].req, d.groups[g].e4, d.groups[g].e5]));
    }
    if (chart === 'latency') {
      return [d.t].concat(...groups().map(g => ['p50', 'p95', 'p99'].map(p => C.logSafe(d.groups[g][p]))));
    }
    if (chart === 'tasks') {
      return [d.t].concat(groups().map(g => d.groups[g].healthy),
        ...services().map(s => [d.services[s].running, d.services[s].desired]));
    }
    return [d.t].concat(cpuTasks().map(([s, t]) => d.services[s].cpu[t]));
  }

  function buildCharts() {
    const many = groups().length > 1;
    const opts = { markers: markers, height: 210 };
    const reqSeries = [];
    groups().forEach(g => reqSeries.push({ label: label(g, 'req/s', many), color: '#1d4ed8' },
      { label: label(g, '4xx/s', many), color: '#a16207' }, { label: label(g, '5xx/s', many), color: '#b91c1c', width: 2 }));
    const latSeries = [];
    groups().forEach(g => latSeries.push({ label: label(g, 'p50', many), color: '#15803d' },
      { label: label(g, 'p95', many), color: '#c2410c' }, { label: label(g, 'p99', many), color: '#b91c1c' }));
    const taskSeries = groups().map(g => ({ label: g + ' healthy targets', color: '#15803d', width: 2 }));
    services().forEach(s => taskSeries.push({ label: s + ' running', color: '#1d4ed8' },
      { label: s + ' desired', color: '#475569', dash: [6, 4] }));
    for (const key of Object.keys(state.charts)) { state.charts[key].destroy(); }
    ['chart-requests', 'chart-latency', 'chart-tasks', 'chart-cpu'].forEach(id => { $(id).innerHTML = ''; });
    state.charts.requests = C.time($('chart-requests'), Object.assign({ series: reqSeries }, opts), columns('requests'));
    state.charts.latency = C.time($('chart-latency'), Object.assign({ series: latSeries, log: true, yFmt: C.ms }, opts),
      columns('latency'));
    state.charts.tasks = C.time($('chart-tasks'), Object.assign({ series: taskSeries }, opts), columns('tasks'));
    buildCpuChart();
  }

  function buildCpuChart() {
    if (state.charts.cpu) state.charts.cpu.destroy();
    $('chart-cpu').innerHTML = '';
    state.cpuTasks = cpuTasks().map(x => x[1]).join(',');
    state.charts.cpu = C.time($('chart-cpu'), { series: cpuTasks().map(([s, t]) => ({ label: t })), markers: markers,
      height: 210, yFmt: v => C.num(v, 0) + '%' }, columns('cpu'));
  }

  function redrawCharts() {
    if (cpuTasks().map(x => x[1]).join(',') !== state.cpuTasks) buildCpuChart();
    for (const key of ['requests', 'latency', 'tasks', 'cpu']) {
      state.charts[key].setData(columns(key));
    }
  }

  /* Appends a snapshot's seconds to the columns and keeps the last window. */
  function append(chart) {
    const d = state.data;
    const n = d.t.length;
    d.t.push(...chart.t);
    for (const [g, cols] of Object.entries(chart.groups)) {
      const mine = d.groups[g];
      for (const k of Object.keys(cols)) mine[k].push(...cols[k]);
    }
    for (const [s, cols] of Object.entries(chart.services)) {
      const mine = d.services[s];
      mine.running.push(...cols.running);
      mine.desired.push(...cols.desired);
      for (const [task, values] of Object.entries(cols.cpu)) {
        if (!mine.cpu[task]) mine.cpu[task] = new Array(n).fill(null);
        mine.cpu[task].push(...values);
      }
      for (const task of Object.keys(mine.cpu)) {
        if (!cols.cpu[task]) mine.cpu[task].push(...new Array(chart.t.length).fill(null));
      }
    }
    const drop = Math.max(0, d.t.length - state.window);
    if (drop > 0) {
      d.t.splice(0, drop);
      Object.values(d.groups).forEach(cols => Object.values(cols).forEach(c => c.splice(0, drop)));
      Object.values(d.services).forEach(cols => {
        cols.running.splice(0, drop);
        cols.desired.splice(0, drop);
        for (const [task, c] of Object.entries(cols.cpu)) {
          c.splice(0, drop);
          if (c.every(v => v == null)) delete cols.cpu[task];
        }
      });
    }
  }

  /* Seconds before the stack recorded anything are dropped: the time axis starts at the first data. */
  function trimLeadingEmpty(d) {
    const columns = [];
    Object.values(d.groups).forEach(cols => columns.push(...Object.values(cols)));
    Object.values(d.services).forEach(cols => columns.push(cols.running, cols.desired, ...Object.values(cols.cpu)));
    let first = d.t.length;
    for (const c of columns) {
      const i = c.findIndex(v => v != null);
      if (i >= 0 && i < first) first = i;
    }
    if (first > 0) {
      d.t.splice(0, first);
      columns.forEach(c => c.splice(0, first));
    }
  }

  /* --- the stream --- */
  function connect() {
    const source = new EventSource('/api/dashboard/stream');
    source.addEventListener('open', () => setLive(true));
    source.addEventListener('error', () => setLive(false));
    source.addEventListener('history', m => {
      const h = JSON.parse(m.data);
      state.window = h.windowSeconds;
      state.data = h.chart;
      trimLeadingEmpty(state.data);
      state.events = [];
      buildCharts();
    });
    source.addEventListener('snapshot', m => {
      const snap = JSON.parse(m.data);
      state.snapshot = snap;
      if (state.data) {
        append(snap.chart);
        redrawCharts();
      }
      renderBalancer(snap);
      renderServices(snap);
      renderAlarms(snap);
      renderOperations(snap);
      const targets = snap.targetGroups.reduce((a, g) => a + g.targets.length, 0);
      $('summary').textContent = snap.listeners.map(l => l.name).join(', ') + ' · ' + snap.services.length +
        ' service(s) · ' + targets + ' target(s) · ' + new Date(snap.time).toLocaleTimeString('en-GB');
      if (!state.firstRender) {
        state.firstRender = performance.now();
        document.body.dataset.ready = 'true';
      }
    });
    source.addEventListener('event', m => {
      state.events.push(JSON.parse(m.data));
      if (state.events.length > MAX_EVENTS) state.events.splice(0, state.events.length - MAX_EVENTS);
      renderEvents();
    });
  }

  function setLive(on) {
    state.connected = on;
    $('live').textContent = on ? '● live' : '○ reconnecting…';
  }

  /* --- actions --- */
  function notice(kind, text) {
    const n = $('notice');
    n.className = 'notice ' + kind;
    n.textContent = text;
    n.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => { n.hidden = true; }, 8000);
  }

  function askToken() {
    return new Promise(resolve => {
      const form = $('token-form');
      form.hidden = false;
      $('token-input').value = '';
      $('token-input').focus();
      const done = value => {
        form.hidden = true;
        form.onsubmit = null;
        $('token-cancel').onclick = null;
        if (value) sessionStorage.setItem(TOKEN_KEY, value);
        resolve(value || null);
      };
      form.onsubmit = e => { e.preventDefault(); done($('token-input').value.trim()); };
      $('token-cancel').onclick = () => done(null);
    });
  }

  async function act(method, path, body, what) {
    const token = sessionStorage.getItem(TOKEN_KEY) || await askToken();
    if (!token) {
      notice('bad', what + ': not sent (this needs the admin token)');
      return;
    }
    let response;
    try {
      response = await fetch(path, { method: method, headers: { 'Authorization': 'Bearer ' + token,
        'Content-Type': 'application/json' }, body: body == null ? undefined : JSON.stringify(body) });
    } catch (e) {
      notice('bad', what + ': the stack does not answer (' + e + ')');
      return;
    }
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      notice('bad', what + ': refused (401): ' + (answer.error || 'wrong token') + '. Enter the token again.');
    } else if (!response.ok) {
      notice('bad', what + ': ' + response.status + ' ' + (answer.error || ''));
    } else {
      notice('ok', what + ': accepted');
    }
  }

  document.addEventListener('click', e => {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.act) {
      const kill = b.dataset.act === 'kill';
      act('POST', '/api/tasks/' + encodeURIComponent(b.dataset.task) + '/stop', { kill: kill },
        (kill ? 'kill ' : 'stop ') + b.dataset.task);
    } else if (b.dataset.op) {
      const op = state.snapshot.operations[+b.dataset.op];
      const a = op.actions[+b.dataset.action];
      act(a.method, a.path, a.body ? JSON.parse(a.body) : null, a.label + ' ' + op.kind + ' ' + op.id);
    } else if (b.id === 'token-button') {
      askToken();
    }
  });

  connect();
})();
