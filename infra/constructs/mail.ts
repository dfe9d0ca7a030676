import { Arn, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

export interface MailProps {
  /** Sender address; the SES identity is its domain (verified by ops, outside this stack). */
  readonly mailFrom: string;
}

/** SES sending for the region: the identity ARN and a least-privilege grant. */
export class Mail extends Construct {
  readonly mailFrom: string;
  readonly domain: string;
  readonly identityArn: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.mailFrom = props.mailFrom;
    this.domain = props.mailFrom.slice(props.mailFrom.indexOf("@") + 1);
    this.identityArn = Arn.format(
      { service: "ses", resource: "identity", resourceName: this.domain },
      Stack.of(this),
    );
  }

  /** Allow sending from MAIL_FROM only, through the domain identity. */
  grantSend(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ["ses:SendEmail", "ses:SendRawEmail"],
      resourceArns: [this.identityArn],
      conditions: { StringEquals: { "ses:FromAddress": this.mailFrom } },
    });
  }
}
