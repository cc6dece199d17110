import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The audit checkpoint key: Ed25519, kept in a folder of its own (WAYMARK_AUDIT_KEY_DIR), never in the
 * database, so whoever can rewrite the database cannot sign a checkpoint of the rewritten trail.
 *
 *   <dir>/signing-key.pem            the current private key (PKCS#8), 0600; the folder is 0700
 *   <dir>/trusted/<keyId>.pub.pem    public keys of the current and every earlier key (SPKI)
 *
 * A key's id is the first 16 hex digits of the SHA-256 of its public key (DER). Rotation makes a new
 * key, deletes the old private key and keeps the old public key in trusted/, so checkpoints signed
 * before the rotation still verify. A copy of trusted/ (and of the checkpoints) off this machine is
 * what makes a checkpoint worth trusting: `audit verify --public-key FILE` checks against such a copy.
 */
export const SIGNING_KEY_FILE = 'signing-key.pem';
const TRUSTED = 'trusted';

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

function ensurePrivateFolder(dir: string): void {
  mkdirSync(join(dir, TRUSTED), { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

function writeNewKey(dir: string): SigningKey {
  ensurePrivateFolder(dir);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(publicKey);
  writeFileSync(join(dir, TRUSTED, `${keyId}.pub.pem`), publicKey.export({ type: 'spki', format: 'pem' }), {
    mode: 0o644,
  });
  const file = join(dir, SIGNING_KEY_FILE);
  // Written to a new file first, so a crash never leaves half a key under the real name.
  const partial = `${file}.new`;
  writeFileSync(partial, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
  return { keyId, privateKey, publicKey };
}

/** The current signing key, or null when none was made yet. */
export function readSigningKey(dir: string): SigningKey | null {
  const file = join(dir, SIGNING_KEY_FILE);
  if (!existsSync(file)) return null;
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** The current signing key; made (with its trusted public key) on first use. */
export function signingKey(dir: string): { key: SigningKey; created: boolean } {
  const existing = readSigningKey(dir);
  if (existing) return { key: existing, created: false };
  return { key: writeNewKey(dir), created: true };
}

/** Replaces the signing key; the old one's public key stays trusted for older checkpoints. */
export function rotateSigningKey(dir: string): { previous: string | null; key: SigningKey } {
  const previous = readSigningKey(dir)?.keyId ?? null;
  return { previous, key: writeNewKey(dir) };
}

/** Every public key in trusted/, by id (the current key's included). */
export function trustedPublicKeys(dir: string): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const folder = join(dir, TRUSTED);
  if (!existsSync(folder)) return keys;
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.pub.pem')) continue;
    const key = createPublicKey(readFileSync(join(folder, name)));
    keys.set(keyIdOf(key), key);
  }
  return keys;
}

/** A public key from a file (a copy kept off the server), by id. */
export function publicKeyFromFile(file: string): Map<string, KeyObject> {
  const key = createPublicKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 public key`);
  return new Map([[keyIdOf(key), key]]);
}
