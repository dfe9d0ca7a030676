import { Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { DEFAULT_MAX_WAIT_SECONDS, type CommonEnvironmentInput } from "../../functions/config/environment";
import type { Alarms } from "./alarms";
import { Feature } from "./feature";
import { HttpApi } from "./http-api";
import { KbFunction } from "./kb-function";
import type { LearningCycles } from "./learning-cycles";
import type { OwnerAuth } from "./owner-auth";
import type { RegionData } from "./region-data";
import type { SurveyRounds } from "./survey-rounds";

export interface ApiProps {
  readonly regionId: string;
  readonly environment: CommonEnvironmentInput;
  readonly data: RegionData;
  readonly rounds: SurveyRounds;
  readonly cycles: LearningCycles;
  readonly auth: OwnerAuth;
  readonly alarms: Alarms;
  /** The API's own host name (infra/config/regions.ts apiDomainName). */
  readonly domainName: string;
}

/** The HTTP API: its three handler functions (functions/api/*-api.ts), their routes and grants, and its 5xx alarm. */
export class Api extends Feature {
  readonly http: HttpApi;
  readonly functions: { readonly owner: KbFunction; readonly programme: KbFunction; readonly participant: KbFunction };

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const env = props.environment;
    this.functions = {
      owner: new KbFunction(this, "OwnerApiFunction", {
        handler: "api/owner-api",
        kind: "owner-api",
        // Interim releases are protected in the request; API Gateway answers within 30 s, so these stay small rounds.
        timeout: Duration.seconds(29),
        memorySize: 1769,
        solver: true,
        environment: {
          ...env,
          ROUND_STATE_MACHINE_ARN: props.rounds.workflow.stateMachine.stateMachineArn,
          MAX_WAIT_SECONDS: String(DEFAULT_MAX_WAIT_SECONDS),
          USER_POOL_ID: props.auth.userPool.userPoolId,
        },
      }),
      programme: new KbFunction(this, "ProgrammeApiFunction", {
        handler: "api/programme-api",
        kind: "programme-api",
        // Interim report releases are protected in the request (a cohort is at most 1,000 persons).
        timeout: Duration.seconds(29),
        memorySize: 1769,
        solver: true,
        environment: { ...env, CYCLE_STATE_MACHINE_ARN: props.cycles.workflow.stateMachine.stateMachineArn },
      }),
      participant: new KbFunction(this, "ParticipantApiFunction", { handler: "api/participant-api", kind: "participant-api", environment: env }),
    };
    const { owner, programme, participant } = this.functions;

    this.http = new HttpApi(this, "Http", {
      regionId: props.regionId,
      ownerFunction: owner,
      participantFunction: participant,
      programmeFunction: programme,
      jwtIssuer: props.auth.issuer,
      jwtAudience: [props.auth.client.userPoolClientId],
      domainName: props.domainName,
    });

    // The owner and programme APIs record owner actions in the audit log; the participant API never does.
    for (const fn of [owner, programme]) props.data.grantReadWrite(fn, { auditWriter: true });
    props.data.grantReadWrite(participant);
    // Changing a round's respondent moves the old respondent's draft (functions/domain/respondents.ts).
    props.data.grantDelete(owner);
    props.data.grantBatchWrite(owner);
    // A launch asks SES whether the account has left the sandbox; GetAccount has no resource to scope to.
    owner.addToRolePolicy(new iam.PolicyStatement({ actions: ["ses:GetAccount"], resources: ["*"] }));
    // A region admin adding a project member makes the member's sign-in account (functions/adapters/user-directory.ts).
    props.auth.userPool.grant(owner, "cognito-idp:AdminCreateUser");
    props.rounds.grantExecutionControl(owner);
    props.cycles.grantExecutionControl(programme);
    props.alarms.onServerErrors("Api5xx", this.http.api);
  }
}
