import { useId } from "react";
import type { Cell } from "../../../../../shared/schemas/api";
import type { TrendSeries } from "../../../../../shared/schemas/trends";
import { HatchPattern } from "../rounds/swatch";
import { formatCell } from "../rounds/result-format";

/**
 * A line per column over the rounds, in SVG, no library. The table below it is the accessible
 * source (the caption links to it), so the drawing is hidden from screen readers. A suppressed
 * point breaks its line and is a hatched mark on the axis, never a point at zero.
 */
const W = 640;
const H = 260;
const PAD = { left: 56, right: 16, top: 12, bottom: 40 };
/** Line styles told apart by dash as well as colour. */
const STYLES = [
  { stroke: "#1c4f8c", dash: "" },
  { stroke: "#8a4b00", dash: "6 4" },
  { stroke: "#1e6b3a", dash: "2 3" },
  { stroke: "#5b3a8e", dash: "10 3 2 3" },
  { stroke: "#b3261e", dash: "1 5" },
];
export const lineStyle = (i: number) => STYLES[i % STYLES.length];

const valueOf = (c: Cell | undefined) => (c && !("suppressed" in c) && c.value !== null ? c.value : undefined);

function scaleOf(series: TrendSeries): [number, number] {
  if (series.unit === "share" || series.unit === "rate") return [0, 1];
  if (series.unit === "balance") return [-100, 100];
  if (series.unit === "mean") return [0, 5];
  const max = Math.max(1, ...series.columns.flatMap((c) => c.points.map(valueOf).filter((v): v is number => v !== undefined)));
  const p = 10 ** Math.floor(Math.log10(max));
  return [0, [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= max) ?? 10 * p];
}

export function LineChart({ series, labels, title, note, tableHref, locale }: { series: TrendSeries; labels: string[]; title: string; note: string; tableHref: { href: string; text: string }; locale: string }) {
  const uid = useId().replace(/[^\w-]/g, "");
  const [min, max] = scaleOf(series);
  const n = labels.length;
  const x = (i: number) => PAD.left + (n <= 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => PAD.top + (1 - (Math.max(min, Math.min(max, v)) - min) / (max - min)) * (H - PAD.top - PAD.bottom);
  const ticks = [min, (min + max) / 2, max];
  return (
    <figure className="chart trend-chart" aria-labelledby={`${uid}-cap`}>
      <figcaption id={`${uid}-cap`}>
        <span className="chart-title">{title}</span>{" "}
        <span className="chart-note">
          {note} <a href={tableHref.href}>{tableHref.text}</a>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" aria-hidden="true" focusable="false" className="trend-svg">
        <HatchPattern id={`${uid}-hatch`} />
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="trend-grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="trend-tick">
              {formatCell(v, series.unit, locale)}
            </text>
          </g>
        ))}
        {labels.map((l, i) => (
          // The outer labels run inwards from their point, so that none is cut at the edge.
          <text key={i} x={x(i)} y={H - PAD.bottom + 18} textAnchor={n > 1 && i === 0 ? "start" : n > 1 && i === n - 1 ? "end" : "middle"} className="trend-tick">
            {l.length > 24 ? `${l.slice(0, 23)}…` : l}
          </text>
        ))}
        {series.columns.map((c, ci) => {
          const style = lineStyle(ci);
          // Runs of consecutive published points: a suppressed or empty point breaks the line.
          const runs: [number, number][][] = [[]];
          c.points.forEach((p, i) => {
            const v = valueOf(p);
            if (v === undefined) runs.push([]);
            else runs[runs.length - 1].push([x(i), y(v)]);
          });
          return (
            <g key={c.key}>
              {runs
                .filter((r) => r.length > 0)
                .map((r, ri) => (
                  <g key={ri}>
                    {r.length > 1 ? <polyline points={r.map((p) => p.join(",")).join(" ")} fill="none" stroke={style.stroke} strokeWidth="2.5" strokeDasharray={style.dash} /> : null}
                    {r.map(([px, py], pi) => (
                      <circle key={pi} cx={px} cy={py} r="4" fill={style.stroke} />
                    ))}
                  </g>
                ))}
              {c.points.map((p, i) =>
                p && "suppressed" in p ? <rect key={i} x={x(i) - 6 + ci * 3} y={H - PAD.bottom - 14} width="12" height="12" fill={`url(#${uid}-hatch)`} stroke={style.stroke} /> : null,
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
