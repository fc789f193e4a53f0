import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDay, formatMoney, minorDigits } from '../lib/format';

/**
 * The month's spending per day in one currency as bars (uPlot, canvas). The canvas is hidden from assistive
 * technology; the same numbers are in the table the page offers next to it.
 */
export function DailyChart({
  month,
  currency,
  points,
}: {
  month: string;
  currency: string;
  points: Array<{ date: string; minorUnits: number }>;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const [y, m] = month.split('-').map(Number);
    const days = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
    const xs = Array.from({ length: days }, (_, i) => Date.UTC(y ?? 1970, (m ?? 1) - 1, i + 1) / 1000);
    const scale = 10 ** minorDigits(currency);
    const ys = xs.map((_, i) => {
      const day = `${month}-${String(i + 1).padStart(2, '0')}`;
      return (points.find((p) => p.date === day)?.minorUnits ?? 0) / scale;
    });
    const accent = getComputedStyle(element).getPropertyValue('--accent').trim() || '#2f6f62';
    const ink = getComputedStyle(element).getPropertyValue('--ink-2').trim() || '#555';
    const width = () => Math.max(280, element.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 220,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [
          {
            stroke: ink,
            grid: { show: false },
            values: (_u, ticks) => ticks.map((t) => String(new Date(t * 1000).getUTCDate())),
          },
          {
            stroke: ink,
            size: 64,
            values: (_u, ticks) =>
              ticks.map((t) =>
                formatMoney({ minorUnits: Math.round(t * scale), currency }).replace(/[.,]00(?=\D*$)/, ''),
              ),
          },
        ],
        series: [
          { value: (_u, v) => (v == null ? '' : formatDay(new Date(v * 1000).toISOString().slice(0, 10))) },
          {
            label: currency,
            stroke: accent,
            fill: `${accent}cc`,
            paths: uPlot.paths.bars?.({ size: [0.7, 24] }),
            points: { show: false },
          },
        ],
      },
      [xs, ys],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [month, currency, points]);
  return <div class="chart" ref={host} aria-hidden="true" />;
}
