import { Arn, CfnOutput, Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as ses from "aws-cdk-lib/aws-ses";
import * as sns from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";

export interface MailProps {
  /** Sender address; the SES identity is its domain, created here (DKIM records are outputs). */
  readonly mailFrom: string;
}

/**
 * SES sending for the region: the domain identity with Easy DKIM, a configuration set (the
 * identity's default, so every send goes through it without the mailer naming it) whose bounce
 * and complaint events go to `feedback`, and a least-privilege send grant.
 */
export class Mail extends Construct {
  readonly mailFrom: string;
  readonly domain: string;
  readonly identityArn: string;
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /** Bounce and complaint notifications of the configuration set. */
  readonly feedback: sns.Topic;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.mailFrom = props.mailFrom;
    this.domain = props.mailFrom.slice(props.mailFrom.indexOf("@") + 1);
    const stack = Stack.of(this);

    this.configurationSet = new ses.ConfigurationSet(this, "ConfigurationSet", {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.feedback = new sns.Topic(this, "Feedback", { displayName: "Kompetensbehov SES bounces and complaints", enforceSSL: true });
    Validations.of(this.feedback).acknowledge({
      id: "AwsSolutions-SNS2",
      reason: "SES event publishing to an encrypted topic needs a customer-managed key with an SES key policy; the events carry only the recipient address and SES's diagnostic, kept for 0 days by SNS.",
    });
    this.configurationSet.addEventDestination("BouncesAndComplaints", {
      destination: ses.EventDestination.snsTopic(this.feedback),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    this.identity = new ses.EmailIdentity(this, "Identity", {
      identity: ses.Identity.domain(this.domain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });
    this.identityArn = Arn.format({ service: "ses", resource: "identity", resourceName: this.domain }, stack);

    // The three CNAME records ops puts in the domain's DNS; SES verifies the domain once they resolve.
    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(stack, `MailDkimRecord${i + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: `DKIM record ${i + 1} of 3 for ${this.domain} (CNAME name and value)`,
      });
    });
  }

  /** Allow sending from MAIL_FROM only, through the domain identity and its configuration set. */
  grantSend(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ["ses:SendEmail", "ses:SendRawEmail"],
      resourceArns: [
        this.identityArn,
        Arn.format({ service: "ses", resource: "configuration-set", resourceName: this.configurationSet.configurationSetName }, Stack.of(this)),
      ],
      conditions: { StringEquals: { "ses:FromAddress": this.mailFrom } },
    });
  }
}
