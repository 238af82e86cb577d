/**
 * The layers are guarded by ESLint (eslint.config.js), not by review: a wrong-way import, an
 * import cycle, or a runtime Electron import in a pure module fails `npm run lint`. These tests
 * plant such files in the tree for a moment and check that ESLint names them.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '../..');
const planted: string[] = [];

/** Writes a file inside the repository (rules are per folder), to be removed after the test. */
function plant(relativePath: string, source: string): string {
  const path = join(repoRoot, relativePath);
  writeFileSync(path, source);
  planted.push(path);
  return path;
}

afterEach(() => {
  for (const path of planted.splice(0)) rmSync(path, { force: true });
});

async function ruleIdsFor(path: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: repoRoot }).lintFiles([path]);
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

// A name per run, so leftovers of a killed run never collide with this one.
const tag = `${process.pid}`;

describe('layers enforced by lint', () => {
  it.each([
    ['main/store', "import { loadDemo } from '../demo/load-demo.ts';\nexport const x = loadDemo;\n", 'the store importing the demo'],
    ['main/store', "import { readAuditFile } from '../ingest/files/read-file.ts';\nexport const x = readAuditFile;\n", 'the store importing an importer'],
    ['main/domain', "import { compileQuery } from '../query/compile.ts';\nexport const x = compileQuery;\n", 'the domain importing the query compiler'],
    ['main/api', "import { openWorkspaceForRead } from '../store/open.ts';\nexport const x = openWorkspaceForRead;\n", 'the main thread loading SQLite'],
    ['renderer/src', "import { dispatch } from '../../main/api/dispatch.ts';\nexport const x = dispatch;\n", 'the renderer importing main'],
    ['preload', "import { dispatch } from '../main/api/dispatch.ts';\nexport const x = dispatch;\n", 'the preload importing main'],
    ['common', "import { dispatch } from '../main/api/dispatch.ts';\nexport const x = dispatch;\n", 'common importing main'],
  ])('in %s, fails on %j (%s)', async (folder, source) => {
    const path = plant(`${folder}/zz-lint-probe-${tag}.ts`, source);
    expect(await ruleIdsFor(path)).toContain('import-x/no-restricted-paths');
  });

  it('accepts the same kind of file when it imports the way the layers allow', async () => {
    const path = plant(`main/store/zz-lint-probe-${tag}.ts`, "import { compileQuery } from '../query/compile.ts';\nexport const x = compileQuery;\n");
    expect(await ruleIdsFor(path)).toEqual([]);
  });

  it('fails on an import cycle', async () => {
    const a = plant(`main/domain/zz-lint-a-${tag}.ts`, `import { b } from './zz-lint-b-${tag}.ts';\nexport const a = () => b;\n`);
    plant(`main/domain/zz-lint-b-${tag}.ts`, `import { a } from './zz-lint-a-${tag}.ts';\nexport const b = () => a;\n`);
    expect(await ruleIdsFor(a)).toContain('import-x/no-cycle');
  });

  it('fails on a runtime Electron import in a module that must stay Electron-free, and accepts a type import', async () => {
    // Linted as text under a covered name, so the real file is never touched.
    const eslint = new ESLint({ cwd: repoRoot });
    const lint = async (code: string) =>
      (await eslint.lintText(code, { filePath: join(repoRoot, 'main/electron/trusted-url.ts') }))[0]!.messages.map((m) => m.ruleId);
    expect(await lint("import { app } from 'electron';\nexport const x = app;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint("import type { App } from 'electron';\nexport type X = App;\n")).toEqual([]);
  });
});
