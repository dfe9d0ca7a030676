import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { actionsOf, ostergotlandTemplate, resourcesOfType, roleStatements } from "./helpers";
import { functionHandlers, type CfnTemplate } from "../../infra/template/index";
import { regionConfig } from "../../infra/config/regions";
import { RegionStack } from "../../infra/stacks/region-stack";
import { SiteNotBuiltError } from "../../infra/constructs/site";
import { STATEFUL_TYPES } from "../../infra/constructs/stateful";

let t: CfnTemplate;
beforeAll(() => {
  t = ostergotlandTemplate();
});

const allowed = (handler: string) => roleStatements(t, handler).filter((s) => s.Effect === "Allow");
const tableActions = (handler: string) => actionsOf(allowed(handler)).filter((a) => a.startsWith("dynamodb:") && !a.includes("Stream") && a !== "dynamodb:ListStreams");

describe("table access per function", () => {
  /** The functions that delete (drafts; a person's erasure); no other function may delete. */
  const DELETERS = ["api/owner-api", "streams/count-responses"];

  it("no function may Scan, BatchGet or use a wildcard on the table, and only the owner API may BatchWriteItem (the CSV import)", () => {
    for (const handler of Object.values(functionHandlers(t))) {
      expect(tableActions(handler).filter((a) => /Scan|BatchGet|\*/.test(a)), handler).toEqual([]);
      if (handler !== "api/owner-api") expect(tableActions(handler).filter((a) => /BatchWrite/.test(a)), handler).toEqual([]);
    }
    expect(tableActions("api/owner-api")).toContain("dynamodb:BatchWriteItem");
  });

  it("only the owner API and the stream consumer may DeleteItem", () => {
    const deleting = Object.values(functionHandlers(t)).filter((h) => tableActions(h).includes("dynamodb:DeleteItem"));
    expect(deleting.sort()).toEqual(DELETERS);
  });

  it("the public participant API gets the item reads and writes of its stores and nothing else", () => {
    expect(new Set(tableActions("api/participant-api"))).toEqual(
      new Set(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]),
    );
  });
});

describe("the audit log", () => {
  const denial = (handler: string) => roleStatements(t, handler).find((s) => s.Effect === "Deny" && s.Sid === "AuditLogIsAppendOnly");

  it("no function may update or delete an entry: every role that reaches the table carries an explicit Deny on the audit partitions", () => {
    const reaching = Object.values(functionHandlers(t)).filter((h) => tableActions(h).length > 0);
    expect(reaching.length).toBeGreaterThan(10);
    for (const handler of reaching) {
      const deny = denial(handler);
      expect(deny, handler).toBeDefined();
      expect(deny.Condition).toEqual({ "ForAnyValue:StringLike": { "dynamodb:LeadingKeys": ["AUDIT#*"] } });
      expect(actionsOf([deny]), handler).toEqual(expect.arrayContaining(["dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"]));
    }
  });

  it("only the two owner-facing APIs, whose handler records owner actions, may add an entry", () => {
    const adding = Object.values(functionHandlers(t)).filter((h) => tableActions(h).includes("dynamodb:PutItem") && !actionsOf([denial(h)]).includes("dynamodb:PutItem"));
    expect(adding.sort()).toEqual(["api/owner-api", "api/programme-api"]);
  });
});

describe("stateful resources", () => {
  // Renaming any of these makes CloudFormation create a new one (and retain, not move, the data):
  // an empty table, a pool without the owners, machines without their running executions.
  const PINNED = {
    DataTableFDBAD0F2: "AWS::DynamoDB::Table",
    OwnerAuthUserPoolEBE5585F: "AWS::Cognito::UserPool",
    SurveyRoundMachineStateMachineECD4A1F6: "AWS::StepFunctions::StateMachine",
    LearningCycleMachineStateMachine7BDA40EF: "AWS::StepFunctions::StateMachine",
    SiteBucket978D4AEB: "AWS::S3::Bucket",
    SiteLogBucket150DDC0F: "AWS::S3::Bucket",
    // A new export signing key would leave the consortium unable to check the region's earlier exports.
    ExportBucket4E99310E: "AWS::S3::Bucket",
    ExportSigningKeyF54C9751: "AWS::KMS::Key",
    // Its files live a day, but a renamed bucket is retained, not removed: one more bucket each time.
    ResponseExportBucket77F6172C: "AWS::S3::Bucket",
    // A renamed stream mapping would replay the table's stream from its trim horizon.
    ResponseCounterFunctionDynamoDBEventSourceKompetensbehovostergotlandDataTable8D422E5E75446DC3: "AWS::Lambda::EventSourceMapping",
    ExecutionStatusFunctionSqsEventSourceKompetensbehovostergotlandWorkflowFailuresStatusEvents30EE764A95A9BFFF: "AWS::Lambda::EventSourceMapping",
    MailFeedbackFunctionSqsEventSourceKompetensbehovostergotlandMailFeedbackFeedbackEvents7E74DEC4EAA2A93B: "AWS::Lambda::EventSourceMapping",
  };

  it("keep their logical ids", () => {
    const stateful = Object.fromEntries(
      Object.entries(t.Resources)
        .filter(([, r]) => (STATEFUL_TYPES as readonly string[]).includes(r.Type) || r.Type === "AWS::Lambda::EventSourceMapping")
        .map(([id, r]) => [id, r.Type]),
    );
    expect(stateful).toEqual(PINNED);
  });

  it("are retained on delete and on replacement", () => {
    for (const type of STATEFUL_TYPES) {
      for (const [id, r] of resourcesOfType(t, type)) {
        expect([id, r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual([id, "Retain", "Retain"]);
      }
    }
  });
});

describe("the built site", () => {
  const stack = (opts: { webDistPath?: string }) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "kb-cdk-")), context: { "aws:cdk:bundling-stacks": [] } });
    const config = regionConfig("ostergotland");
    return () => new RegionStack(app, "Site", { config, env: { region: config.awsRegion }, ...opts });
  };

  it("missing at synth fails the stack instead of leaving the site out", () => {
    const missing = path.join(os.tmpdir(), "kb-no-such-dist");
    expect(stack({ webDistPath: missing })).toThrow(SiteNotBuiltError);
    expect(stack({ webDistPath: missing })).toThrow(/kb-no-such-dist\/index\.html is missing; run `npm run build`/);
  });

  it("built, is deployed", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "kb-dist-"));
    fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html>");
    expect(stack({ webDistPath: dist })).not.toThrow();
  });
});
