import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { REGION_GROUPS } from "../../shared/schemas/project";

export interface OwnerAuthProps {
  readonly regionId: string;
  /** Prefix of the hosted UI domain: `<prefix>.auth.<aws region>.amazoncognito.com`. */
  readonly domainPrefix: string;
  /**
   * https URL of the site, without a trailing slash (may be a token, e.g. a Lazy that reads the
   * CloudFront domain of a distribution created later). Callback `<siteUrl>/owner/callback`,
   * sign-out target `<siteUrl>/owner`.
   */
  readonly siteUrl: string;
  /** Created at deploy in the `region-admins` group with `custom:region`; Cognito mails each a temporary password. */
  readonly firstAdmins?: readonly string[];
}

/**
 * Cognito user pool for the region's staff: accounts are created by ops or by the
 * owner API when a region admin adds a project member (admin-create-user), strong
 * passwords, TOTP MFA required, Plus tier with threat protection enforced,
 * `custom:region`, the region-wide role groups (project roles live in the table), a hosted UI
 * domain and a public app client (no secret) for the site's sign-in: OAuth
 * authorization code grant with PKCE only, back to `<site>/owner/callback`.
 */
export class OwnerAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  /** Host name of the hosted UI (`<prefix>.auth.<aws region>.amazoncognito.com`), no scheme. */
  readonly domainName: string;
  /** Where Cognito sends the owner back with the authorization code. */
  readonly callbackUrl: string;
  /** Where Cognito's /logout sends the owner back. */
  readonly logoutUrl: string;
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

    const admins = new cognito.CfnUserPoolGroup(this, "RegionAdminsGroup", {
      userPoolId: this.userPool.userPoolId,
      groupName: REGION_GROUPS.regionAdmin,
      description: "Region admins: projects and their members, the registry, personal data and the audit log",
    });
    new cognito.CfnUserPoolGroup(this, "ConsortiumReadersGroup", {
      userPoolId: this.userPool.userPoolId,
      groupName: REGION_GROUPS.consortiumReader,
      description: "Readers of the consortium's cross-region releases",
    });

    // The first admins exist after the first deploy, so nobody needs the admin CLI to sign in.
    // The user's logical id is its position: changing an address replaces that user.
    (props.firstAdmins ?? []).forEach((email, i) => {
      const user = new cognito.CfnUserPoolUser(this, `FirstAdmin${i}`, {
        userPoolId: this.userPool.userPoolId,
        username: email,
        desiredDeliveryMediums: ["EMAIL"],
        userAttributes: [
          { name: "email", value: email },
          { name: "email_verified", value: "true" },
          { name: "custom:region", value: props.regionId },
        ],
      });
      const membership = new cognito.CfnUserPoolUserToGroupAttachment(this, `FirstAdmin${i}RegionAdmins`, {
        userPoolId: this.userPool.userPoolId,
        username: email,
        groupName: REGION_GROUPS.regionAdmin,
      });
      membership.addResourceDependency(user);
      membership.addResourceDependency(admins);
    });

    // Hosted UI (classic: managed login v2 would need a branding resource per client).
    this.domain = this.userPool.addDomain("Domain", {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    this.domainName = `${this.domain.domainName}.auth.${Stack.of(this).region}.amazoncognito.com`;
    this.callbackUrl = `${props.siteUrl}/owner/callback`;
    this.logoutUrl = `${props.siteUrl}/owner`;

    this.client = this.userPool.addClient("SiteClient", {
      userPoolClientName: "site",
      generateSecret: false,
      authFlows: { userSrp: true, user: true },
      // The site signs in through the hosted UI: authorization code + PKCE (public client), id token to the API.
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [this.callbackUrl],
        logoutUrls: [this.logoutUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
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
