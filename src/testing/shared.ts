// Test support: locates reference files in ../shared (beside the repository), read in place.
// Where ../shared is missing (a user's clone) a test skips with a message naming the file;
// under CI=true a missing file is a failure.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = resolve(repoRoot, '..', 'shared');

/** Absolute path of a shared file, or null when it is missing (throws under CI=true). */
export function sharedFile(relative: string): string | null {
  const path = join(sharedRoot, relative);
  if (existsSync(path)) return path;
  if (process.env.CI === 'true') throw new Error(`missing reference file ../shared/${relative} (required under CI=true)`);
  return null;
}

/** For node:test: `test('x', { skip: skipUnlessShared('locm/RULES.md') }, ...)`. */
export function skipUnlessShared(relative: string): string | false {
  return sharedFile(relative) === null ? `needs ../shared/${relative}, which is missing` : false;
}
