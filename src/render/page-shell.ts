import Handlebars from 'handlebars';
import { UnusableInput } from '../errors.js';

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

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
  /** The edition statement every page carries. */
  edition: string;
}

export type Shell = (data: ShellData) => string;

/**
 * Compiles the two shells. The HTML one escapes every `{{value}}`; only `{{{body}}}`, built
 * and sanitised as a syntax tree, is inserted raw. The Markdown one inserts values as they
 * are, since everything it receives is already serialised Markdown.
 */
export function compileShells(templates: Templates): { html: Shell; markdown: Shell } {
  const hbs = Handlebars.create();
  // Compile now rather than on first use, so that a broken template is reported before
  // any page is rendered.
  const compile = (name: string, text: string, options: CompileOptions): Shell => {
    try {
      const template = hbs.compile<ShellData>(text, options);
      template(sample);
      return template;
    } catch (error) {
      throw new UnusableInput(`Template ${name} cannot be used: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  return {
    html: compile('page.html.hbs', templates.html, { strict: true }),
    markdown: compile('page.md.hbs', templates.markdown, { strict: true, noEscape: true }),
  };
}

/** Data of the right shape, to try a template on. */
const sample: ShellData = { title: '', site: '', root: '', nav: [{ label: '', href: '', current: true }], navMarkdown: '', body: '', version: '', notice: '', edition: '' };
