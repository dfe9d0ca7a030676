import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";

export interface OwnerAuthProps {
  readonly regionId: string;
}

/**
 * Cognito user pool for project owners: accounts are created by ops only
 * (admin-create-user), strong passwords, TOTP MFA required, Plus tier with
 * threat protection enforced, `custom:region`, an `owners` group and a public
 * app client (no secret) for the site's sign-in.
 */
export class OwnerAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** JWT issuer URL of the pool. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: OwnerAuthProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, "UserPool", {
      userPoolName: `kompetensbehov-${props.regionId}-owners`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        region: new cognito.StringAttribute({ minLen: 2, maxLen: 40, mutable: true }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 12,
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      userInvitation: {
        emailSubject: "Ditt konto i Kompetensbehov",
        emailBody:
          "Hej! Ditt användarnamn är {username} och ditt tillfälliga lösenord är {####}. Logga in och välj ett eget lösenord.",
      },
    });

    new cognito.CfnUserPoolGroup(this, "OwnersGroup", {
      userPoolId: this.userPool.userPoolId,
      groupName: "owners",
      description: "Project owners and facilitators of this region",
    });

    this.client = this.userPool.addClient("SiteClient", {
      userPoolClientName: "site",
      generateSecret: false,
      authFlows: { userSrp: true, user: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      // The site reads custom:region; only ops (admin API) may write it.
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes("region"),
      writeAttributes: new cognito.ClientAttributes(),
    });

    this.issuer = this.userPool.userPoolProviderUrl;
  }
}
