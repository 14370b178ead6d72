// The dashboard page: reads the data the build embedded (#dashboard-data) and draws the market, symbol and
// pipeline health views with TradingView's lightweight-charts (inlined above as the LightweightCharts global).
(function () {
  'use strict';
  const LC = window.LightweightCharts;
  const data = JSON.parse(document.getElementById('dashboard-data').textContent);
  const DAY = 86400;
  const COLORS = ['#4f9cf9', '#f5a623', '#26a69a', '#ef5350', '#ab47bc', '#8bc34a', '#ff7043', '#26c6da', '#ec407a', '#d4e157', '#9e9e9e', '#7e57c2'];
  const chartOptions = {
    autoSize: true,
    layout: { background: { color: '#171d24' }, textColor: '#d7dde4', panes: { separatorColor: '#2a323c' } },
    grid: { vertLines: { color: '#222a33' }, horzLines: { color: '#222a33' } },
    rightPriceScale: { borderColor: '#2a323c' },
    timeScale: { borderColor: '#2a323c' },
  };

  const $ = (selector) => document.querySelector(selector);
  const el = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'class') node.className = value; else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child instanceof Node ? child : String(child ?? ''));
    return node;
  };
  const dayText = (day) => new Date(day * DAY * 1000).toISOString().slice(0, 10);
  const pct = (value) => value == null ? '' : (value * 100).toFixed(2) + '%';
  const num = (value, digits) => value == null ? '' : Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const signClass = (value) => value > 0 ? 'up' : value < 0 ? 'down' : '';
  const rows = (columns) => {
    const names = Object.keys(columns);
    const count = names.length ? columns[names[0]].length : 0;
    return Array.from({ length: count }, (_, i) => Object.fromEntries(names.map((n) => [n, columns[n][i]])));
  };
  const symbolLink = (symbol) => el('a', { class: 'symbol', href: '#symbol/' + encodeURIComponent(symbol) }, symbol);

  // ---- market -------------------------------------------------------------------------------------------------
  let marketDrawn = false;
  function drawMarket() {
    if (marketDrawn) return;
    marketDrawn = true;
    const sectorChart = LC.createChart($('#sector-chart'), chartOptions);
    Object.entries(data.market.sectors).forEach(([sector, columns], i) => {
      const color = COLORS[i % COLORS.length];
      const series = sectorChart.addSeries(LC.LineSeries, { color, lineWidth: 2, title: '', priceLineVisible: false, lastValueVisible: false });
      series.setData(columns.date.map((day, j) => ({ time: day * DAY, value: columns.growth[j] })));
      $('#sector-legend').append(el('span', { 'data-color': color }, el('i', { style: 'background:' + color }), sector));
    });
    sectorChart.timeScale().fitContent();
    $('#sector-chart').dataset.series = String(sectorChart.panes()[0].getSeries().length);

    const movers = rows(data.market.movers);
    const snapshot = rows(data.market.snapshot);
    $('#movers-date').textContent = movers.length ? dayText(movers[0].date) : '';
    const moverRow = (m) => el('tr', {}, el('td', {}, symbolLink(m.symbol)), el('td', { class: 'num' }, num(m.close, 2)), el('td', { class: 'num ' + signClass(m.return_1d) }, pct(m.return_1d)));
    movers.filter((m) => m.gain_rank <= 10).sort((a, b) => a.gain_rank - b.gain_rank).forEach((m) => $('#gainers tbody').append(moverRow(m)));
    movers.filter((m) => m.loss_rank <= 10).sort((a, b) => a.loss_rank - b.loss_rank).forEach((m) => $('#losers tbody').append(moverRow(m)));

    drawHeatmap(rows(data.market.correlation));
    drawRangeTable(snapshot);
  }

  function drawHeatmap(pairs) {
    const symbols = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort();
    if (pairs.length) $('#heatmap-date').textContent = '60-day, log returns, latest value of each pair (' + dayText(Math.max(...pairs.map((p) => p.date))) + ')';
    const value = new Map(pairs.map((p) => [p.a + '|' + p.b, p.r]));
    const cell = 44, margin = 48, size = margin + cell * symbols.length;
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', size); svg.setAttribute('height', size);
    const add = (tag, attributes, text) => {
      const node = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
      if (text != null) node.textContent = text;
      svg.append(node);
    };
    const color = (r) => r == null ? '#2a323c' : r >= 0 ? `rgba(79,156,249,${0.15 + 0.85 * r})` : `rgba(239,83,80,${0.15 + 0.85 * -r})`;
    symbols.forEach((a, i) => {
      add('text', { x: margin - 6, y: margin + cell * i + cell / 2 + 4, 'text-anchor': 'end' }, a);
      add('text', { x: margin + cell * i + cell / 2, y: margin - 8, 'text-anchor': 'middle' }, a);
      symbols.forEach((b, j) => {
        const r = i === j ? 1 : value.get(a < b ? a + '|' + b : b + '|' + a);
        add('rect', { x: margin + cell * j, y: margin + cell * i, width: cell - 2, height: cell - 2, fill: color(r), 'data-pair': a + '|' + b });
        // r is rounded to two decimals when the page is built; toFixed only prints it.
        add('text', { x: margin + cell * j + cell / 2 - 1, y: margin + cell * i + cell / 2 + 4, 'text-anchor': 'middle', class: 'value', 'data-pair': a + '|' + b }, r == null ? '' : r.toFixed(2));
      });
    });
    $('#heatmap').append(symbols.length ? svg : el('p', {}, 'No pair of the correlation symbols (schemas/marts/marts.json) has 60 common sessions in the warehouse.'));
  }

  function drawRangeTable(snapshot) {
    const limit = 200;
    const body = $('#range-table tbody');
    const render = () => {
      const filter = $('#range-filter').value.trim().toLowerCase();
      const matching = snapshot
        .filter((r) => !filter || [r.symbol, r.name, r.sector].some((t) => (t || '').toLowerCase().includes(filter)))
        .sort((a, b) => (b.pct_from_high_52w ?? -9) - (a.pct_from_high_52w ?? -9) || a.symbol.localeCompare(b.symbol));
      body.replaceChildren(...matching.slice(0, limit).map((r) => {
        const span = r.high_52w - r.low_52w;
        const position = span > 0 ? Math.min(1, Math.max(0, (r.adj_close - r.low_52w) / span)) : 0.5;
        return el('tr', {},
          el('td', {}, symbolLink(r.symbol)), el('td', {}, r.name), el('td', {}, r.sector || ''), el('td', {}, dayText(r.date)),
          el('td', { class: 'num' }, num(r.close, 2)), el('td', { class: 'num' }, num(r.low_52w, 2)),
          el('td', {}, el('div', { class: 'range-bar' }, el('b', { style: `left:${(position * 116).toFixed(0)}px` }))),
          el('td', { class: 'num' }, num(r.high_52w, 2)), el('td', { class: 'num ' + signClass(r.pct_from_high_52w) }, pct(r.pct_from_high_52w)));
      }));
      $('#range-count').textContent = `${Math.min(limit, matching.length)} of ${matching.length} symbols, nearest their 52-week high first (adjusted prices)`;
    };
    $('#range-filter').addEventListener('input', render);
    render();
  }

  // ---- symbol -------------------------------------------------------------------------------------------------
  const snapshotBySymbol = new Map(rows(data.market.snapshot).map((r) => [r.symbol, r]));
  let symbolChart = null;
  let currentSymbol = null;

  const companyVersions = new Map();
  for (const version of rows(data.symbols.companies)) {
    if (!companyVersions.has(version.symbol)) companyVersions.set(version.symbol, []);
    companyVersions.get(version.symbol).push(version);
  }

  function companyOn(symbol, day) {
    const versions = companyVersions.get(symbol);
    if (!versions) return null;
    // Nothing rather than a guess when no version covers the day (before the company was listed, say).
    return versions.find((v) => v.from <= day && day <= v.to) || null;
  }

  function showCompany(symbol, day) {
    const company = companyOn(symbol, day);
    $('#symbol-company').textContent = company
      ? `${company.name} · ${company.sector || 'no sector'}${company.industry ? ' / ' + company.industry : ''} · ${company.exchange} (${company.mic}) · as of ${dayText(day)}`
      : '';
  }

  function drawSymbol(symbol) {
    if (!symbol || !snapshotBySymbol.has(symbol)) {
      const first = data.market.snapshot.symbol[0];
      if (!first) { $('#chart-note').textContent = 'The warehouse holds no symbol.'; return; }
      symbol = first;
    }
    if (symbol === currentSymbol) return;
    currentSymbol = symbol;
    const snap = snapshotBySymbol.get(symbol);
    $('#symbol-search').value = symbol;
    $('#symbol-name').textContent = symbol;
    $('#latest-close').textContent = String(snap.close);
    $('#latest-date').textContent = dayText(snap.date);
    showCompany(symbol, snap.date);
    if (symbolChart) { symbolChart.remove(); symbolChart = null; }
    const container = $('#price-chart');
    container.dataset.symbol = symbol;
    const columns = data.symbols.charts[symbol];
    delete container.dataset.drawn;
    if (!columns) {
      container.dataset.bars = '0';
      $('#chart-legend').replaceChildren();
      $('#chart-note').textContent = `${symbol}'s candles are not embedded: this page charts ${Object.keys(data.symbols.charts).length} symbols. `
        + `Rebuild with: lakehouse dashboard --symbols ${symbol}`;
      return;
    }
    $('#chart-note').textContent = `Last ${columns.t.length} sessions on adjusted prices (open, high, low and close scaled by adj_close / close), as the indicators are computed; volume as traded.`;
    const times = columns.t.map((day) => day * DAY);
    const line = (name) => times.map((time, i) => columns[name][i] == null ? { time } : { time, value: columns[name][i] });
    const chart = LC.createChart(container, { ...chartOptions, crosshair: { mode: 0 } });
    symbolChart = chart;
    // Every series has colours no other series of its pane uses, so a test can tell that each one drew.
    const candles = chart.addSeries(LC.CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', wickUpColor: '#26a69a', wickDownColor: '#ef5350', borderVisible: false, priceLineVisible: false });
    candles.setData(times.map((time, i) => ({ time, open: columns.o[i], high: columns.h[i], low: columns.l[i], close: columns.c[i] })));
    const volume = chart.addSeries(LC.HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: 'volume', lastValueVisible: false, priceLineVisible: false });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    volume.setData(times.map((time, i) => ({ time, value: columns.v[i], color: columns.c[i] >= columns.o[i] ? '#1d4f4a' : '#6b2c2b' })));
    const overlay = (name, label, color, style, pane) => {
      const series = chart.addSeries(LC.LineSeries, { color, lineWidth: 1, lineStyle: style || 0, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false }, pane || 0);
      series.setData(line(name));
      $('#chart-legend').append(el('span', {}, el('i', { style: 'background:' + color }), label));
      return series;
    };
    $('#chart-legend').replaceChildren();
    overlay('sma20', 'SMA 20', '#f5a623');
    overlay('sma50', 'SMA 50', '#4f9cf9');
    overlay('sma200', 'SMA 200', '#ab47bc');
    overlay('bbu', 'Bollinger upper', '#8b96a3', 2);
    overlay('bbl', 'Bollinger lower', '#8b96a3', 2);
    const rsi = overlay('rsi', 'RSI 14', '#26c6da', 0, 1);
    // RSI lives on 0..100: a fixed scale keeps the 30 and 70 guides in view whatever the window holds.
    rsi.applyOptions({ autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 100 } }) });
    rsi.createPriceLine({ price: 70, color: '#c62828', lineWidth: 1, lineStyle: 2, axisLabelVisible: false });
    rsi.createPriceLine({ price: 30, color: '#2e7d32', lineWidth: 1, lineStyle: 2, axisLabelVisible: false });
    const hist = chart.addSeries(LC.HistogramSeries, { priceLineVisible: false, lastValueVisible: false }, 2);
    hist.setData(times.map((time, i) => columns.hist[i] == null ? { time } : { time, value: columns.hist[i], color: columns.hist[i] >= 0 ? '#2f6f68' : '#8e3b39' }));
    overlay('macd', 'MACD 12/26', '#ffeb3b', 0, 2);
    overlay('signal', 'MACD signal 9', '#ff7043', 0, 2);
    const panes = chart.panes();
    [0.62, 0.16, 0.22].forEach((share, i) => panes[i] && panes[i].setStretchFactor(share));
    chart.timeScale().fitContent();
    // Each pane's element is named, with its series count from the library, once the chart has laid it out.
    requestAnimationFrame(() => {
      if (symbolChart !== chart) return;
      chart.panes().forEach((pane, i) => {
        const element = pane.getHTMLElement();
        if (element) Object.assign(element.dataset, { pane: ['price', 'rsi', 'macd'][i], series: String(pane.getSeries().length) });
      });
      container.dataset.drawn = symbol;
    });
    chart.subscribeCrosshairMove((param) => {
      showCompany(symbol, param.time ? Math.floor(param.time / DAY) : snap.date);
    });
    container.dataset.bars = String(times.length);
  }

  function setupSearch() {
    const list = $('#symbol-list');
    for (const [symbol, snap] of snapshotBySymbol) list.append(el('option', { value: symbol }, snap.name));
    const input = $('#symbol-search');
    const pick = () => {
      const text = input.value.trim().toUpperCase();
      const match = snapshotBySymbol.has(text) ? text
        : [...snapshotBySymbol.values()].find((s) => s.name.toUpperCase().includes(text))?.symbol;
      if (match) location.hash = '#symbol/' + encodeURIComponent(match);
    };
    input.addEventListener('change', pick);
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(); });
  }

  // ---- pipeline health ----------------------------------------------------------------------------------------
  function drawHealth() {
    const runs = data.health.runs;
    const body = $('#runs tbody');
    if (!runs.length) body.append(el('tr', {}, el('td', { colspan: 8 }, 'No run manifest in the lake.')));
    runs.forEach((run, i) => {
      const rejects = run.stages.reduce((sum, s) => sum + s.rejects.reduce((n, r) => n + r.count, 0), 0);
      const failed = run.checks.filter((c) => !c.passed).length;
      const duration = run.stages.reduce((sum, s) => sum + s.duration_ms, 0);
      const row = el('tr', { 'data-run': run.run_id },
        el('td', {}, run.run_id), el('td', {}, run.command), el('td', { class: run.status === 'succeeded' ? 'pass' : 'fail' }, run.status),
        el('td', {}, run.started_at.replace('T', ' ').slice(0, 19)), el('td', { class: 'num' }, (duration / 1000).toFixed(1) + ' s'),
        el('td', {}, run.options ? `${run.options.start ?? ''} … ${run.options.end ?? ''}` : ''), el('td', { class: 'num' }, rejects.toLocaleString('en-US')),
        el('td', { class: 'num ' + (failed ? 'fail' : '') }, run.checks.length ? failed : ''));
      row.addEventListener('click', () => showRun(i));
      body.append(row);
    });
    $('#expected-session').textContent = data.health.expected_session;
    const freshness = $('#freshness tbody');
    for (const t of data.health.freshness) {
      freshness.append(el('tr', { 'data-table': t.table }, el('td', {}, t.table), el('td', { class: 'num rows' }, t.rows.toLocaleString('en-US')),
        el('td', {}, el('span', { class: 'newest' }, t.newest ?? (t.date_column ? '—' : '')), t.date_column ? ` (${t.date_column})` : ''),
        el('td', { class: 'num sessions-behind ' + (t.sessions_behind ? 'fail' : '') }, t.sessions_behind ?? ''),
        el('td', { class: 'num symbols-behind' }, t.symbols_behind ?? '')));
    }
    if (runs.length) showRun(0);
  }

  function showRun(index) {
    const run = data.health.runs[index];
    document.querySelectorAll('#runs tbody tr').forEach((tr, i) => tr.classList.toggle('selected', i === index));
    $('#stages-run').textContent = run.run_id;
    const longest = Math.max(1, ...run.stages.map((s) => s.duration_ms));
    $('#stages tbody').replaceChildren(...run.stages.map((s) => el('tr', { 'data-stage': s.stage },
      el('td', {}, s.stage), el('td', { class: 'num' }, (s.duration_ms / 1000).toFixed(2) + ' s'),
      el('td', { style: 'width:30%' }, el('div', { class: 'bar', style: `width:${(100 * s.duration_ms / longest).toFixed(1)}%` })),
      el('td', { class: 'num' }, s.records_in.toLocaleString('en-US')), el('td', { class: 'num' }, s.records_out.toLocaleString('en-US')),
      el('td', { class: 'num' }, s.rejects.reduce((n, r) => n + r.count, 0).toLocaleString('en-US')))));
    const rejects = run.stages.flatMap((s) => s.rejects.map((r) => ({ stage: s.stage, ...r })));
    $('#rejects-total').textContent = rejects.reduce((n, r) => n + r.count, 0).toLocaleString('en-US');
    $('#rejects').replaceChildren(...(rejects.length ? rejects.map((r) => el('div', { class: 'reason', 'data-reason': r.reason },
      el('b', {}, `${r.stage} · ${r.reason}: `), el('span', { class: 'count' }, r.count.toLocaleString('en-US')),
      el('ul', {}, ...r.examples.map((e) => el('li', {}, `${e.symbol} ${e.trade_date ?? ''} (${e.table}): ${e.detail}`))))) : [el('p', {}, 'No rejects.')]));
    const failed = run.checks.filter((c) => !c.passed).length;
    $('#checks-summary').textContent = run.checks.length ? `${run.checks.length - failed} of ${run.checks.length} passed` : 'this run ran no checks';
    $('#checks tbody').replaceChildren(...[...run.checks].sort((a, b) => a.passed - b.passed).map((c) => el('tr', { 'data-check': c.table + '.' + c.name, title: c.sql },
      el('td', {}, c.table), el('td', {}, c.name), el('td', { class: c.passed ? 'pass result' : 'fail result' }, c.passed ? 'pass' : 'FAIL'),
      el('td', { class: 'num violations' }, c.violations), el('td', {}, c.description + (c.sample.length ? ' e.g. ' + c.sample.join('; ') : '')))));
  }

  // ---- navigation ---------------------------------------------------------------------------------------------
  function route() {
    const [view, argument] = (location.hash.slice(1) || 'market').split('/');
    const name = ['market', 'symbol', 'health'].includes(view) ? view : 'market';
    document.querySelectorAll('.view').forEach((v) => v.classList.toggle('active', v.id === 'view-' + name));
    document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === name));
    if (name === 'market') drawMarket();
    if (name === 'symbol') drawSymbol(argument ? decodeURIComponent(argument) : currentSymbol);
    document.body.dataset.view = name;
  }

  $('#generated').textContent = `built ${data.generated_at} from ${data.warehouse}`;
  setupSearch();
  drawHealth();
  window.addEventListener('hashchange', route);
  route();
  // Milliseconds from navigation to the first view painted (file read, parse, data, charts, first frame): measured in
  // a task queued from the next animation frame, which runs once that frame has been painted.
  requestAnimationFrame(() => setTimeout(() => {
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.ready = 'true';
  }, 0));
})();
