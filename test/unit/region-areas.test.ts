import { describe, expect, it } from "vitest";
import { areaValue, withRegionAreas } from "../../shared/instruments/region-areas";
import { skillsNeedsV1, skillsNeedsV2 } from "../../shared/instruments";
import { contributions } from "../../shared/indicators/contributions";
import { releaseFamilies } from "../../shared/indicators/release-families";
import { Instrument } from "../../shared/schemas/instrument";

const AREAS = [
  { sv: "Life science", en: "Life science" },
  { sv: "Batteriproduktion", en: "Battery production" },
];
const built = (base = skillsNeedsV2) => {
  const r = withRegionAreas(base, AREAS, 101);
  if ("issues" in r) throw new Error(JSON.stringify(r.issues));
  return r.instrument;
};

describe("a region's competence areas", () => {
  it("make their id from the English name, in camelCase ASCII", () => {
    expect(areaValue("Battery production")).toBe("batteryProduction");
    expect(areaValue("Life science")).toBe("lifeScience");
    expect(areaValue("  Fossil-free steel ")).toBe("fossilFreeSteel");
    expect(areaValue("Café och måltid")).toBe("cafeOchMaltid");
    expect(areaValue("–––")).toBe("");
    expect(areaValue("3D printing")).toBe("");
  });

  it("are added after the base's areas; the result is a valid instrument with the new version", () => {
    const i = built();
    expect(Instrument.safeParse(i).success).toBe(true);
    expect(i.version).toBe(101);
    const needs = i.blocks.flatMap((b) => b.questions).find((q) => q.id === "needs");
    expect(needs?.type === "needMatrix" && needs.areas.map((a) => a.value)).toEqual(["digitalisation", "greenTransition", "automation", "lifeScience", "batteryProduction"]);
  });

  it("leave every family of the base as it was and add one need family pair per area and horizon", () => {
    const shape = (fs: ReturnType<typeof releaseFamilies>) => new Map(fs.map((f) => [f.id, JSON.stringify([f.nKnown, f.nAssumedKnown, f.quantities, f.rows])]));
    const base = shape(releaseFamilies(skillsNeedsV1, ["7212"]));
    const region = shape(releaseFamilies(built(skillsNeedsV1), ["7212"]));
    for (const [id, s] of base) expect(region.get(id), id).toBe(s);
    const added = [...region.keys()].filter((id) => !base.has(id)).sort();
    expect(added).toEqual(
      ["lifeScience", "batteryProduction"].flatMap((a) => ["now", "y1to3", "y3to8"].flatMap((h) => [`need|needs|${a}|${h}`, `needm|needs|${a}|${h}`])).sort(),
    );
  });

  it("count answers for the new areas under their own keys", () => {
    const c = contributions(built(), { needs: { batteryProduction: { now: { level: "large", method: "recruit", people: 4 } } } });
    expect(c).toEqual({ "need|needs|batteryProduction|now|large": 1, "needm|needs|batteryProduction|now|recruit": 1, "needp|needs|batteryProduction|now": 4 });
  });

  it("refuse a name that makes no id and an area the matrix already has, at the English name", () => {
    const r = withRegionAreas(skillsNeedsV2, [{ sv: "x", en: "!!" }, { sv: "Automation", en: "Automation" }, AREAS[0]!, AREAS[0]!], 101);
    expect("issues" in r && r.issues).toEqual([
      { path: "areas.0.en", message: "error.area.name" },
      { path: "areas.1.en", message: "error.duplicate" },
      { path: "areas.3.en", message: "error.duplicate" },
    ]);
  });
});
