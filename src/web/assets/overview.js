// The overview page: the chart of pilots by state across periods, and the print button.
// The data comes from <script type="application/json" id="overview-data"> (no inline script
// under the CSP); the colours from the state badges of the page, so they match app.css.
'use strict';

(() => {
  /** The colours of the badge of a state as shown in the strip above the chart. */
  function stateColours(state) {
    const badge = document.querySelector(`.state-strip [data-state="${state}"] .badge`);
    if (!badge) return { fill: '#8e99ab', line: '#303a4d' };
    const style = window.getComputedStyle(badge);
    const border = style.borderTopColor;
    const transparent = border === 'transparent' || border === 'rgba(0, 0, 0, 0)';
    return { fill: style.backgroundColor, line: transparent ? style.color : border };
  }

  function drawChart() {
    const canvas = document.getElementById('state-chart');
    const source = document.getElementById('overview-data');
    if (!(canvas instanceof HTMLCanvasElement) || !source || typeof window.Chart !== 'function') {
      return;
    }
    const data = JSON.parse(source.textContent || '{}');
    const Chart = window.Chart;
    Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#303a4d';
    const datasets = data.datasets.map((d) => {
      const colours = stateColours(d.state);
      return {
        label: d.label,
        data: d.data,
        backgroundColor: colours.fill,
        borderColor: colours.line,
        borderWidth: 1,
        maxBarThickness: 72,
      };
    });
    const chart = new Chart(canvas, {
      type: 'bar',
      // "11/2026 (chưa báo cáo)" on two lines under its bar, so no label is skipped.
      data: {
        labels: data.labels.map((l) => (l.includes(' (') ? l.split(/ (?=\()/) : l)),
        datasets,
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            stacked: true,
            grid: { display: false },
            ticks: { maxRotation: 0, autoSkip: data.labels.length > 12 },
            title: { display: true, text: 'Kỳ báo cáo' },
          },
          y: {
            stacked: true,
            beginAtZero: true,
            ticks: { precision: 0 },
            title: { display: true, text: 'Số mô hình' },
          },
        },
        plugins: {
          legend: { position: 'right', maxWidth: 190, labels: { boxWidth: 14, boxHeight: 14 } },
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? `Tháng ${items[0].label.replace(',', ' ')}` : ''),
              footer: (items) => `Tổng: ${items.reduce((sum, i) => sum + Number(i.raw || 0), 0)}`,
            },
          },
        },
      },
    });
    // With animation off the chart is drawn within the constructor.
    canvas.setAttribute('data-rendered', 'true');
    // Paper is narrower than the screen and its chart box lower (overview.css, @media print):
    // redraw at the box's size once the page is laid out for print — the print media query
    // changes then, for the browser's Print and for a PDF made by the browser alike, whereas
    // beforeprint comes while the page is still laid out for the screen — then for the screen
    // again. The stylesheet also holds the canvas inside its box in print, whatever its bitmap.
    const printing = window.matchMedia('print');
    const fit = () => {
      // On paper the page's text is 8.5 pt printed at 80 % (overview.css): the chart's follows,
      // its legend's boxes with it (Chart.js draws at the zoomed size, then the box scales it).
      const size = printing.matches ? 7 : 12;
      const { scales, plugins } = chart.options;
      for (const axis of [scales.x, scales.y]) {
        axis.ticks.font = { size };
        axis.title.font = { size };
      }
      plugins.legend.labels.font = { size };
      plugins.legend.labels.boxWidth = plugins.legend.labels.boxHeight = size + 2;
      chart.resize();
      chart.update('none');
    };
    printing.addEventListener('change', fit);
    window.addEventListener('beforeprint', fit);
    window.addEventListener('afterprint', fit);
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const button of document.querySelectorAll('[data-print]')) {
      button.addEventListener('click', () => window.print());
    }
    // Draw once the page's font is there, so the labels are measured with it.
    const fonts = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
    fonts.then(drawChart, drawChart);
  });
})();
