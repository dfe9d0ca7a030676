/**
 * vitest globalSetup: ONE DynamoDB Local (in memory) for the whole run and ONE synthesized
 * RegionStack template, cached as JSON in a temp file, so suites neither start engines nor synth.
 *
 * Exposed to the test files (pool "forks") both ways:
 *   inject("dynamodbEndpoint"), inject("templateFile")      (vitest provide/inject)
 *   process.env.KB_TEST_DYNAMODB_ENDPOINT / KB_TEST_TEMPLATE_FILE, and DYNAMODB_ENDPOINT plus
 *   dummy AWS credentials, set before the workers fork: nothing in a test can reach real AWS.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { TestProject } from "vitest/node";
import { LOCAL_AWS_REGION, LOCAL_CREDENTIALS, startDynamoDbLocal } from "../../infra/local/dynamodb-local";
import { synthTemplate, writeCachedTemplate } from "../../infra/local/template-binding";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    templateFile: string;
    templateError: string;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const dir = mkdtempSync(path.join(tmpdir(), "kb-test-"));
  const templateFile = path.join(dir, "region-template.json");

  const dynamodbStarting = startDynamoDbLocal();
  let templateError = "";
  try {
    writeCachedTemplate(templateFile, await synthTemplate(process.env.REGION ?? "ostergotland"));
  } catch (error) {
    // Suites that need the template fail with this message; the others still run.
    templateError = `Synthesizing the RegionStack failed: ${(error as Error)?.stack ?? error}`;
    console.error(`[global-setup] ${templateError}`);
  }
  const dynamodb = await dynamodbStarting;

  Object.assign(process.env, {
    KB_TEST_DYNAMODB_ENDPOINT: dynamodb.endpoint,
    KB_TEST_TEMPLATE_FILE: templateError ? "" : templateFile,
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? LOCAL_AWS_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  project.provide("dynamodbEndpoint", dynamodb.endpoint);
  project.provide("templateFile", templateError ? "" : templateFile);
  project.provide("templateError", templateError);
  console.log(`[global-setup] DynamoDB Local ${dynamodb.endpoint} (ready in ${dynamodb.startupMs} ms), template cached; setup ${Date.now() - started} ms`);

  return async () => {
    await dynamodb.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
