import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../main/domain/event.ts';
import { demoShiftMs, readDemoManifest, removeStaleDemoFiles, shiftedDemoFile, type DemoManifest } from '../../../main/demo/demo-set.ts';
import { shiftIso } from '../../../main/demo/shift-time.ts';
import { buildDemo } from '../../../scripts/demo/build.ts';
import { readAll } from './read-all.ts';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const DEMO_DIR = path.join(RESOURCES, 'demo');
const DAY = 86_400_000;

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Every action the demo must show, by what a demo viewer looks for. */
const REQUIRED: Record<string, string[]> = {
  login: ['user.session.start', 'org.sso_response'],
  logout: ['user.session.end'],
  mfa: ['system.push.send_factor_verify_push', 'user.authentication.auth_via_mfa', 'user.mfa.okta_verify.deny_push'],
  users: ['user.lifecycle.create', 'user.account.update_profile', 'user.lifecycle.deactivate', 'user.lifecycle.delete.initiated', 'org.invite_member', 'org.add_member', 'org.remove_member'],
  roles: ['user.account.privilege.grant', 'user.account.privilege.revoke', 'org.update_member'],
  tokens: ['system.api_token.create', 'system.api_token.revoke', 'personal_access_token.access_granted', 'personal_access_token.access_revoked'],
  apps: ['application.lifecycle.create', 'application.lifecycle.update', 'application.lifecycle.delete', 'hook.create', 'hook.config_changed', 'hook.destroy', 'integration_installation.create'],
  collectors: ['system.log_stream.lifecycle.create', 'system.log_stream.lifecycle.update', 'system.log_stream.lifecycle.delete', 'audit_log_streaming.create', 'audit_log_streaming.update'],
  config: ['policy.lifecycle.update', 'policy.rule.update', 'zone.update', 'protected_branch.update', 'org.update_default_repository_permission'],
  auditOff: ['system.log_stream.lifecycle.deactivate'],
  exports: ['analytics.reports.export.request', 'org.audit_log_export'],
};

describe('demo data set', () => {
  let manifest: DemoManifest;
  const byFile = new Map<string, NormalizedEvent[]>();

  beforeAll(async () => {
    manifest = readDemoManifest(RESOURCES);
    for (const c of manifest.connections) {
      for (const t of c.tenants) {
        const { events, problems } = await readAll(path.join(DEMO_DIR, t.file));
        expect(problems, t.file).toEqual([]);
        byFile.set(t.file, events);
      }
    }
  });

  it('is deterministic: two builds give the same bytes, and resources/demo holds exactly that content', () => {
    const a = buildDemo();
    const b = buildDemo();
    expect(a.files.map((f) => sha256(f.gz))).toEqual(b.files.map((f) => sha256(f.gz)));
    expect(JSON.stringify(a.manifest)).toBe(JSON.stringify(b.manifest));
    // Compare decompressed content with the committed files, so another zlib build cannot fail it.
    for (const f of a.files) expect(sha256(gunzipSync(readFileSync(path.join(DEMO_DIR, f.name)))), f.name).toBe(sha256(gunzipSync(f.gz)));
    expect(JSON.parse(readFileSync(path.join(DEMO_DIR, 'demo.json'), 'utf8'))).toEqual(a.manifest);
    expect(a.files.reduce((n, f) => n + f.gz.length, 0)).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('has an MSP Okta connection with three customer orgs and a GitHub org', () => {
    const okta = manifest.connections.find((c) => c.kind === 'okta');
    const github = manifest.connections.find((c) => c.kind === 'github');
    expect(okta?.label).toBe('Northwind MSP – Okta');
    expect(okta?.tenants.length).toBeGreaterThanOrEqual(3);
    expect(github?.tenants).toHaveLength(1);
    for (const t of okta?.tenants ?? []) expect(t.groups).toContain('customers');
    expect(okta?.tenants.filter((t) => t.groups.includes('finance-sector')).length).toBeGreaterThanOrEqual(1);
  });

  it('holds at least 5,000 events over 180 days ending at the anchor, unique per tenant', () => {
    const anchor = Date.parse(manifest.anchor);
    const all = [...byFile.values()].flat();
    expect(all.length).toBeGreaterThanOrEqual(5000);
    expect(Math.max(...all.map((e) => e.ts))).toBe(anchor);
    expect(Math.min(...all.map((e) => e.ts))).toBeGreaterThan(anchor - 181 * DAY);
    for (const [file, events] of byFile) expect(new Set(events.map((e) => e.sourceId)).size, file).toBe(events.length);
  });

  it('covers every kind of event a demo needs, with failures', () => {
    const actions = new Set([...byFile.values()].flat().map((e) => e.action));
    for (const [kind, names] of Object.entries(REQUIRED)) {
      for (const name of names) expect(actions.has(name), `${kind}: ${name}`).toBe(true);
    }
    const all = [...byFile.values()].flat();
    expect(all.some((e) => e.action === 'user.session.start' && e.outcome === 'failure')).toBe(true);
    expect(all.some((e) => e.action === 'user.authentication.auth_via_mfa' && e.outcome === 'failure')).toBe(true);
    expect(all.some((e) => e.action === 'audit_log_streaming.update' && e.activity === 'delete')).toBe(true);
  });

  it('names the performer of every event: name, email, role, IP, user agent, and keeps context JSON', () => {
    for (const [file, events] of byFile) {
      for (const e of events) {
        if (e.actorType === 'SystemPrincipal') continue;
        expect([e.actorName, e.actorEmail, e.actorRole, e.ip, e.userAgent].every((v) => v !== null), `${file} ${e.sourceId}`).toBe(true);
        const raw = JSON.parse(e.raw) as Record<string, unknown>;
        if (file.startsWith('okta')) expect(raw).toHaveProperty('debugContext.debugData.requestId');
        else expect(raw).toHaveProperty('org', 'fabrikam-finance');
      }
    }
  });

  it('stages the intrusion: failed logins from one foreign IP, then success, a token, the log stream off', () => {
    const ip = '185.220.101.47';
    const okta = (byFile.get('okta-fabrikam.ndjson.gz') ?? []).filter((e) => e.ip === ip);
    const firstSuccess = okta.findIndex((e) => e.action === 'user.session.start' && e.outcome === 'success');
    expect(okta.slice(0, firstSuccess).filter((e) => e.outcome === 'failure').length).toBeGreaterThanOrEqual(10);
    expect(okta[firstSuccess]?.geoCountry).toBe('Germany');
    const after = okta.slice(firstSuccess).map((e) => e.action);
    expect(after).toEqual(expect.arrayContaining(['system.api_token.create', 'system.log_stream.lifecycle.deactivate', 'user.account.privilege.grant']));
    const github = (byFile.get('github-fabrikam-finance.ndjson.gz') ?? []).filter((e) => e.ip === ip).map((e) => e.action);
    expect(github).toEqual(expect.arrayContaining(['audit_log_streaming.update', 'personal_access_token.access_granted', 'git.clone', 'org.audit_log_export']));
    const others = [...byFile.entries()].filter(([f]) => f !== 'okta-fabrikam.ndjson.gz' && !f.startsWith('github'));
    for (const [, events] of others) expect(events.some((e) => e.ip === ip)).toBe(false);
  });

  it('leans on business hours', () => {
    const contoso = (byFile.get('okta-contoso.ndjson.gz') ?? []).filter((e) => e.action === 'user.session.start');
    const localHour = (ts: number): number => new Date(ts - 5 * 3_600_000).getUTCHours();
    const office = contoso.filter((e) => localHour(e.ts) >= 8 && localHour(e.ts) < 18).length;
    expect(office / contoso.length).toBeGreaterThan(0.7);
  });
});

describe('moving the demo in time', () => {
  it('shifts by whole days so the anchor lands in the last day before now', () => {
    const anchor = '2025-06-30T08:37:29.348Z';
    for (const now of [Date.UTC(2026, 0, 15, 12), Date.UTC(2025, 6, 1, 8, 37, 29, 348), Date.UTC(2024, 0, 1)]) {
      const shift = demoShiftMs(anchor, now);
      expect(Number.isInteger(shift / DAY)).toBe(true);
      const moved = Date.parse(anchor) + shift;
      expect(moved).toBeLessThanOrEqual(now);
      expect(moved).toBeGreaterThan(now - DAY);
    }
    expect(() => demoShiftMs('last tuesday', 0)).toThrow(/not an ISO-8601 time/);
  });

  it('keeps each source\'s time format', () => {
    expect(shiftIso('2025-06-30T08:37:29.348Z', 2 * DAY)).toBe('2025-07-02T08:37:29.348Z');
    expect(shiftIso('2022-05-07T12:55:53', DAY)).toBe('2022-05-08T12:55:53');
    expect(shiftIso('2021-03-06T04:07:38.251122+02:00', -DAY)).toBe('2021-03-05T04:07:38.251122+02:00');
    expect(shiftIso('2020-09-14T00:44:23Z', 366 * DAY)).toBe('2021-09-15T00:44:23Z');
  });

  it('writes a copy with every timestamp moved by exactly shiftMs, read through readAuditFile', async () => {
    const manifest = readDemoManifest(RESOURCES);
    const shift = demoShiftMs(manifest.anchor, Date.UTC(2026, 2, 1, 9));
    for (const name of ['okta-tailspin.ndjson.gz', 'github-fabrikam-finance.ndjson.gz']) {
      const original = (await readAll(path.join(DEMO_DIR, name))).events;
      const copy = await shiftedDemoFile(path.join(DEMO_DIR, name), shift);
      try {
        const { events, problems } = await readAll(copy);
        expect(problems).toEqual([]);
        expect(events.map((e) => e.sourceId)).toEqual(original.map((e) => e.sourceId));
        events.forEach((e, i) => {
          const before = original[i] as NormalizedEvent;
          expect(e.ts - before.ts).toBe(shift);
          expect(e.tsRaw.length).toBe(before.tsRaw.length);
          // Only the timestamp's characters change.
          expect(e.raw.split(e.tsRaw).join('T')).toBe(before.raw.split(before.tsRaw).join('T'));
          expect({ ...e, ts: 0, tsRaw: '', raw: '' }).toEqual({ ...before, ts: 0, tsRaw: '', raw: '' });
        });
      } finally {
        await rm(copy, { force: true });
      }
    }
  });

  it('refuses a missing or unsafe manifest with a clear message', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tk-demo-'));
    expect(() => readDemoManifest(dir)).toThrow(/The demo data set is missing/);
    await mkdir(path.join(dir, 'demo'));
    const bad = { anchor: '2025-01-01T00:00:00Z', connections: [{ kind: 'okta', label: 'x', baseUrl: null, tenants: [{ externalId: 'a', name: 'a', groups: [], kind: 'okta', file: '../../etc/passwd' }] }] };
    await writeFile(path.join(dir, 'demo', 'demo.json'), JSON.stringify(bad));
    expect(() => readDemoManifest(dir)).toThrow(/demo manifest .* is invalid/);
  });
});

describe('temporary demo copies (issue 7, item 14)', () => {
  /** Runs a Node process to its end and returns its exit signal (null when it exited normally). */
  const run = (script: string): Promise<NodeJS.Signals | null> => new Promise((resolve) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', script], () => resolve(child.signalCode));
  });

  it('removes at the next load the copy a process killed mid-load left behind, and nothing else', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tk-demo-tmp-'));
    const demoSet = JSON.stringify(path.resolve(__dirname, '../../../main/demo/demo-set.ts'));
    const source = JSON.stringify(path.join(DEMO_DIR, 'okta-tailspin.ndjson.gz'));
    // A load killed after writing its copy, before it could delete it.
    const signal = await run(`const m = await import(${demoSet}); await m.shiftedDemoFile(${source}, 0, ${JSON.stringify(dir)}); process.kill(process.pid, 'SIGKILL');`);
    expect(signal).toBe('SIGKILL');
    const left = await readdir(dir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^trailkeeper-demo-\d+-[0-9a-f-]{36}-okta-tailspin\.ndjson\.gz$/);

    const mine = `trailkeeper-demo-${process.pid}-00000000-0000-4000-8000-000000000000-live.ndjson.gz`;
    const legacyOld = 'trailkeeper-demo-11111111-2222-4333-8444-555555555555-old.ndjson.gz';
    const legacyNew = 'trailkeeper-demo-66666666-7777-4888-9999-000000000000-new.ndjson.gz';
    for (const name of [mine, legacyOld, legacyNew, 'unrelated.gz']) await writeFile(path.join(dir, name), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(path.join(dir, legacyOld), twoHoursAgo, twoHoursAgo);

    const copy = await shiftedDemoFile(path.join(DEMO_DIR, 'okta-tailspin.ndjson.gz'), 0, dir);
    expect((await readdir(dir)).sort()).toEqual([path.basename(copy), legacyNew, mine, 'unrelated.gz'].sort());
    expect(await removeStaleDemoFiles(dir)).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });
});
