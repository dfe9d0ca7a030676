import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type CfnElement } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { Feature } from "./feature";
import type { KbFunction } from "./kb-function";

export interface ReleaseExportsProps {
  readonly regionId: string;
  readonly displayName: string;
  readonly countyCodes: readonly string[];
  /** Where the bucket's access logs go (the site's log bucket). */
  readonly logBucket: s3.IBucket;
  /** The consortium stack's account, which may read this region's exports (docs/runbook.md, "Consortium"). */
  readonly consortiumAccountId?: string;
}

/**
 * What leaves the region for a consortium: the asymmetric KMS key that signs release exports
 * (its private half never leaves KMS; the consortium verifies with the public half) and the bucket
 * the signed exports are put in, readable by the consortium's account and no one else.
 */
export class ReleaseExports extends Feature {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  private readonly props: ReleaseExportsProps;

  constructor(scope: Construct, id: string, props: ReleaseExportsProps) {
    super(scope, id);
    this.props = props;
    this.key = new kms.Key(this, "ExportSigningKey", {
      description: `Kompetensbehov ${props.regionId}: signs release exports for the consortium`,
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, "ExportBucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      // An export published again replaces the last; the old version is kept a while for whoever read it.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: "s3/exports/",
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.consortiumAccountId) {
      const reader = new iam.AccountPrincipal(props.consortiumAccountId);
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({ principals: [reader], actions: ["s3:GetObject"], resources: [this.bucket.arnForObjects(`${props.regionId}/*`)] }),
      );
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [reader],
          actions: ["s3:ListBucket"],
          resources: [this.bucket.bucketArn],
          conditions: { StringLike: { "s3:prefix": [`${props.regionId}/*`] } },
        }),
      );
    }
    new CfnOutput(this, "ExportBucketName", { value: this.bucket.bucketName, description: "The consortium's config names this bucket for the region (infra/config/consortia.ts)" });
    new CfnOutput(this, "ExportSigningKeyArn", {
      value: this.key.keyArn,
      description: "aws kms get-public-key --key-id <this> gives the public key the consortium verifies with (docs/runbook.md)",
    });
  }

  /** The owner API signs and publishes exports: kms:Sign on the key, PutObject under the region's prefix. */
  grantExport(fn: KbFunction): void {
    this.key.grant(fn, "kms:Sign");
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: [this.bucket.arnForObjects(`${this.props.regionId}/*`)] }));
    fn.addEnvironment("EXPORT_SIGNING_KEY_ARN", this.key.keyArn);
    fn.addEnvironment("EXPORT_BUCKET", this.bucket.bucketName);
    fn.addEnvironment("REGION_NAME", this.props.displayName);
    fn.addEnvironment("REGION_COUNTY_CODES", this.props.countyCodes.join(","));
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/${this.props.regionId}/*]`,
      reason: "Exports are put under the region's prefix, one object per round and release.",
    });
  }
}
