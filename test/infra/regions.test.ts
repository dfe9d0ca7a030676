import { describe, expect, it } from "vitest";
import { regionConfig, regionIds, regions } from "../../infra/config/regions";
import { stateMachineAsl, synthRegionTemplate, tableDefinition, functionEnvironment } from "../../infra/template/index";

describe("regions", () => {
  it("config covers the six regions with their county codes", () => {
    expect(Object.fromEntries(regionIds.map((id) => [id, regions[id].countyCodes]))).toEqual({
      ostergotland: ["05"], sormland: ["04"], orebro: ["18"], vastmanland: ["19"], uppsala: ["03"], halland: ["13"],
    });
    for (const id of regionIds) {
      const c = regionConfig(id);
      expect(c.awsRegion).toBe("eu-north-1");
      expect(c.disclosureK).toBe(5);
      expect(c.disclosureP).toBe(10);
    }
  });

  it("an unknown region id is an error that lists the known ids", () => {
    expect(() => regionConfig("gotland")).toThrow(/unknown region "gotland".*ostergotland, sormland, orebro, vastmanland, uppsala, halland/);
    expect(() => regionConfig(undefined)).toThrow(/no region given/);
    expect(() => synthRegionTemplate("gotland")).toThrow(/unknown region/);
  });

  it.each(regionIds)("synthRegionTemplate works for %s", (id) => {
    const t = synthRegionTemplate(id);
    expect(stateMachineAsl(t, "survey-round").definition.StartAt).toBe("Plan");
    expect(tableDefinition(t).BillingMode).toBe("PAY_PER_REQUEST");
    expect(functionEnvironment(t, "api/participant-api").REGION_ID).toBe(id);
    expect(t.Metadata?.Kompetensbehov).toEqual({ regionId: id, awsRegion: "eu-north-1" });
  });
});

describe("owners' hosted UI domain prefix", () => {
  it("is kompetensbehov-<id> unless configured, and must be a valid Cognito prefix", async () => {
    const { cognitoDomainPrefix } = await import("../../infra/config/regions");
    for (const id of regionIds) expect(cognitoDomainPrefix(regionConfig(id))).toBe(`kompetensbehov-${id}`);
    expect(cognitoDomainPrefix({ ...regions.halland, cognitoDomainPrefix: "kb-halland-2" })).toBe("kb-halland-2");
  });
});
