/**
 * New intelligence per day by marking (GET /api/v1/stats/activity), drawn by uPlot: one line per TLP
 * in its FIRST colour. Loaded lazily from the dashboard so the chart library stays off the sign-in.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ActivityDay {
  day: string;
  total: number;
  by_tlp: Record<string, number>;
}

const SERIES = [
  { tlp: 'clear', colour: '#ffffff' },
  { tlp: 'green', colour: '#33ff00' },
  { tlp: 'amber', colour: '#ffc000' },
  { tlp: 'amber+strict', colour: '#ff8c00' },
  { tlp: 'red', colour: '#ff2b2b' },
];

export default function ActivityChart({ days }: { days: readonly ActivityDay[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
    const data: uPlot.AlignedData = [xs, ...SERIES.map((s) => days.map((d) => d.by_tlp[s.tlp] ?? 0))];
    const width = Math.max(320, el.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 220,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { stroke: '#9aa7b4', grid: { stroke: '#2a3340' }, ticks: { stroke: '#2a3340' } },
          { stroke: '#9aa7b4', grid: { stroke: '#2a3340' }, ticks: { stroke: '#2a3340' } },
        ],
        series: [
          { label: 'Day (UTC)' },
          ...SERIES.map((s) => ({
            label: `TLP:${s.tlp.toUpperCase()}`,
            stroke: s.colour,
            width: 2,
            points: { show: days.length < 40 },
          })),
        ],
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(320, el.clientWidth), height: 220 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days]);
  const total = days.reduce((n, d) => n + d.total, 0);
  return (
    <div
      ref={box}
      className="activity-chart"
      role="img"
      data-testid="activity-chart"
      aria-label={`New or revised objects per day by marking over ${days.length} days: ${total} in all`}
    />
  );
}
