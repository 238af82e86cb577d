/** Upload folders of a host that was killed mid-upload are removed at the next start; live ones stay. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeUploadLeftovers } from '../../../main/server/upload-leftovers.ts';

const root = mkdtempSync(join(tmpdir(), 'tk-leftovers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('removeUploadLeftovers', () => {
  it('removes the folders of processes that no longer run, and only those', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout.trim());
    for (const name of [`trailkeeper-upload-${deadPid}-abc`, `trailkeeper-upload-${process.pid}-def`, 'trailkeeper-upload-x-ghi', 'unrelated']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'f.jsonl'), '{}');
    }
    expect(await removeUploadLeftovers(root)).toEqual([`trailkeeper-upload-${deadPid}-abc`]);
    expect(readdirSync(root).sort()).toEqual([`trailkeeper-upload-${process.pid}-def`, 'trailkeeper-upload-x-ghi', 'unrelated']);
  });
});
