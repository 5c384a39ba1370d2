import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { selectFaces, type FontFace, type FontRequest } from '../render/fonts.js';

const resolveFrom = createRequire(import.meta.url);

/** Reads the font faces a build needs from the installed font packages. */
export async function readFonts(requests: readonly FontRequest[]): Promise<FontFace[]> {
  const faces: FontFace[] = [];
  for (const request of requests) {
    const dir = path.dirname(resolveFrom.resolve(`${request.package}/package.json`));
    for (const style of request.styles) {
      const css = await readFile(path.join(dir, style), 'utf8');
      for (const face of selectFaces(css, request)) {
        if (faces.some((f) => f.file === face.file)) continue;
        faces.push({ ...face, bytes: new Uint8Array(await readFile(path.join(dir, 'files', face.file))) });
      }
    }
  }
  return faces;
}
