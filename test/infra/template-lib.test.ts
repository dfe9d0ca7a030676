import { beforeAll, describe, expect, it } from "vitest";
import { OWNER_ROUTE_KEYS } from "../../functions/api/owner-api";
import { PARTICIPANT_ROUTE_KEYS } from "../../functions/api/participant-api";
import { PROGRAMME_ROUTE_KEYS } from "../../functions/api/programme-api";
import { API_ROUTES } from "../../functions/api/routes";
import { functionEnvironment, httpRoutes, stateMachineAsl, tableDefinition, type CfnTemplate } from "../../infra/template/index";
import { ostergotlandTemplate, resourcesOfType } from "./helpers";

let t: CfnTemplate;
beforeAll(() => {
  t = ostergotlandTemplate();
});

const OWNER = "api/owner-api";
const PARTICIPANT = "api/participant-api";
const PROGRAMME = "api/programme-api";
/** Every route a handler serves is deployed, and nothing else: the handlers' own route tables are the list. */
const EXPECTED_ROUTES = [
  ...OWNER_ROUTE_KEYS.map((k) => [k, OWNER, "jwt"] as const),
  ...PARTICIPANT_ROUTE_KEYS.map((k) => [k, PARTICIPANT, API_ROUTES[k].auth] as const),
  ...PROGRAMME_ROUTE_KEYS.map((k) => [k, PROGRAMME, "jwt"] as const),
].map(([routeKey, handler, auth]) => {
  const [method, path] = routeKey.split(" ");
  return { method, path, handler, auth };
});

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe("httpRoutes", () => {
  it("returns exactly the documented routes with their handlers and auth, and no /api/dev route", () => {
    const routes = httpRoutes(t);
    expect([...routes].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...EXPECTED_ROUTES].sort((a, b) => key(a).localeCompare(key(b))),
    );
    expect(routes.some((r) => r.path.startsWith("/api/dev"))).toBe(false);
  });

  it("owner routes use the Cognito JWT authorizer, the public routes of functions/api/routes.ts none", () => {
    const [authId, authorizer] = resourcesOfType(t, "AWS::ApiGatewayV2::Authorizer")[0];
    expect(authorizer.Properties.AuthorizerType).toBe("JWT");
    expect(authorizer.Properties.JwtConfiguration.Issuer).toEqual({ "Fn::GetAtt": [expect.stringMatching(/^OwnerAuthUserPool/), "ProviderURL"] });
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: expect.stringMatching(/^OwnerAuthUserPoolSiteClient/) }]);
    for (const [, r] of resourcesOfType(t, "AWS::ApiGatewayV2::Route")) {
      if (API_ROUTES[r.Properties.RouteKey as keyof typeof API_ROUTES].auth === "none") {
        expect(r.Properties.AuthorizationType).toBe("NONE");
        expect(r.Properties.AuthorizerId).toBeUndefined();
      } else {
        expect(r.Properties.AuthorizationType).toBe("JWT");
        expect(r.Properties.AuthorizerId).toEqual({ Ref: authId });
      }
    }
  });
});

describe("stateMachineAsl", () => {
  it("resolves the definition to plain ASL with local Lambda ARNs", () => {
    const { definition } = stateMachineAsl(t, "survey-round");
    const text = JSON.stringify(definition);
    expect(text).not.toMatch(/Fn::|"Ref"/);
    expect(definition.StartAt).toBe("Plan");
    for (const s of Object.values(definition.States).filter((s: any) => s.Type === "Task")) {
      expect((s as any).Resource).toMatch(/^arn:aws:lambda:eu-north-1:000000000000:function:[A-Za-z0-9]+$/);
    }
  });

  it("finds the machine by name, short name or logical id prefix", () => {
    const a = stateMachineAsl(t, "kompetensbehov-ostergotland-survey-round");
    expect(stateMachineAsl(t, "SurveyRound").logicalId).toBe(a.logicalId);
    expect(a.arn).toBe("arn:aws:states:eu-north-1:000000000000:stateMachine:kompetensbehov-ostergotland-survey-round");
    expect(() => stateMachineAsl(t, "nope")).toThrow(/matches 0 state machines/);
  });

  it("has exactly the documented states, JSONPath, and Retry with backoff and Catch on every task", () => {
    const { definition } = stateMachineAsl(t, "survey-round");
    expect(Object.keys(definition.States).sort()).toEqual(
      ["Plan", "Route", "Invite", "Remind", "WaitUntilNext", "Close", "Aggregate", "Notify", "Done", "UnknownPlan", "MarkFailed", "Failed"].sort(),
    );
    expect(definition.QueryLanguage ?? "JSONPath").toBe("JSONPath");
    const tasks = Object.entries(definition.States).filter(([, s]) => s.Type === "Task");
    expect(tasks).toHaveLength(7);
    for (const [name, s] of tasks) {
      const claimPending = { ErrorEquals: ["MailClaimPending"], IntervalSeconds: 60, BackoffRate: 2, MaxAttempts: 5 };
      expect(s.Retry, name).toEqual([
        ...(name === "Invite" || name === "Remind" ? [claimPending] : []),
        { ErrorEquals: ["States.ALL"], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 },
      ]);
      expect(s.Catch, name).toHaveLength(1);
      expect(s.Catch[0].ErrorEquals).toEqual(["States.ALL"]);
      expect(s.Catch[0].Next).toBe(name === "MarkFailed" ? "Failed" : "MarkFailed");
      if (name !== "MarkFailed") expect(s.Catch[0].ResultPath).toBe("$.error");
    }
  });

  it("wires the states as documented", () => {
    const S = stateMachineAsl(t, "survey-round").definition.States;
    expect(S.Plan).toMatchObject({ Parameters: { "roundId.$": "$.roundId" }, ResultPath: "$.plan", Next: "Route" });
    expect(S.Route.Choices.map((c: any) => [c.Variable, c.StringEquals, c.Next])).toEqual([
      ["$.plan.next", "invite", "Invite"],
      ["$.plan.next", "remind", "Remind"],
      ["$.plan.next", "wait", "WaitUntilNext"],
      ["$.plan.next", "close", "Close"],
    ]);
    expect(S.Invite).toMatchObject({ ResultPath: null, Next: "Plan" });
    expect(S.Remind).toMatchObject({ Parameters: { "roundId.$": "$.roundId", "reminderAt.$": "$.plan.reminderAt" }, ResultPath: null, Next: "Plan" });
    expect(S.WaitUntilNext).toEqual({ Type: "Wait", TimestampPath: "$.plan.at", Next: "Plan" });
    expect(S.Close.Next).toBe("Aggregate");
    expect(S.Aggregate.Next).toBe("Notify");
    expect(S.Notify.Next).toBe("Done");
    expect(S.Done.Type).toBe("Succeed");
    expect(S.MarkFailed).toMatchObject({ Parameters: { "roundId.$": "$.roundId", "error.$": "$.error" }, Next: "Failed" });
    expect(S.Failed.Type).toBe("Fail");
  });

  it("maps every task state to its handler module", () => {
    expect(stateMachineAsl(t, "survey-round").taskHandlers).toEqual({
      Plan: "workflow/plan",
      Invite: "workflow/invite",
      Remind: "workflow/remind",
      Close: "workflow/close",
      Aggregate: "workflow/aggregate",
      Notify: "workflow/notify",
      MarkFailed: "workflow/mark-failed",
    });
  });

  it("is a Standard machine with logging of all events and tracing", () => {
    const machines = resourcesOfType(t, "AWS::StepFunctions::StateMachine");
    expect(machines.map(([, sm]) => sm.Properties.StateMachineName).sort()).toEqual([
      "kompetensbehov-ostergotland-learning-cycle",
      "kompetensbehov-ostergotland-survey-round",
    ]);
    for (const [, sm] of machines) {
      expect(sm.Properties.StateMachineType).toBe("STANDARD");
      expect(sm.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(sm.Properties.LoggingConfiguration.Level).toBe("ALL");
    }
  });
});

describe("learning-cycle state machine", () => {
  it("has exactly the documented states, JSONPath, and Retry with backoff and Catch on every task", () => {
    const { definition } = stateMachineAsl(t, "learning-cycle");
    expect(Object.keys(definition.States).sort()).toEqual(
      ["Plan", "Route", "NotifyCohort", "AwaitRecord", "RemindFacilitator", "RecordOverdue", "OpenStage", "RemindParticipants", "WaitUntilNext", "CloseStage", "CompleteCycle", "Done", "UnknownPlan", "MarkFailed", "Failed"].sort(),
    );
    expect(definition.QueryLanguage ?? "JSONPath").toBe("JSONPath");
    const tasks = Object.entries(definition.States).filter(([, s]) => s.Type === "Task");
    expect(tasks).toHaveLength(9);
    for (const [name, s] of tasks) {
      expect(s.Retry.at(-1), name).toEqual({ ErrorEquals: ["States.ALL"], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 });
      expect(s.Catch.at(-1).ErrorEquals, name).toEqual(["States.ALL"]);
      expect(s.Catch.at(-1).Next, name).toBe(name === "MarkFailed" ? "Failed" : "MarkFailed");
    }
  });

  it("waits for the facilitator's record with a task token and a timeout from the plan; a timeout reminds, a late record plans again", () => {
    const S = stateMachineAsl(t, "learning-cycle").definition.States;
    expect(S.AwaitRecord).toMatchObject({
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      TimeoutSecondsPath: "$.plan.timeoutSeconds",
      Parameters: { Payload: { "programmeId.$": "$.programmeId", "cycle.$": "$.cycle", "stage.$": "$.plan.stage", "token.$": "$$.Task.Token" } },
      ResultPath: null,
      Next: "Plan",
    });
    expect(S.AwaitRecord.Retry[0]).toEqual({ ErrorEquals: ["States.Timeout", "AlreadyRecorded"], MaxAttempts: 0 });
    expect(S.AwaitRecord.Catch.map((c: any) => [c.ErrorEquals[0], c.Next])).toEqual([
      ["States.Timeout", "RemindFacilitator"],
      ["AlreadyRecorded", "Plan"],
      ["States.ALL", "MarkFailed"],
    ]);
    expect(S.Route.Choices.map((c: any) => [c.StringEquals, c.Next])).toEqual([
      ["notify", "NotifyCohort"],
      ["await", "AwaitRecord"],
      ["remind-facilitator", "RemindFacilitator"],
      ["overdue", "RecordOverdue"],
      ["open", "OpenStage"],
      ["remind", "RemindParticipants"],
      ["wait", "WaitUntilNext"],
      ["close", "CloseStage"],
      ["complete", "CompleteCycle"],
    ]);
    expect(S.RecordOverdue).toMatchObject({ Type: "Pass", ResultPath: "$.error", Next: "MarkFailed", Result: { Error: "RecordOverdue" } });
    expect(S.WaitUntilNext).toEqual({ Type: "Wait", TimestampPath: "$.plan.at", Next: "Plan" });
  });

  it("maps every task state to its handler module", () => {
    expect(stateMachineAsl(t, "learning-cycle").taskHandlers).toEqual({
      Plan: "workflow/cycle-plan",
      NotifyCohort: "workflow/cycle-notify",
      AwaitRecord: "workflow/cycle-await-record",
      RemindFacilitator: "workflow/cycle-remind-facilitator",
      OpenStage: "workflow/cycle-open-stage",
      RemindParticipants: "workflow/cycle-remind",
      CloseStage: "workflow/cycle-close-stage",
      CompleteCycle: "workflow/cycle-complete",
      MarkFailed: "workflow/cycle-mark-failed",
    });
  });
});

describe("tableDefinition", () => {
  it("is a CreateTable input matching the contract", () => {
    expect(tableDefinition(t)).toEqual({
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
        { AttributeName: "gsi1pk", AttributeType: "S" },
        { AttributeName: "gsi1sk", AttributeType: "S" },
      ],
      BillingMode: "PAY_PER_REQUEST",
      GlobalSecondaryIndexes: [{
        IndexName: "gsi1",
        KeySchema: [{ AttributeName: "gsi1pk", KeyType: "HASH" }, { AttributeName: "gsi1sk", KeyType: "RANGE" }],
        Projection: { ProjectionType: "ALL" },
      }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" },
      TimeToLiveAttribute: "expiresAt",
    });
  });
});

describe("functionEnvironment", () => {
  it("returns the owner API environment with tokens replaced", () => {
    const env = functionEnvironment(t, "api/owner-api");
    expect(env).toMatchObject({
      REGION_ID: "ostergotland",
      DISCLOSURE_K: "5",
      DISCLOSURE_P: "10",
      MAIL_FROM: "kompetensbehov@ostergotland.kompetensbehov.se",
      MAIL_MODE: "ses",
      MAX_WAIT_SECONDS: "86400",
      ROUND_STATE_MACHINE_ARN: "arn:aws:states:eu-north-1:000000000000:stateMachine:kompetensbehov-ostergotland-survey-round",
    });
    expect(env.TABLE_NAME).toMatch(/^DataTable[A-Z0-9]+$/);
    expect(env.SITE_URL).toMatch(/^https:\/\/<SiteDistribution[A-Z0-9]+\.DomainName>$/);
    for (const v of Object.values(env)) expect(typeof v).toBe("string");
  });

  it("workflow and participant functions get no state machine ARN", () => {
    expect(functionEnvironment(t, "workflow/plan").ROUND_STATE_MACHINE_ARN).toBeUndefined();
    expect(functionEnvironment(t, "api/participant-api").ROUND_STATE_MACHINE_ARN).toBeUndefined();
    expect(functionEnvironment(t, "workflow/cycle-plan").CYCLE_STATE_MACHINE_ARN).toBeUndefined();
  });

  it("gives the programme API the learning-cycle state machine's ARN", () => {
    expect(functionEnvironment(t, "api/programme-api").CYCLE_STATE_MACHINE_ARN).toBe(
      "arn:aws:states:eu-north-1:000000000000:stateMachine:kompetensbehov-ostergotland-learning-cycle",
    );
  });

  it("names the known handlers for an unknown one", () => {
    expect(() => functionEnvironment(t, "api/nope")).toThrow(/api\/owner-api/);
  });
});
