import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** ecap's own folder (the one with package.json, schemas/ and templates/), from src/, build/ or build/bundle/. */
export const packageRoot = ((dir: string): string => {
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})(path.dirname(fileURLToPath(import.meta.url)));

/** ecap's version, as package.json gives it. */
export const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
