import Handlebars from 'handlebars';

/** The page shells from templates/: editors change layout and wording there, not in TypeScript. */
export interface Templates {
  html: string;
  markdown: string;
  css: string;
}

export interface ShellData {
  title: string;
  /** The report's short title, for the `<title>` and the header. */
  site: string;
  /** `../` from a country report, empty at the top. */
  root: string;
  nav: Array<{ label: string; href: string; current: boolean }>;
  /** Markdown navigation line, already serialised. */
  navMarkdown: string;
  body: string;
  version: string;
  notice: string;
}

export type Shell = (data: ShellData) => string;

/**
 * Compiles the two shells. The HTML one escapes every `{{value}}`; only `{{{body}}}`, built
 * and sanitised as a syntax tree, is inserted raw. The Markdown one inserts values as they
 * are, since everything it receives is already serialised Markdown.
 */
export function compileShells(templates: Templates): { html: Shell; markdown: Shell } {
  const hbs = Handlebars.create();
  return {
    html: hbs.compile(templates.html, { strict: true }),
    markdown: hbs.compile(templates.markdown, { strict: true, noEscape: true }),
  };
}
