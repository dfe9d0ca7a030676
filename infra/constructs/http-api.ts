import { RemovalPolicy, Validations } from "aws-cdk-lib";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { ApiDomain } from "./api-domain";
import { API_ROUTES, splitRouteKey, type ApiName, type RouteKey } from "../../functions/api/routes";

/**
 * The routes are the handlers' own table (functions/api/routes.ts): each served by the function
 * named by its `api`, owner routes behind the Cognito JWT authorizer.
 */
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
  /** The API's own host name (infra/config/regions.ts apiDomainName): CloudFront's origin. */
  readonly domainName: string;
}

/** HTTP API (API Gateway v2) with the routes above, a JWT authorizer on owner routes, throttling and access logs. */
export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** Host name of the API's custom domain (origin of the CloudFront /api/* behaviour). */
  readonly domainName: string;
  readonly customDomain: ApiDomain;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, "Api", {
      apiName: `kompetensbehov-${props.regionId}`,
      description: "Kompetensbehov HTTP API (owner pages and participant forms)",
      createDefaultStage: false,
      // Reached only through CloudFront (its WAF rules, its access logs): not by the raw execute-api URL.
      disableExecuteApiEndpoint: true,
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
    const integrations: Record<ApiName, HttpLambdaIntegration> = {
      owner: new HttpLambdaIntegration("OwnerIntegration", props.ownerFunction),
      participant: new HttpLambdaIntegration("ParticipantIntegration", props.participantFunction),
      programme: new HttpLambdaIntegration("ProgrammeIntegration", props.programmeFunction),
    };

    for (const key of Object.keys(API_ROUTES) as RouteKey[]) {
      const r = { ...API_ROUTES[key], ...splitRouteKey(key) };
      const routes = this.api.addRoutes({
        path: r.path,
        methods: [apigw.HttpMethod[r.method]],
        integration: integrations[r.api],
        authorizer: r.auth === "jwt" ? authorizer : new apigw.HttpNoneAuthorizer(),
      });
      if (r.auth === "none") {
        for (const route of routes) {
          Validations.of(route).acknowledge({
            id: "AwsSolutions-APIG4",
            reason:
              r.path === "/api/health"
                ? "Health check is public by design and returns no data."
                : r.path === "/api/openapi.json"
                  ? "The OpenAPI document is public by design: it describes the routes and holds no data."
                  : "Participant form routes are public by design: the 128-bit random token in the x-form-token header is the key (only its SHA-256 hash is stored); the handler rejects unknown or expired tokens.",
          });
        }
      }
    }

    this.customDomain = new ApiDomain(this, "Domain", { domainName: props.domainName, api: this.api, stage: this.stage });
    this.domainName = this.customDomain.domainName;
  }
}
