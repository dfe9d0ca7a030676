import type { Cell, ResultTable } from "../../../../../shared/schemas/api";

/**
 * A bar chart as one standalone SVG document, for the "download SVG/PNG" buttons: the same bars
 * as the chart on the page, with its title, source, n and date written into the picture, so the
 * file says what it shows wherever it is handed on. Colours are attributes, not the page's CSS,
 * which a file does not carry. A suppressed value is a hatched bar across the whole track with
 * the word for "suppressed", never an empty bar that could read as zero.
 */
export type Bar = { key: string; label: string; cell: Cell | undefined; total?: boolean };
export type Scale = { min: number; max: number; diverging?: boolean; ticks: number[] };

export function scaleFor(unit: ResultTable["unit"], bars: Bar[]): Scale {
  if (unit === "share" || unit === "rate") return { min: 0, max: 1, ticks: [0, 0.5, 1] };
  if (unit === "balance") return { min: -100, max: 100, diverging: true, ticks: [-100, 0, 100] };
  if (unit === "mean") return { min: 0, max: 5, ticks: [0, 1, 2, 3, 4, 5] };
  const values = bars.map((b) => (!b.cell || "suppressed" in b.cell || b.cell.value === null ? 0 : b.cell.value));
  const top = niceMax(Math.max(1, ...values));
  return { min: 0, max: top, ticks: [0, top / 2, top] };
}

function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** Where a value lies on the scale, 0-100 (per cent of the track). */
export const positionOn = (scale: Scale) => (v: number) => ((Math.max(scale.min, Math.min(scale.max, v)) - scale.min) / (scale.max - scale.min)) * 100;

export type BarValue = { kind: "suppressed" } | { kind: "empty" } | { kind: "value"; value: number };
export function barValue(cell: Cell | undefined): BarValue {
  if (!cell || "suppressed" in cell) return { kind: "suppressed" };
  if (cell.value === null || Number.isNaN(cell.value)) return { kind: "empty" };
  return { kind: "value", value: cell.value };
}

export type ChartSvgInput = {
  title: string;
  /** Lines under the title: the source, n and date, a note. */
  lines: string[];
  bars: Bar[];
  scale: Scale;
  format: (v: number) => string;
  tick: (v: number) => string;
  words: { suppressed: string; empty: string; legend: string };
};

const WIDTH = 760;
const PAD = 16;
const LABEL_W = 250;
const VALUE_W = 84;
const TRACK_X = PAD + LABEL_W + 12;
const TRACK_W = WIDTH - TRACK_X - VALUE_W - PAD;
const ROW_H = 26;
const COLOURS = { text: "#1b1e23", muted: "#4a5260", track: "#f4f6f8", fill: "#1c4f8c", negative: "#a3471d", hatch: "#5c6573", rule: "#5c6573" };
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

/** Breaks text into lines of at most `max` characters at spaces (a long word stays whole). */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const shorten = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function barChartSvg(input: ChartSvgInput): { svg: string; width: number; height: number } {
  const parts: string[] = [];
  let y = PAD;
  const text = (x: number, ty: number, s: string, attrs = "") => `<text x="${x}" y="${ty}" ${attrs}>${escapeXml(s)}</text>`;
  for (const line of wrapText(input.title, 80)) {
    y += 20;
    parts.push(text(PAD, y, line, `font-size="16" font-weight="700" fill="${COLOURS.text}"`));
  }
  for (const l of input.lines.flatMap((line) => wrapText(line, 110))) {
    y += 17;
    parts.push(text(PAD, y, l, `font-size="12" fill="${COLOURS.muted}"`));
  }
  y += 14;
  const pos = positionOn(input.scale);
  const x = (v: number) => TRACK_X + (pos(v) / 100) * TRACK_W;
  const zero = x(0);
  const barsTop = y;
  for (const bar of input.bars) {
    if (bar.total) {
      parts.push(`<line x1="${PAD}" x2="${WIDTH - PAD}" y1="${y + 1}" y2="${y + 1}" stroke="${COLOURS.rule}" stroke-width="1"/>`);
      y += 4;
    }
    const weight = bar.total ? ` font-weight="700"` : "";
    const mid = y + ROW_H / 2 + 4;
    parts.push(`<g><title>${escapeXml(bar.label)}</title>${text(PAD, mid, shorten(bar.label, 40), `font-size="12" fill="${COLOURS.text}"${weight}`)}</g>`);
    parts.push(`<rect x="${TRACK_X}" y="${y + 4}" width="${TRACK_W}" height="${ROW_H - 8}" fill="${COLOURS.track}"/>`);
    const v = barValue(bar.cell);
    let shown: string;
    if (v.kind === "suppressed") {
      parts.push(`<rect x="${TRACK_X + 0.5}" y="${y + 4.5}" width="${TRACK_W - 1}" height="${ROW_H - 9}" fill="url(#hatch)" stroke="${COLOURS.hatch}" stroke-width="1"/>`);
      shown = input.words.suppressed;
    } else if (v.kind === "empty") shown = input.words.empty;
    else {
      const from = Math.min(zero, x(v.value));
      const width = Math.max(Math.abs(x(v.value) - zero), v.value === 0 ? 0 : 1.5);
      parts.push(`<rect x="${from.toFixed(1)}" y="${y + 4}" width="${width.toFixed(1)}" height="${ROW_H - 8}" fill="${v.value < 0 ? COLOURS.negative : COLOURS.fill}"/>`);
      shown = input.format(v.value);
    }
    const style = v.kind === "value" ? `fill="${COLOURS.text}"${weight}` : `fill="${COLOURS.muted}" font-style="italic"`;
    parts.push(text(WIDTH - PAD, mid, shown, `font-size="12" text-anchor="end" ${style}`));
    y += ROW_H;
  }
  if (input.scale.diverging) parts.push(`<line x1="${zero}" x2="${zero}" y1="${barsTop}" y2="${y}" stroke="${COLOURS.text}" stroke-width="2"/>`);
  parts.push(`<line x1="${TRACK_X}" x2="${TRACK_X + TRACK_W}" y1="${y + 2}" y2="${y + 2}" stroke="${COLOURS.rule}" stroke-width="1"/>`);
  y += 16;
  input.scale.ticks.forEach((t, i) => {
    const anchor = i === 0 ? "start" : i === input.scale.ticks.length - 1 ? "end" : "middle";
    parts.push(text(x(t), y, input.tick(t), `font-size="11" text-anchor="${anchor}" fill="${COLOURS.muted}"`));
  });
  y += 24;
  parts.push(`<rect x="${PAD}" y="${y - 11}" width="24" height="13" fill="url(#hatch)" stroke="${COLOURS.hatch}" stroke-width="1"/>`);
  parts.push(text(PAD + 32, y, input.words.legend, `font-size="11" fill="${COLOURS.muted}"`));
  const height = y + PAD;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" role="img">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${COLOURS.hatch}" stroke-width="2"/></pattern></defs>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    "</svg>",
  ].join("\n");
  return { svg, width: WIDTH, height };
}
