import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { excerpts } from '../src/diagnostics/excerpts.js';
import { pretty } from '../src/reporters/pretty.js';

const at = (file: string, line: number, column: number, endColumn: number): Diagnostic => ({ file, line, column, endLine: line, endColumn, severity: 'warning', rule: 'status/draft', message: 'A draft.' });

describe('excerpts', () => {
  it('keeps only the lines diagnostics point at and the line above each, without line endings', () => {
    const files = [
      { path: 'content/missions/la.md', text: '\r\n---\r\ncountry: LA\r\nstatus: draft\r\n---\r\n' },
      { path: 'content/missions/th.md', text: 'no diagnostic here\n' },
    ];
    const kept = excerpts([at('content/missions/la.md', 4, 9, 14), at('content/missions/la.md', 1, 1, 1), at('content/missions/la.md', 40, 1, 1)], files);
    expect([...kept.keys()]).toEqual(['content/missions/la.md']);
    expect([...kept.get('content/missions/la.md')!].sort(([a], [b]) => a - b)).toEqual([
      [1, ''],
      [3, 'country: LA'],
      [4, 'status: draft'],
    ]);
  });

  it('gives the pretty reporter its code frames, and none for a line past the end of the file', () => {
    const files = [{ path: 'content/missions/la.md', text: '---\ncountry: LA\nstatus: draft\n---\n' }];
    const diagnostics = [at('content/missions/la.md', 3, 9, 14), at('content/missions/la.md', 9, 1, 2)];
    expect(pretty(diagnostics, { color: false, excerpts: excerpts(diagnostics, files) })).toBe(
      [
        'content/missions/la.md:3:9  warning  A draft.  status/draft',
        '  2 | country: LA',
        '> 3 | status: draft',
        '    |         ^^^^^',
        '',
        'content/missions/la.md:9:1  warning  A draft.  status/draft',
        '',
      ].join('\n'),
    );
  });
});
