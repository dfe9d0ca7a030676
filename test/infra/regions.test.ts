import { ostergotlandTemplate } from "./helpers";
import { DEFAULT_RETENTION } from "../../shared/retention";
import { describe, expect, it } from "vitest";
import { RegionConfigError, apiDomainName, regionConfig, retentionOfRegion, regionIds, regions, validateRegionConfig } from "../../infra/config/regions";
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

describe("region config validation", () => {
  const good = () => ({ ...regions.halland }) as Record<string, unknown>;

  it("accepts every configured region", () => {
    for (const id of regionIds) expect(() => validateRegionConfig(regions[id], id)).not.toThrow();
  });

  it("names the region and the bad field", () => {
    expect(() => validateRegionConfig({ ...good(), alarmEmail: "drift" }, "halland")).toThrow(
      new RegionConfigError("halland", ["alarmEmail: must be an e-mail address"]),
    );
  });

  it("lists every bad field at once, nested ones by their path", () => {
    const bad = { ...good(), countyCodes: ["13", "5"], disclosureP: 75, customDomain: { domainName: "halland.kompetensbehov.se", certificateArn: "arn:aws:acm:eu-north-1:111111111111:certificate/x" } };
    expect(() => validateRegionConfig(bad, "halland")).toThrow(
      /region config "halland".*countyCodes\.1: must be a 2-digit county code; disclosureP: must be a whole percentage from 1 to 50; customDomain\.certificateArn: must be an ACM certificate ARN in us-east-1/,
    );
  });

  it("takes the region's SES rate, and refuses one that is not a whole number from 1 to 1000", () => {
    expect(validateRegionConfig({ ...good(), mailSendRatePerSecond: 50 }, "halland").mailSendRatePerSecond).toBe(50);
    for (const rate of [0, 2.5, 5000])
      expect(() => validateRegionConfig({ ...good(), mailSendRatePerSecond: rate }, "halland")).toThrow(/mailSendRatePerSecond: must be a whole number of mails a second from 1 to 1000/);
  });

  it("sets the region's SES rate on the tasks that mail, and gives them twice their sending time", () => {
    const t = ostergotlandTemplate();
    const mailing = Object.values(t.Resources).filter((r: any) => r.Type === "AWS::Lambda::Function" && r.Properties.Environment?.Variables?.MAIL_SEND_RATE);
    const handlers = mailing.map((r: any) => r.Metadata?.["kompetensbehov:handler"]).sort();
    expect(handlers).toEqual(expect.arrayContaining(["workflow/invite", "workflow/remind", "workflow/cycle-open-stage", "workflow/cycle-remind"]));
    for (const r of mailing as any[]) {
      expect(r.Properties.Environment.Variables.MAIL_SEND_RATE).toBe("14");
      if (["workflow/invite", "workflow/remind"].includes(r.Metadata?.["kompetensbehov:handler"])) expect(r.Properties.Timeout).toBe(2 * Number(r.Properties.Environment.Variables.MAIL_TASK_SECONDS));
    }
  });

  it("refuses a misspelt field instead of ignoring it", () => {
    expect(() => validateRegionConfig({ ...good(), alarmMail: "drift@kompetensbehov.se" }, "halland")).toThrow(/region config "halland".*\(entry\): unknown field alarmMail/);
  });

  it("takes the retention periods it is given over the defaults, and refuses one out of range or misspelt", () => {
    expect(retentionOfRegion(validateRegionConfig({ ...good(), retention: { rawAnswersDays: 365 } }, "halland"))).toEqual({ ...DEFAULT_RETENTION, rawAnswersDays: 365 });
    expect(() => validateRegionConfig({ ...good(), retention: { rawAnswersDays: 5 } }, "halland")).toThrow(/retention.rawAnswersDays: must be a whole number of days from 30 to 3650/);
    expect(() => validateRegionConfig({ ...good(), retention: { draftDays: 5 } }, "halland")).toThrow(/unknown field draftDays/);
  });

  it("refuses an id that is not its key and a reserved hosted UI prefix", () => {
    expect(() => validateRegionConfig(good(), "gotland")).toThrow(/region config "gotland".*id: must equal its key "gotland"/);
    expect(() => validateRegionConfig({ ...good(), cognitoDomainPrefix: "aws-halland" }, "halland")).toThrow(/cognitoDomainPrefix: "aws-halland"/);
  });

  it("names the API's own domain api.<site domain>, else api.<mail domain>, and refuses one that is no DNS name", () => {
    const site = { domainName: "halland.kompetensbehov.se", certificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/x" };
    expect(apiDomainName(validateRegionConfig({ ...good(), customDomain: site }, "halland"))).toBe("api.halland.kompetensbehov.se");
    expect(apiDomainName(validateRegionConfig({ ...good(), mailFrom: "enkat@region.example.se" }, "halland"))).toBe("api.region.example.se");
    expect(apiDomainName(validateRegionConfig({ ...good(), apiDomainName: "formular.region.example.se" }, "halland"))).toBe("formular.region.example.se");
    expect(() => validateRegionConfig({ ...good(), apiDomainName: "API.Example" }, "halland")).toThrow(/apiDomainName: must be a lower-case DNS name/);
    expect(() => validateRegionConfig({ ...good(), mailFrom: "enkat@Region.Example.se" }, "halland")).toThrow(/apiDomainName: "api.Region.Example.se" \(derived from mailFrom\)/);
  });

  it("refuses a region without a first owner", () => {
    expect(() => validateRegionConfig({ ...good(), regionAdminEmails: [] }, "halland")).toThrow(/regionAdminEmails: must list the first region admin/);
  });
});
