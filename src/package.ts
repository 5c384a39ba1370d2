import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** ecap's own folder (the one with package.json, schemas/ and templates/), from src/ or build/. */
export const packageRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** ecap's version, as package.json gives it. */
export const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
