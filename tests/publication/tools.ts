import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { it } from 'vitest';
import { findChromium as findBrowser } from '../../src/pipeline/pdf.js';

// The outside checkers the publication tests need. A missing one skips its test file
// loudly on a developer's machine, and fails it in CI (CI=true), where a skipped check
// would read as a passed one.

export interface Tool {
  /** What the tool is, for messages. */
  name: string;
  /** The executable (or jar) to run, when it was found. */
  path: string | undefined;
  /** Why it is missing, and how to get it; empty when found. */
  missing: string;
}

export const inCI = process.env.CI === 'true';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

/** Chromium, found as `ecap build --pdf` finds it: $ECAP_CHROMIUM, else `chromium` (or Chrome) on PATH. */
export function findChromium(): Tool {
  const name = 'Chromium';
  const found = findBrowser();
  if (found && executable(found)) return { name, path: found, missing: '' };
  return {
    name,
    path: undefined,
    missing: found
      ? `no Chromium at ECAP_CHROMIUM=${found} (not an executable file); point ECAP_CHROMIUM at a Chromium or Chrome binary, or unset it`
      : "no `chromium` on PATH; install Debian's chromium (apt-get install chromium) or set ECAP_CHROMIUM to a Chromium binary",
  };
}

/** Java (to run the Nu HTML checker: $ECAP_JAVA, else $JAVA_HOME/bin/java, else `java` on PATH), and the checker's jar from the vnu-jar package. */
export function findVnu(): Tool & { jar: string | undefined } {
  const name = 'Java and the Nu HTML checker';
  let jar: string | undefined;
  try {
    jar = String(createRequire(import.meta.url)('vnu-jar'));
  } catch {
    jar = undefined;
  }
  if (!jar || !existsSync(jar)) {
    return { name, path: undefined, jar: undefined, missing: `no vnu.jar${jar ? ` at ${jar}` : ''}; run npm ci to install the vnu-jar devDependency` };
  }
  const fromEnv = process.env.ECAP_JAVA;
  if (fromEnv && !executable(fromEnv)) {
    return { name, path: undefined, jar, missing: `no Java at ECAP_JAVA=${fromEnv} (not an executable file); point ECAP_JAVA at a java binary, or unset it to use JAVA_HOME or \`java\` on PATH` };
  }
  const fromHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  const java = fromEnv || (fromHome && executable(fromHome) ? fromHome : onPath('java'));
  if (!java) return { name, path: undefined, jar, missing: "no `java` on PATH (nor in JAVA_HOME); install a Java runtime 11 or later (apt-get install default-jre-headless)" };
  const version = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (version.status !== 0) return { name, path: undefined, jar, missing: `\`${java} -version\` failed (${version.error?.message ?? `exit ${version.status}`}); install a working Java runtime 11 or later` };
  return { name, path: java, jar, missing: '' };
}

/**
 * Call at the top of a test file when `tool` is missing: outside CI, warns on stderr and
 * registers a skipped test whose title says what is missing; in CI, registers a failing test.
 * Returns true when the file's real tests should be skipped.
 */
export function skipWithout(tool: Tool, what: string): boolean {
  if (tool.path) return false;
  if (inCI) {
    it(`FAILS in CI: ${what} need ${tool.name}: ${tool.missing}`, () => {
      throw new Error(`${what} cannot run: ${tool.missing}. CI=true, so this is a failure, not a skip.`);
    });
  } else {
    console.warn(`\n*** SKIPPED: ${what}: ${tool.missing} ***\n`);
    it.skip(`SKIPPED: ${what}: ${tool.missing}`, () => {});
  }
  return true;
}
