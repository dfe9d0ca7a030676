import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import { Construct } from "constructs";

export interface ApiDomainProps {
  /** Host name of the API, e.g. `api.ostergotland.kompetensbehov.se` (infra/config/regions.ts apiDomainName). */
  readonly domainName: string;
  readonly api: apigw.IHttpApi;
  readonly stage: apigw.IHttpStage;
}

/**
 * The API's own name, so that its execute-api endpoint can be disabled and CloudFront (the only
 * way in) still has an origin: an API Gateway custom domain with a regional ACM certificate,
 * validated by DNS. The region's DNS needs two records (docs/runbook.md, "API domain"): the
 * certificate's validation CNAME, which the stack waits for on first deploy, and a CNAME from
 * the domain to `regionalDomainName`.
 */
export class ApiDomain extends Construct {
  readonly domainName: string;
  /** Where the domain's CNAME must point (API Gateway's regional endpoint of the custom domain). */
  readonly regionalDomainName: string;
  readonly certificate: acm.Certificate;

  constructor(scope: Construct, id: string, props: ApiDomainProps) {
    super(scope, id);
    this.domainName = props.domainName;
    // No hosted zone: the region's DNS may live anywhere, so the validation record is added by hand.
    this.certificate = new acm.Certificate(this, "Certificate", {
      domainName: props.domainName,
      validation: acm.CertificateValidation.fromDns(),
    });
    const domain = new apigw.DomainName(this, "DomainName", {
      domainName: props.domainName,
      certificate: this.certificate,
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
      endpointType: apigw.EndpointType.REGIONAL,
    });
    new apigw.ApiMapping(this, "Mapping", { api: props.api, domainName: domain, stage: props.stage });
    this.regionalDomainName = domain.regionalDomainName;
  }
}
