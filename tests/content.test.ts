import { beforeAll, describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../src/pipeline/index.js';
import type { Model } from '../src/model/model.js';
import { repo } from './helpers.js';

// The bundled content is the example every new user sees first: it must check clean and
// exercise every feature the reports have.
let result: CheckResult;
let model: Model;

beforeAll(async () => {
  result = await check({ contentDir: 'content', cwd: repo });
  model = result.model!;
});

describe('bundled content', () => {
  it('checks without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('has a mission note for each of the eight member states visited, a draft among finals', () => {
    expect(model.missions.map((m) => m.data.country).sort()).toEqual(['BN', 'ID', 'KH', 'LA', 'MY', 'PH', 'SG', 'TH']);
    const statuses = new Set(model.missions.map((m) => m.data.status));
    expect(statuses).toEqual(new Set(['draft', 'final']));
    for (const m of model.missions) expect(Object.keys(m.body.parts).sort(), m.file).toEqual(['a', 'b', 'c', 'd']);
  });

  it('has a synthesis and at least three practices from several countries for every theme', () => {
    expect(model.themes).toHaveLength(9);
    for (const theme of model.themes) {
      expect(theme.body.children.length, theme.file).toBeGreaterThan(0);
      const practices = model.practices.filter((p) => p.data.themes.includes(theme.id));
      expect(practices.length, theme.id).toBeGreaterThanOrEqual(3);
      expect(new Set(practices.map((p) => p.data.country)).size, theme.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('has statistics for at least six countries in at least two units', () => {
    expect(new Set(model.statistics.map((s) => s.data.country)).size).toBeGreaterThanOrEqual(6);
    const units = new Set(model.statistics.flatMap((s) => s.data.figures.map((f) => f.unit ?? f.currency)));
    expect(units.size).toBeGreaterThanOrEqual(2);
  });

  it('has the Manila consultation meeting and at least twelve recommendations it adopted', () => {
    expect(model.meetings.map((m) => [m.data.venue.city, m.data.dates.start, m.data.dates.end])).toEqual([['Manila', '2013-11-25', '2013-11-27']]);
    expect(model.recommendations.filter((r) => r.data.meeting === model.meetings[0]!.id).length).toBeGreaterThanOrEqual(12);
  });

  it('says it is illustrative', () => {
    expect(model.activity.notice).toMatch(/illustrative/i);
  });
});
