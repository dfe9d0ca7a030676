import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import type { CommonEnvironmentInput } from "../../functions/config/environment";
import { Feature } from "./feature";
import { KbFunction } from "./kb-function";
import type { RegionData } from "./region-data";

export interface ResponseExportsProps {
  readonly environment: CommonEnvironmentInput;
  readonly data: RegionData;
  /** Where the bucket's access logs go (the site's log bucket). */
  readonly logBucket: s3.IBucket;
}

/** The prefix of the export files in the bucket (functions/domain/export-jobs.ts names them exports/<round>/<job>.<format>). */
const PREFIX = "exports/";

/**
 * Exports of a round's raw responses at any size (functions/domain/export-jobs.ts):
 *
 *   owner API --async invoke--> export worker --multipart upload--> bucket --presigned GET--> owner
 *
 * The bucket is private (presigned links only), encrypted, and keeps a file a day (as long as its
 * job item); half-done multipart uploads go after a day too. The worker reads the round's
 * responses once, spooling them to /tmp (about 130 MB for 100,000 responses, within the
 * default 512 MB), and writes the job's progress.
 */
export class ResponseExports extends Feature {
  readonly bucket: s3.Bucket;
  readonly worker: KbFunction;

  constructor(scope: Construct, id: string, props: ResponseExportsProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, "ResponseExportBucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: "s3/response-exports/",
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.worker = new KbFunction(this, "ExportWorkerFunction", {
      handler: "exports/export-worker",
      kind: "export-worker",
      description: "Prepares an export of a round's raw responses (CSV or XLSX) into the exports bucket",
      // 100,000 responses take under a minute locally; the margin is for DynamoDB's read rate.
      timeout: Duration.minutes(10),
      memorySize: 1024,
      environment: { ...props.environment, EXPORT_FILES_BUCKET: this.bucket.bucketName },
    });
    props.data.grantReadWrite(this.worker);
    this.worker.addToRolePolicy(new iam.PolicyStatement({ actions: ["s3:PutObject", "s3:AbortMultipartUpload"], resources: [this.bucket.arnForObjects(`${PREFIX}*`)] }));
    this.acknowledgePrefix(this.worker, "The worker writes one file per export job under the exports prefix.");
  }

  /** The owner API starts the worker and presigns links to its files (a presigned GET acts with the signer's rights). */
  grantRequest(owner: KbFunction): void {
    // The function itself, not its versions (grantInvoke would add `<arn>:*`): the owner invokes $LATEST.
    owner.addToRolePolicy(new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [this.worker.functionArn] }));
    owner.addToRolePolicy(new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [this.bucket.arnForObjects(`${PREFIX}*`)] }));
    owner.addEnvironment("EXPORT_FILES_BUCKET", this.bucket.bucketName);
    owner.addEnvironment("EXPORT_WORKER_FUNCTION", this.worker.functionName);
    this.acknowledgePrefix(owner, "The owner API presigns a GET of one export file under the exports prefix.");
  }

  private acknowledgePrefix(fn: KbFunction, reason: string): void {
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/${PREFIX}*]`,
      reason,
    });
  }
}
