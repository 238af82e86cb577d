/** Loads every Sigma file under a folder (the built-in pack in resources/rules, or a user's). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadSigma, type LoadedRule } from './load.ts';

function ruleFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? ruleFiles(p) : /\.ya?ml$/i.test(name) ? [p] : [];
    });
}

export function loadRuleFolder(dir: string): LoadedRule[] {
  return ruleFiles(dir).flatMap((file) => loadSigma(readFileSync(file, 'utf8'), relative(dir, file)));
}
