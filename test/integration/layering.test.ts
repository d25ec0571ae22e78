/**
 * The house's import directions (STYLE.md), checked on the sources: the engine imports nothing of the app, the
 * host no Electron, the renderer only types from the contract and never Node, and the app reaches the engine only
 * through engine/index.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/environment.js';

interface Import {
  file: string;
  target: string;
  isTypeOnly: boolean;
}

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name))
    .map((d) => path.relative(REPO_ROOT, path.join(d.parentPath, d.name)));
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) found.push({ file, target: m[3], isTypeOnly: Boolean(m[2]) });
  for (const m of text.matchAll(/import\('([^']+)'\)/g)) found.push({ file, target: m[1], isTypeOnly: false });
  return found;
}

/** The repository path an import points at, or the package name. */
function resolved(imp: Import): string {
  return imp.target.startsWith('.') ? path.relative(REPO_ROOT, path.resolve(REPO_ROOT, path.dirname(imp.file), imp.target)) : imp.target;
}

test('layering: engine <- host <- main/web; renderer -> contract (types only); no Electron in the host', () => {
  const problems: string[] = [];
  for (const file of sources('engine')) {
    // The engine's own tests may use the shared test support (a Python bridge, seeded data); the library may not,
    // and no library file imports a test's support module.
    const isTest = /\.test(-support)?\.ts$/.test(file);
    for (const imp of importsOf(file)) {
      const target = resolved(imp);
      const allowed = isTest && target.startsWith('test/support/');
      if ((/^(electron|renderer|cli|test)\//.test(target) && !allowed) || imp.target === 'electron') problems.push(`${file} imports ${imp.target}`);
      if (!isTest && /\.test(-support)?\.js$/.test(imp.target)) problems.push(`${file} imports the test module ${imp.target}`);
    }
  }
  for (const dir of ['electron', 'renderer']) {
    for (const file of sources(dir)) {
      for (const imp of importsOf(file)) {
        const target = resolved(imp);
        if (target.startsWith('engine/') && target !== 'engine/index.js' && !(imp.isTypeOnly && file === 'electron/ipc/contract.ts')) problems.push(`${file} imports ${imp.target}: the app uses engine/index.ts only`);
      }
    }
  }
  for (const file of sources('electron/host')) {
    for (const imp of importsOf(file)) if (imp.target === 'electron') problems.push(`${file} imports electron: the host runs without it`);
  }
  // The renderer's unit tests run under Node; the code they test must not.
  for (const file of sources('renderer').filter((f) => !f.endsWith('.test.ts'))) {
    for (const imp of importsOf(file)) {
      const target = resolved(imp);
      if (imp.target.startsWith('node:') || target.startsWith('engine/') || imp.target === 'electron') problems.push(`${file} imports ${imp.target}`);
      if (target.startsWith('electron/') && !(target === 'electron/ipc/contract.js' && imp.isTypeOnly)) problems.push(`${file} imports ${imp.target}: only types from electron/ipc/contract.ts`);
    }
  }
  assert.deepEqual(problems, []);
});
