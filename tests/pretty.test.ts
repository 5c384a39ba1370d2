import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../src/diagnostics/diagnostic.js';
import { pretty } from '../src/reporters/pretty.js';

const problem = (n: number, severity: Severity, rule: string): Diagnostic => ({ file: `content/practices/p${String(n).padStart(2, '0')}.md`, line: 2, column: 8, endLine: 2, endColumn: 12, severity, rule, message: `Problem ${n}.` });

describe('pretty', () => {
  it('shows every error and warning, and infos of one rule up to the limit, counting the rest', () => {
    const list = [
      ...Array.from({ length: 5 }, (_, i) => problem(i, 'info', 'practice/not-recommended')),
      problem(5, 'error', 'schema/enum'),
      ...Array.from({ length: 4 }, (_, i) => problem(6 + i, 'warning', 'status/draft')),
      problem(10, 'info', 'other/info'),
    ];
    const lines = pretty(list, { color: false, infosPerRule: 2 }).split('\n').filter(Boolean);
    expect(lines).toEqual([
      'content/practices/p00.md:2:8  info  Problem 0.  practice/not-recommended',
      'content/practices/p01.md:2:8  info  Problem 1.  practice/not-recommended',
      'content/practices/p05.md:2:8  error  Problem 5.  schema/enum',
      'content/practices/p06.md:2:8  warning  Problem 6.  status/draft',
      'content/practices/p07.md:2:8  warning  Problem 7.  status/draft',
      'content/practices/p08.md:2:8  warning  Problem 8.  status/draft',
      'content/practices/p09.md:2:8  warning  Problem 9.  status/draft',
      'content/practices/p10.md:2:8  info  Problem 10.  other/info',
      '… and 3 more infos of practice/not-recommended, not shown: `ecap check --reporter json` lists every one.',
    ]);
  });

  it('says "1 more info" for one folded, and folds nothing at the limit', () => {
    const infos = (n: number) => Array.from({ length: n }, (_, i) => problem(i, 'info', 'practice/not-recommended'));
    expect(pretty(infos(3), { color: false, infosPerRule: 2 })).toContain('… and 1 more info of practice/not-recommended, not shown');
    expect(pretty(infos(10), { color: false })).not.toContain('more info');
    expect(pretty(infos(11), { color: false })).toContain('… and 1 more info of practice/not-recommended');
  });
});
