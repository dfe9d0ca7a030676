import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as signBytes, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { KMSClient, SignCommand } from "@aws-sdk/client-kms";
import type { ReleaseSigner } from "./ports";

/** The KMS client, made once per module (Lambda reuses it across invocations). */
let kms: KMSClient | undefined;

/** Signs with the region's asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY); the private key never leaves KMS. */
export function kmsReleaseSigner(keyArn: string): ReleaseSigner {
  return {
    keyId: keyArn,
    async sign(data) {
      kms ??= new KMSClient({});
      const out = await kms.send(new SignCommand({ KeyId: keyArn, Message: data, MessageType: "RAW", SigningAlgorithm: "ECDSA_SHA_256" }));
      if (!out.Signature) throw new Error("KMS returned no signature");
      return out.Signature;
    },
  };
}

/** The short fingerprint that names a public key: SHA-256 of its SPKI DER, 16 hex digits. */
export const keyFingerprint = (publicKey: KeyObject): string =>
  createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);

/**
 * The local stack's stand-in for the KMS key: a P-256 key pair in a PEM file (PKCS#8), made on first
 * use and kept with the region's data, so exports made before a restart still verify.
 */
export function fileReleaseSigner(file: string): ReleaseSigner & { publicKeyPem: string } {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  }
  const privateKey = createPrivateKey(readFileSync(file, "utf8"));
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: `local:${keyFingerprint(publicKey)}`,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    async sign(data) {
      return signBytes("sha256", data, { key: privateKey, dsaEncoding: "der" });
    },
  };
}
