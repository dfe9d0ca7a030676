import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { ExportSource } from "../domain/consortium";

let s3: S3Client | undefined;

/** A region's exports bucket, read across accounts under the bucket policy the region grants (docs/runbook.md). */
export function s3ExportSource(bucket: string, prefix: string): ExportSource {
  return {
    async list() {
      s3 ??= new S3Client({});
      const out: Awaited<ReturnType<ExportSource["list"]>> = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? [])
          if (o.Key?.endsWith(".json"))
            out.push({
              name: `s3://${bucket}/${o.Key}`,
              read: async () => (await s3!.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key }))).Body!.transformToString("utf8"),
            });
        token = page.NextContinuationToken;
      } while (token);
      return out;
    },
  };
}

/** The local stand-in: the JSON files under a folder (the regions' shelf). */
export function folderExportSource(dir: string): ExportSource {
  const walk = (d: string): string[] => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return [];
    }
    return names.flatMap((n) => {
      const p = path.join(d, n);
      return statSync(p).isDirectory() ? walk(p) : n.endsWith(".json") ? [p] : [];
    });
  };
  return {
    async list() {
      return walk(dir).map((file) => ({ name: path.relative(dir, file), read: async () => readFileSync(file, "utf8") }));
    },
  };
}

/** Several sources as one (one bucket per region). */
export function combinedExportSource(sources: readonly ExportSource[]): ExportSource {
  return { list: async () => (await Promise.all(sources.map((s) => s.list()))).flat() };
}
