/**
 * AWS list prices for eu-north-1 (Stockholm) in USD, the one place the cost bench reads them from.
 *
 * These are list prices (no free tier, no savings plans, the first volume tier) as the author knew
 * them on READ_ON; this machine has no network, so they were not fetched from the pages below on
 * that date. Check them against SOURCES before quoting a cost; change the figure and READ_ON together.
 */
export const READ_ON = "2026-12-03";
export const HOW_READ = "from the author's knowledge of the eu-north-1 price pages (not fetched: no network on the bench machine)";

export const PRICES = {
  /** Lambda, Arm (Graviton2): per GB-second of duration, and per request. */
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  /** DynamoDB on-demand (Standard table class): per write request unit and per read request unit. */
  dynamoDbWriteRequestUnit: 0.6975 / 1e6,
  dynamoDbReadRequestUnit: 0.1395 / 1e6,
  /** Step Functions Standard workflows: per state transition. */
  stepFunctionsTransition: 0.025 / 1000,
  /** SES outbound e-mail: per message. */
  sesMessage: 0.1 / 1000,
  /** API Gateway HTTP API: per request (first 300 million a month). */
  httpApiRequest: 1.0 / 1e6,
  /** S3 Standard: per PUT/COPY/POST/LIST request and per GET request. */
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
} as const;

export const SOURCES = {
  lambda: "https://aws.amazon.com/lambda/pricing/",
  dynamoDb: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
  stepFunctions: "https://aws.amazon.com/step-functions/pricing/",
  ses: "https://aws.amazon.com/ses/pricing/",
  apiGateway: "https://aws.amazon.com/api-gateway/pricing/",
  s3: "https://aws.amazon.com/s3/pricing/",
} as const;

/** Not priced here: CloudWatch Logs ingestion and storage, DynamoDB storage and streams (reads by Lambda triggers are free), CloudFront, KMS, Cognito, WAF. */
export const NOT_COUNTED = "CloudWatch Logs, DynamoDB storage, CloudFront, KMS, Cognito and WAF (monthly or per-GB charges, not per response)";
