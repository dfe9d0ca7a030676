import { describe, expect, it } from "vitest";
import { barChartSvg, scaleFor, wrapText, type Bar } from "../../web/src/pages/owner/charts/chart-svg";

const WORDS = { suppressed: "skyddat", empty: "..", legend: "Streckad stapel: skyddat värde." };
const chart = (bars: Bar[], title = "Andel med stort behov") =>
  barChartSvg({ title, lines: ["Källa: Kompetensbehov, omgång Vår, publicering 2", "n = 20 svarande."], bars, scale: scaleFor("share", bars), format: (v) => `${v * 100} %`, tick: (v) => `${v * 100} %`, words: WORDS });

/** The rect elements of the bar rows (after the header), as attribute maps. */
const rects = (svg: string) => [...svg.matchAll(/<rect ([^>]*)\/>/g)].map(([, attrs]) => Object.fromEntries([...attrs.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v])));

describe("the chart as an SVG document", () => {
  it("writes the title, the source line and n into the picture", () => {
    const { svg } = chart([{ key: "a", label: "Linköping", cell: { value: 0.5, n: 9 } }]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("<title>Andel med stort behov</title>");
    expect(svg).toContain(">Källa: Kompetensbehov, omgång Vår, publicering 2</text>");
    expect(svg).toContain(">n = 20 svarande.</text>");
  });

  it("draws a suppressed value as a hatched bar across the whole track with its word, and no filled bar", () => {
    const { svg } = chart([{ key: "a", label: "Motala", cell: { suppressed: true } }]);
    const hatched = rects(svg).filter((r) => r.fill === "url(#hatch)");
    // The legend's swatch and the bar.
    expect(hatched).toHaveLength(2);
    expect(Number(hatched[0].width)).toBeGreaterThan(300);
    expect(rects(svg).filter((r) => r.fill === "#1c4f8c")).toEqual([]);
    expect(svg).toContain(">skyddat</text>");
  });

  it("draws nothing to compute as '..', not as a bar of zero", () => {
    const { svg } = chart([{ key: "a", label: "Motala", cell: { value: null, n: 4 } }]);
    expect(rects(svg).filter((r) => r.fill === "#1c4f8c")).toEqual([]);
    expect(svg).toContain(">..</text>");
  });

  it("escapes what it is given, so a label cannot add markup", () => {
    const { svg } = chart([{ key: "a", label: `<script>alert("x")</script> & Co`, cell: { value: 0.2, n: 5 } }], "A & B <i>");
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<i>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
  });

  it("grows with its rows", () => {
    const one = chart([{ key: "a", label: "A", cell: { value: 0.2, n: 5 } }]);
    const three = chart(["a", "b", "c"].map((k) => ({ key: k, label: k, cell: { value: 0.2, n: 5 } })));
    expect(three.height).toBeGreaterThan(one.height);
    expect(three.svg).toContain(`height="${three.height}"`);
  });
});

describe("wrapping a title", () => {
  it("breaks at spaces within the width and keeps a long word whole", () => {
    expect(wrapText("ett två tre fyra", 8)).toEqual(["ett två", "tre fyra"]);
    expect(wrapText("Kompetensförsörjningsplanering nu", 10)).toEqual(["Kompetensförsörjningsplanering", "nu"]);
  });
});
