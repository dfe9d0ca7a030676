import { Aws, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

export type RouteTarget = "owner" | "participant" | "programme";
export type HttpVerb = "GET" | "POST" | "PUT";

export interface RouteSpec {
  readonly method: HttpVerb;
  readonly path: string;
  readonly target: RouteTarget;
  /** Owner routes need a Cognito JWT; health and form routes are public. */
  readonly auth: "jwt" | "none";
}

/**
 * The HTTP API routes of docs/architecture.md. `/api/dev/*` routes are local-only
 * and deliberately absent here. `GET /api/health` is served by the participant
 * handler (the public one).
 */
export const ROUTES: readonly RouteSpec[] = [
  { method: "GET", path: "/api/health", target: "participant", auth: "none" },
  { method: "POST", path: "/api/organisations", target: "owner", auth: "jwt" },
  { method: "GET", path: "/api/organisations", target: "owner", auth: "jwt" },
  { method: "POST", path: "/api/organisations/import", target: "owner", auth: "jwt" },
  { method: "PUT", path: "/api/organisations/{id}", target: "owner", auth: "jwt" },
  { method: "GET", path: "/api/organisations/{id}/persons", target: "owner", auth: "jwt" },
  { method: "POST", path: "/api/persons", target: "owner", auth: "jwt" },
  { method: "GET", path: "/api/rounds", target: "owner", auth: "jwt" },
  { method: "POST", path: "/api/rounds", target: "owner", auth: "jwt" },
  { method: "POST", path: "/api/rounds/preview", target: "owner", auth: "jwt" },
  { method: "POST", path: "/api/rounds/{id}/launch", target: "owner", auth: "jwt" },
  { method: "POST", path: "/api/rounds/{id}/close", target: "owner", auth: "jwt" },
  { method: "GET", path: "/api/rounds/{id}", target: "owner", auth: "jwt" },
  { method: "GET", path: "/api/rounds/{id}/invitations", target: "owner", auth: "jwt" },
  { method: "GET", path: "/api/rounds/{id}/results", target: "owner", auth: "jwt" },
  { method: "GET", path: "/api/rounds/{id}/responses", target: "owner", auth: "jwt" },
  { method: "GET", path: "/api/rounds/{id}/export.csv", target: "owner", auth: "jwt" },
  { method: "GET", path: "/api/forms/{token}", target: "participant", auth: "none" },
  { method: "PUT", path: "/api/forms/{token}/draft", target: "participant", auth: "none" },
  { method: "POST", path: "/api/forms/{token}/submit", target: "participant", auth: "none" },
  { method: "POST", path: "/api/programmes", target: "programme", auth: "jwt" },
  { method: "GET", path: "/api/programmes", target: "programme", auth: "jwt" },
  { method: "GET", path: "/api/programmes/{id}", target: "programme", auth: "jwt" },
  { method: "POST", path: "/api/programmes/{id}/measurements/{kind}", target: "programme", auth: "jwt" },
  { method: "POST", path: "/api/programmes/{id}/cycles/{n}/schedule", target: "programme", auth: "jwt" },
  { method: "POST", path: "/api/programmes/{id}/cycles/{n}/start", target: "programme", auth: "jwt" },
  { method: "POST", path: "/api/programmes/{id}/cycles/{n}/workshop", target: "programme", auth: "jwt" },
  { method: "POST", path: "/api/programmes/{id}/cycles/{n}/lecture", target: "programme", auth: "jwt" },
  { method: "GET", path: "/api/programmes/{id}/report", target: "programme", auth: "jwt" },
  { method: "GET", path: "/api/programmes/{id}/export.csv", target: "programme", auth: "jwt" },
];

export interface HttpApiProps {
  readonly regionId: string;
  readonly ownerFunction: lambda.IFunction;
  readonly participantFunction: lambda.IFunction;
  /** Learning programmes (functions/api/programme-api.ts). */
  readonly programmeFunction: lambda.IFunction;
  /** JWT issuer (Cognito user pool provider URL). */
  readonly jwtIssuer: string;
  /** Accepted audiences (the app client id). */
  readonly jwtAudience: string[];
}

/** HTTP API (API Gateway v2) with the routes above, a JWT authorizer on owner routes, throttling and access logs. */
export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** Host name of the execute-api endpoint (origin of the CloudFront /api/* behaviour). */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, "Api", {
      apiName: `kompetensbehov-${props.regionId}`,
      description: "Kompetensbehov HTTP API (owner pages and participant forms)",
      createDefaultStage: false,
    });

    const accessLogs = new logs.LogGroup(this, "AccessLogs", {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.api.addStage("DefaultStage", {
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) },
    });

    const authorizer = new HttpJwtAuthorizer("OwnerJwt", props.jwtIssuer, {
      authorizerName: "owner-jwt",
      jwtAudience: props.jwtAudience,
      identitySource: ["$request.header.Authorization"],
    });
    const integrations: Record<RouteTarget, HttpLambdaIntegration> = {
      owner: new HttpLambdaIntegration("OwnerIntegration", props.ownerFunction),
      participant: new HttpLambdaIntegration("ParticipantIntegration", props.participantFunction),
      programme: new HttpLambdaIntegration("ProgrammeIntegration", props.programmeFunction),
    };

    for (const r of ROUTES) {
      const routes = this.api.addRoutes({
        path: r.path,
        methods: [apigw.HttpMethod[r.method]],
        integration: integrations[r.target],
        authorizer: r.auth === "jwt" ? authorizer : new apigw.HttpNoneAuthorizer(),
      });
      if (r.auth === "none") {
        for (const route of routes) {
          Validations.of(route).acknowledge({
            id: "AwsSolutions-APIG4",
            reason:
              r.path === "/api/health"
                ? "Health check is public by design and returns no data."
                : "Participant form routes are public by design: the 128-bit random token in the path is the key (only its SHA-256 hash is stored); the handler rejects unknown or expired tokens.",
          });
        }
      }
    }

    this.domainName = `${this.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }
}
