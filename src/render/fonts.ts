import type { Model } from '../model/model.js';

/** A font package (from the Noto families, via Fontsource) and the parts of it a page set needs. */
export interface FontRequest {
  package: string;
  /** Fontsource CSS files, one per weight and style. */
  styles: string[];
  /** Subsets to keep, by Fontsource's name; the others are left out. */
  subsets: string[];
}

/** A `@font-face` rule and the WOFF2 file it loads. */
export interface FontFace {
  css: string;
  file: string;
  bytes: Uint8Array;
}

/** Latin text in every report; each national script only where content uses it. */
const latin: FontRequest = { package: '@fontsource/noto-sans', styles: ['400.css', '700.css', '400-italic.css'], subsets: ['latin', 'latin-ext'] };

/** BCP 47 language or script subtags → the Noto font that writes them. */
const scripts: Array<{ matches: (lang: string) => boolean; font: FontRequest }> = [
  { matches: (l) => /^th\b/.test(l) || /-Thai\b/.test(l), font: { package: '@fontsource/noto-sans-thai', styles: ['400.css', '700.css'], subsets: ['thai'] } },
  { matches: (l) => /^lo\b/.test(l) || /-Laoo\b/.test(l), font: { package: '@fontsource/noto-sans-lao', styles: ['400.css', '700.css'], subsets: ['lao'] } },
  { matches: (l) => /^km\b/.test(l) || /-Khmr\b/.test(l), font: { package: '@fontsource/noto-sans-khmer', styles: ['400.css', '700.css'], subsets: ['khmer'] } },
  { matches: (l) => /^my\b/.test(l) || /-Mymr\b/.test(l), font: { package: '@fontsource/noto-sans-myanmar', styles: ['400.css', '700.css'], subsets: ['myanmar'] } },
  { matches: (l) => /^ar\b/.test(l) || /-Arab\b/.test(l), font: { package: '@fontsource/noto-naskh-arabic', styles: ['400.css', '700.css'], subsets: ['arabic'] } },
  { matches: (l) => /^vi\b/.test(l), font: { package: '@fontsource/noto-sans', styles: ['400.css', '700.css'], subsets: ['vietnamese'] } },
];

/** Every language tag the content writes a name in. */
export function languagesUsed(model: Model): string[] {
  const tags = new Set<string>();
  for (const c of model.countries) if (c.native_name) tags.add(c.native_name.lang);
  for (const m of model.missions) for (const a of m.data.agencies) if (a.native_name) tags.add(a.native_name.lang);
  return [...tags].sort();
}

/** The fonts that the given languages need, Latin first. */
export function fontsFor(languages: readonly string[]): FontRequest[] {
  const needed = scripts.filter((s) => languages.some((l) => s.matches(l))).map((s) => s.font);
  return [latin, ...needed];
}

/** Keeps the `@font-face` blocks of the wanted subsets and points them at `fonts/<file>.woff2`. */
export function selectFaces(css: string, request: FontRequest): Array<{ css: string; file: string }> {
  const base = request.package.replace('@fontsource/', '');
  const out: Array<{ css: string; file: string }> = [];
  // Fontsource's files are generated: a `/* <package>-<subset>-<weight>-<style> */` comment
  // comes before each block.
  for (const [, name, block] of css.matchAll(/\/\* ([a-z0-9-]+) \*\/\s*(@font-face \{[^}]*\})/g)) {
    const subset = name!.slice(base.length + 1).replace(/-\d+-(normal|italic)$/, '');
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block!)?.[1];
    if (!request.subsets.includes(subset) || !file) continue;
    out.push({ file, css: block!.replace(/src: [^;]+;/, `src: url(fonts/${file}) format('woff2');`) });
  }
  return out;
}
