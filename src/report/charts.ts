import type { Element } from 'hast';
import { s } from 'hastscript';
import type { Node } from 'unist';
import { formatNumber } from './format.js';

/**
 * A bar chart drawn at build time: groups (member states, or years) of bars (years, or one
 * bar). The table with the same figures stands beside it for screen readers and print.
 */
export interface Chart extends Node {
  type: 'chart';
  /** Unique in the output: names the SVG file the Markdown report shows. */
  id: string;
  /** `Figure 2`, given when the page is numbered. */
  label?: string;
  title: string;
  description: string;
  /** Series names, one colour each, shown in the legend (e.g. years). */
  keys: string[];
  groups: Array<{ label: string; values: Array<number | undefined> }>;
}

/**
 * A chart of `groups` (one bar per key in each), described in words for those who cannot
 * see it: what it shows, how many bars, and the largest figure.
 */
export function chartOf(id: string, title: string, groups: Chart['groups'], keys: Array<string | number>): Chart {
  const names = keys.map(String);
  let top: { label: string; key: string; value: number } | undefined;
  for (const g of groups) g.values.forEach((v, i) => v !== undefined && (!top || v > top.value) && (top = { label: g.label, key: names[i]!, value: v }));
  const description = [
    `Horizontal bar chart: ${title.charAt(0).toLowerCase()}${title.slice(1)}, for ${groups.length === 1 ? groups[0]!.label : `${groups.length} groups`} and ${names.length === 1 ? names[0] : `the years ${names.join(', ')}`}.`,
    top ? ` The largest figure is ${formatNumber(top.value)} (${top.label}, ${top.key}).` : '',
    ' Figures for part of a year or a fiscal year are in the table only.',
  ].join('');
  return { type: 'chart', id, title, description, keys: names, groups };
}

/** Colours at least 3:1 against white, told apart by the legend and by the figures written on each bar. */
const palette = ['#0b4f8a', '#b3470a', '#2e6b30', '#6a1b9a', '#8a5a00'];
const ink = '#1b1f24';
const width = 640;
const labelWidth = 150;
const barArea = 380;
const barHeight = 14;
const gap = 4;
const groupGap = 12;

/** The chart as an SVG element: role img, with its title and description for assistive technology. */
export function chartSvg(chart: Chart, standalone = false): Element {
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  const max = Math.max(1, ...chart.groups.flatMap((g) => g.values.filter((v): v is number => v !== undefined)));
  const legendHeight = chart.keys.length > 1 ? 28 : 0;
  const children: Element[] = [];
  let y = legendHeight;
  chart.groups.forEach((group) => {
    const height = chart.keys.length * (barHeight + gap) - gap;
    children.push(s('text', { x: labelWidth - 8, y: y + height / 2 + 4, 'text-anchor': 'end', fill: ink }, group.label));
    group.values.forEach((value, i) => {
      const top = y + i * (barHeight + gap);
      if (value === undefined) {
        children.push(s('text', { x: labelWidth + 4, y: top + barHeight - 3, fill: ink, 'font-size': 11 }, 'no figure'));
        return;
      }
      const length = Math.max(1, Math.round((value / max) * barArea));
      children.push(s('rect', { x: labelWidth, y: top, width: length, height: barHeight, fill: palette[i % palette.length] }));
      children.push(s('text', { x: labelWidth + length + 4, y: top + barHeight - 3, fill: ink, 'font-size': 11 }, formatNumber(value)));
    });
    y += height + groupGap;
  });
  const legend =
    chart.keys.length > 1
      ? chart.keys.flatMap((key, i) => [
          s('rect', { x: labelWidth + i * 80, y: 4, width: 12, height: 12, fill: palette[i % palette.length] }),
          s('text', { x: labelWidth + i * 80 + 16, y: 14, fill: ink, 'font-size': 11 }, key),
        ])
      : [];
  const height = y - groupGap + 4;
  return s(
    'svg',
    {
      // Inline, the chart scales to the page's width; as a file, it keeps its own size.
      ...(standalone ? { xmlns: 'http://www.w3.org/2000/svg', width, height } : {}),
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      'font-family': 'Noto Sans, sans-serif',
      'font-size': 12,
    },
    [s('title', { id: titleId }, chart.title), s('desc', { id: descId }, chart.description), ...legend, ...children],
  );
}
