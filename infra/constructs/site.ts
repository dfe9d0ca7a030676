import { CfnElement, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token, Validations } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import * as fs from "node:fs";
import * as path from "node:path";
import { FORM_TOKEN_HEADER } from "../../shared/form-link";

export interface SiteProps {
  /** Host name of the HTTP API's custom domain (its execute-api endpoint is disabled); served under /api/* on the same origin. */
  readonly apiDomainName: string;
  /**
   * Built site (vite output), deployed with `/config.json`; synth fails if it has no index.html.
   * `undefined` leaves the content out on purpose (tests and the local stack only).
   */
  readonly distPath: string | undefined;
  /** Cognito endpoints the site talks to for sign-in (CSP connect-src), e.g. the hosted UI's token endpoint. */
  readonly cognitoOrigins: readonly string[];
  /**
   * Published as `/config.json` beside the built site (same deployment, so only if the site is
   * deployed). Deploy-time tokens are allowed: the built site is the same for every region.
   */
  readonly runtimeConfig?: Record<string, unknown>;
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** ARN of the WAF web ACL (scope CLOUDFRONT) with the per-client limits (infra/constructs/edge-protection.ts). */
  readonly webAclArn?: string;
}

/**
 * SPA fallback as a viewer-request function on the site behaviour only: paths without a
 * file extension are served /index.html. Distribution-wide custom error responses
 * (403/404 -> /index.html) would also rewrite the API's own 403/404 answers
 * (e.g. an unknown form token) into 200 HTML, so they are not used.
 */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf('/api/') === 0) return request;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** The site to deploy has not been built: synth stops instead of deploying a stack without it. */
export class SiteNotBuiltError extends Error {
  constructor(readonly distPath: string) {
    super(`the site is not built: ${distPath}/index.html is missing; run \`npm run build\` before \`cdk synth\` or \`cdk deploy\``);
    this.name = "SiteNotBuiltError";
  }
}

/** Private S3 bucket behind CloudFront (OAC) with the HTTP API under /api/* on the same origin. */
export class Site extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** https URL of the site (custom domain or the CloudFront domain). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);

    this.logBucket = new s3.Bucket(this, "LogBucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: "AwsSolutions-S1",
      reason: "This is the access-log bucket itself; logging it into itself would loop and another log bucket would only move the finding.",
    });

    this.bucket = new s3.Bucket(this, "Bucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: "s3/site/",
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "Kompetensbehov security headers",
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            `connect-src 'self' ${props.cognitoOrigins.join(" ")}`,
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
          ].join("; "),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()", override: true },
        ],
      },
    });

    const spaRewrite = new cloudfront.Function(this, "SpaRewrite", {
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: "SPA fallback: extension-less paths -> /index.html",
    });

    // API: never cached by default (the API answers no-store); Authorization and the form
    // token's header are in the cache key, so that even an answer the origin let CloudFront keep
    // would be keyed by whose it is. TTL 0 unless the API says otherwise.
    const apiCachePolicy = new cloudfront.CachePolicy(this, "ApiCachePolicy", {
      comment: "Kompetensbehov API: forward Authorization and x-form-token, no caching unless the origin asks",
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList("Authorization", FORM_TOKEN_HEADER),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const certificate = props.customDomain
      ? acm.Certificate.fromCertificateArn(this, "Certificate", props.customDomain.certificateArn)
      : undefined;

    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: "Kompetensbehov site and API",
      webAclId: props.webAclArn,
      defaultRootObject: "index.html",
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      // Only meaningful with an own certificate; the default certificate is fixed at TLSv1.
      minimumProtocolVersion: props.customDomain ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      domainNames: props.customDomain ? [props.customDomain.domainName] : undefined,
      certificate,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: "cloudfront/",
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        "/api/*": {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: apiCachePolicy,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
      },
    });

    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "Participants (company contacts) may answer from anywhere, e.g. while travelling; no geo restriction is wanted.",
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR2",
        reason: "Only a stack built alone (tests) has no web ACL; the CDK app always gives the site its edge stack's (infra/stacks/region-app.ts, consortium-app.ts).",
      });
    }
    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR4",
        reason: "Without a custom domain the default *.cloudfront.net certificate is used, whose minimum protocol CloudFront fixes at TLSv1; regions with a custom domain get TLSv1.2_2021.",
      });
    }

    this.url = props.customDomain
      ? `https://${props.customDomain.domainName}`
      : `https://${this.distribution.distributionDomainName}`;

    if (props.distPath !== undefined) {
      // A stack deployed without its site would answer 403 on every page and tell no one why.
      if (!fs.existsSync(path.join(props.distPath, "index.html"))) throw new SiteNotBuiltError(props.distPath);
      this.deploySite(props.distPath, props.runtimeConfig);
    }
  }

  private deploySite(distPath: string, runtimeConfig: Record<string, unknown> | undefined): void {
    const logGroup = new logs.LogGroup(this, "DeploymentLogs", {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, "DeploymentRole", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: "Copies the built site into the site bucket",
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [logGroup.logGroupArn],
      }),
    );
    const deployment = new s3deploy.BucketDeployment(this, "Deployment", {
      sources: [
        s3deploy.Source.asset(distPath),
        ...(runtimeConfig ? [s3deploy.Source.jsonData("config.json", runtimeConfig)] : []),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ["/index.html", "/", "/config.json"],
      prune: true,
      memoryLimit: 512,
      logGroup,
      role,
      cacheControl: [s3deploy.CacheControl.fromString("public, max-age=300")],
    });
    void deployment;

    // The deployment handler is CDK's own: it copies the asset zip into the site bucket
    // and invalidates the distribution. Its grants are CDK's, scoped to the two buckets.
    const stack = Stack.of(this);
    const account = Token.isUnresolved(stack.account) ? "<AWS::AccountId>" : stack.account;
    const region = Token.isUnresolved(stack.region) ? "<AWS::Region>" : stack.region;
    const assetBucket = `arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${account}-${region}/*`;
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const acks: Array<[string, string]> = [
      ["Action::s3:GetObject*", "Reads the site asset from the CDK asset bucket (CDK's BucketDeployment grant)."],
      ["Action::s3:GetBucket*", "Reads bucket metadata of the asset and site buckets (CDK's BucketDeployment grant)."],
      ["Action::s3:List*", "Lists the site bucket to prune old files (CDK's BucketDeployment grant)."],
      ["Action::s3:DeleteObject*", "Prunes files of earlier builds from the site bucket (CDK's BucketDeployment grant)."],
      ["Action::s3:Abort*", "Aborts incomplete multipart uploads into the site bucket (CDK's BucketDeployment grant)."],
      [`Resource::${assetBucket}`, "Objects of the CDK bootstrap asset bucket, where the site zip is uploaded under a content hash."],
      [`Resource::<${bucketId}.Arn>/*`, "All objects of the site bucket: the deployment replaces the whole site."],
      ["Resource::*", "cloudfront:CreateInvalidation/GetInvalidation are granted on '*' by CDK's BucketDeployment."],
    ];
    for (const [finding, reason] of acks) {
      Validations.of(this.node.findChild("DeploymentRole")).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
    for (const child of stack.node.children) {
      if (child.node.id.startsWith("Custom::CDKBucketDeployment")) {
        Validations.of(child).acknowledge({
          id: "AwsSolutions-L1",
          reason: "CDK's BucketDeployment singleton handler: its Python runtime is chosen by aws-cdk-lib and moves with CDK upgrades.",
        });
      }
    }
  }
}
