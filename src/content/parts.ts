import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/rules.js';
import type { MissionBody, PartKey } from '../model/model.js';

/** The four parts of every mission, as the activity defines them. */
export const partTitles: Record<PartKey, string> = {
  a: 'Current situation, needs and expectations',
  b: 'Best practices observed',
  c: 'Suggestions for guidelines and materials',
  d: 'Suggestions for interagency coordination',
};

export const partKeys = Object.keys(partTitles) as PartKey[];

/** Words that identify a part when its heading has no (a)–(d) marker. */
const partWords: Record<PartKey, RegExp> = {
  a: /current situation|needs|expectations/,
  b: /best practice/,
  c: /guideline|material/,
  d: /coordination|inter-?agency/,
};

/** Which part a level-2 heading opens: by its (a)–(d) marker, else by its words. */
export function partOf(headingText: string): PartKey | undefined {
  const text = headingText.trim().toLowerCase();
  const marker = /^\(?([a-d])[).:]\s/.exec(text);
  if (marker) return marker[1] as PartKey;
  return partKeys.find((key) => partWords[key].test(text));
}

/** Cuts a mission body into its parts and says what is missing, empty, doubled or unknown. */
export function splitParts(body: Root, file: string): { value: MissionBody; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const value: MissionBody = { intro: [], parts: {} };
  const headings: Partial<Record<PartKey, Heading>> = {};
  let current: RootContent[] = value.intro;
  for (const node of body.children) {
    if (node.type === 'heading' && node.depth === 2) {
      const text = toString(node);
      const key = partOf(text);
      const at = spanOf(node);
      if (!key) {
        diagnostics.push(diagnostic('structure/unknown-section', file, at, `Unexpected section \`${text}\`: a mission note has the level-2 sections ${partKeys.map((k) => `(${k}) ${partTitles[k]}`).join('; ')}. Make it a level-3 heading (\`###\`) inside one of them.`));
        current.push({ ...node, depth: 3 });
        continue;
      }
      if (headings[key]) {
        diagnostics.push(diagnostic('structure/duplicate-section', file, at, `Unexpected second part (${key}) \`${text}\`: merge it into the first one, at line ${headings[key]!.position?.start.line}.`));
        current = value.parts[key]!;
        continue;
      }
      headings[key] = node;
      current = value.parts[key] = [];
      continue;
    }
    current.push(node);
  }
  const end = body.position ? { line: body.position.end.line, column: body.position.end.column, endLine: body.position.end.line, endColumn: body.position.end.column } : { line: 1, column: 1, endLine: 1, endColumn: 1 };
  for (const key of partKeys) {
    const heading = headings[key];
    if (!heading) {
      diagnostics.push(diagnostic('structure/missing-section', file, end, `Missing part (${key}): add a section \`## (${key}) ${partTitles[key]}\` with the expert's findings.`));
    } else if (value.parts[key]!.every((n) => toString(n).trim() === '')) {
      diagnostics.push(diagnostic('structure/empty-section', file, spanOf(heading), `Unexpected empty part (${key}) \`${toString(heading)}\`: write what the mission found, or note "Nothing to report".`));
    }
  }
  return { value, diagnostics };
}

function spanOf(node: RootContent) {
  const p = node.position;
  return p
    ? { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column }
    : { line: 1, column: 1, endLine: 1, endColumn: 1 };
}
