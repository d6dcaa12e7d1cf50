// twgate status page. Served from the jar with the page; the CSP allows this origin only.
// Draws the last hour with uPlot from status.json, and every few seconds swaps the page's
// server-rendered sections (data-live) for fresh ones: the tables are built and escaped by the
// server alone, so this script never turns text into markup.
'use strict';
(function () {
  const body = document.body;
  const refreshMs = (Number(body.dataset.refresh) || 5) * 1000;
  const charts = {};
  const colours = ['#1f77b4', '#2ca02c', '#ff7f0e', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];
  body.classList.add('js');

  // Points only where a line may not show (a queue known for one minute is one point).
  function series(names, points) {
    return [{}].concat(names.map((name, i) => ({ label: name, stroke: colours[i % colours.length], width: 2,
      points: { show: points } })));
  }

  function draw(id, names, columns, xs, showPoints) {
    const el = document.getElementById(id);
    if (!el) {
      return;
    }
    const data = [xs].concat(columns);
    let chart = charts[id];
    if (chart && chart.series.length !== names.length + 1) {
      chart.destroy();
      chart = null;
    }
    if (!chart) {
      chart = new uPlot({
        title: el.dataset.title, width: Math.min(560, Math.max(320, window.innerWidth - 60)), height: 220,
        series: series(names, Boolean(showPoints)), scales: { x: { time: true } }, axes: [{}, { size: 50 }]
      }, data, el);
      charts[id] = chart;
    } else {
      chart.setData(data);
    }
    // What a reader (or a test) can check without the canvas: how many points, what they add up to.
    let total = 0;
    let points = 0;
    columns.forEach(c => c.forEach(v => { if (v !== null) { points++; total += v; } }));
    el.dataset.points = String(points);
    el.dataset.total = String(total);
  }

  function drawAll(s) {
    const h = s.hour;
    draw('chart-messages', ['accepted', 'delivered', 'deferred', 'failed', 'refused'],
      [h.accepted, h.delivered, h.deferred, h.failed, h.refused], h.minute);
    const dsnNames = Object.keys(h.dsn);
    draw('chart-dsns', dsnNames.length ? dsnNames : ['none'],
      dsnNames.length ? dsnNames.map(n => h.dsn[n]) : [h.minute.map(() => 0)], h.minute);
    draw('chart-queue', ['messages queued'], [h.queue], h.minute, true);
    body.dataset.charts = 'drawn';
    body.dataset.generated = s.generated;
  }

  function swapSections(html) {
    const fresh = new DOMParser().parseFromString(html, 'text/html');
    document.querySelectorAll('[data-live]').forEach(el => {
      const next = fresh.getElementById(el.id);
      if (next) {
        if (el.open) {
          next.open = true;
        }
        el.replaceWith(document.adoptNode(next));
      }
    });
  }

  function stale(why) {
    const el = document.getElementById('stale');
    if (el) {
      el.textContent = why;
    }
  }

  async function refresh(withPage) {
    try {
      const json = await fetch('status.json', { cache: 'no-store' });
      if (!json.ok) {
        throw new Error('status.json answered ' + json.status);
      }
      const s = await json.json();
      if (withPage) {
        const page = await fetch(window.location.pathname, { cache: 'no-store' });
        if (!page.ok) {
          throw new Error('the page answered ' + page.status);
        }
        swapSections(await page.text());
      }
      drawAll(s);
    } catch (e) {
      stale('not refreshed since the last success: ' + e.message);
    }
    window.setTimeout(() => refresh(true), refreshMs);
  }

  refresh(false);
})();
