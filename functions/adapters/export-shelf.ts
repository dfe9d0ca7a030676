import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { ExportShelf } from "./ports";

let s3: S3Client | undefined;

/** The region's exports bucket, which the consortium's account may read (docs/runbook.md, "Consortium"). */
export function s3ExportShelf(bucket: string): ExportShelf {
  return {
    async put(name, body) {
      s3 ??= new S3Client({});
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: name, Body: body, ContentType: "application/json" }));
    },
  };
}

/** The local stand-in: a folder the local consortium reads. Written to a temporary name and renamed, so a reader never sees half a file. */
export function folderExportShelf(dir: string): ExportShelf {
  return {
    async put(name, body) {
      const file = path.join(dir, ...name.split("/"));
      if (!file.startsWith(path.resolve(dir) + path.sep)) throw new Error("export name leaves the shelf");
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, body);
      renameSync(`${file}.tmp`, file);
    },
  };
}
