import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../main/domain/event.ts';
import { normalize } from '../../../main/ingest/sources/cloudtrail.ts';
import { readAll } from './read-all.ts';

const SAMPLES = path.resolve(__dirname, '../../fixtures/samples');
const FILE = path.join(SAMPLES, 'cloudtrail/otrf-ec2-proxy-s3-exfiltration.jsonl');
const lines = readFileSync(FILE, 'utf8').split('\n').filter((l) => l.length > 0);

function byId(events: NormalizedEvent[], id: string): NormalizedEvent {
  const found = events.find((e) => e.sourceId === id);
  if (found === undefined) throw new Error(`no event ${id}`);
  return found;
}

describe('CloudTrail normaliser on the OTRF exfiltration sample', () => {
  const events = lines.map((l) => normalize(l, JSON.parse(l)));

  it('reads all 103 records with unique source ids', () => {
    expect(events).toHaveLength(103);
    expect(new Set(events.map((e) => e.sourceId)).size).toBe(103);
  });

  it('maps an IAM user console call: actor, ip, time from @timestamp (the shipper dropped eventTime)', () => {
    const e = byId(events, 'fd4f1042-c7f6-4107-a6ee-d841d92596e7');
    expect(e.action).toBe('DescribeInstanceTypes');
    expect(e.ts).toBe(Date.UTC(2020, 8, 14, 0, 44, 23));
    expect(e.tsRaw).toBe('2020-09-14T00:44:23.000Z');
    expect(e).toMatchObject({
      category: 'infrastructure', activity: 'read', outcome: 'success',
      actorType: 'IAMUser', actorId: 'arn:aws:iam::123456789123:user/pedro', actorName: 'pedro',
      ip: '1.2.3.4', userAgent: 'console.ec2.amazonaws.com',
    });
    expect(e.message).toBe('ec2.amazonaws.com DescribeInstanceTypes in us-east-1, account 123456789123');
    expect(e.raw).toBe(lines[0]);
  });

  it('maps a service assuming a role: auth/login, the service as actor, no IP for a service name', () => {
    const e = byId(events, '0f902c35-794c-4864-b2e0-3c4564b857b0');
    expect(e).toMatchObject({
      action: 'AssumeRole', category: 'auth', activity: 'login', actorType: 'AWSService',
      actorName: 'ec2.amazonaws.com', ip: null, targetType: 'AWS::IAM::Role',
      targetName: 'role/MordorLogCollectorStack-LogCollectorRole-1JJTG88NNY4KN',
    });
  });

  it('maps the exfiltrating GetObject by an assumed role, with the role and the object', () => {
    const e = byId(events, '771299cb-e200-4926-9604-c85358b30499');
    expect(e).toMatchObject({
      action: 'GetObject', activity: 'read', actorType: 'AssumedRole',
      actorRole: 'MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0', targetType: 'AWS::S3::Object',
      targetName: 'mordors3stack-s3bucket-llp2yingx64a/ring.txt', ip: '1.2.3.4',
    });
  });

  it('detects failures from errorCode and from a failed console login', () => {
    const denied = { ...JSON.parse(lines[0] as string), errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.' };
    const e = normalize(JSON.stringify(denied), denied);
    expect(e.outcome).toBe('failure');
    expect(e.message).toContain('failed: Client.UnauthorizedOperation: You are not authorized');
    const login = {
      eventID: '3b4bd5c9-0000-4000-8000-000000000001', eventTime: '2024-02-01T08:00:00Z', eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com', userIdentity: { type: 'IAMUser', userName: 'mallory' },
      sourceIPAddress: '203.0.113.9', responseElements: { ConsoleLogin: 'Failure' },
    };
    expect(normalize(JSON.stringify(login), login)).toMatchObject({
      category: 'auth', activity: 'login', outcome: 'failure', actorName: 'mallory', ts: Date.UTC(2024, 1, 1, 8),
    });
  });

  it('names the record when it cannot be read', () => {
    expect(() => normalize('{"eventName":"X"}', { eventName: 'X' })).toThrow(/CloudTrail record has no eventID/);
    const noTime = { eventID: 'abc', eventName: 'X' };
    expect(() => normalize(JSON.stringify(noTime), noTime)).toThrow('CloudTrail record abc has no eventTime.');
  });
});

describe('CloudTrail files', () => {
  it('imports the 103 sample events as NDJSON with unique source ids and each line as raw', async () => {
    const { events, problems } = await readAll(FILE);
    expect(problems).toEqual([]);
    expect(events).toHaveLength(103);
    expect(new Set(events.map((e) => e.sourceId)).size).toBe(103);
    expect(events.map((e) => e.raw)).toEqual(lines);
  });

  it('imports a {"Records": […]} file, plain and gzipped, keeping each record\'s exact text', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tk-ct-'));
    const doc = `{"Records": [\n${lines.join(',\n')}\n], "extra": {"Records": "not this"}}`;
    const plain = path.join(dir, 'ct.json');
    const gz = path.join(dir, '123456789123_CloudTrail_us-east-1_20200914T0045Z_abc.json.gz');
    await writeFile(plain, doc);
    await writeFile(gz, gzipSync(doc));
    for (const file of [plain, gz]) {
      const { events, problems } = await readAll(file);
      expect(problems).toEqual([]);
      expect(events).toHaveLength(103);
      expect(events.map((e) => e.raw)).toEqual(lines);
    }
  });

  it('expands one-line {"Records": […]} batches written one per line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tk-ct-'));
    const batches = `{"Records":[${lines.slice(0, 50).join(',')}]}\n{"Records":[${lines.slice(50).join(',')}]}\n`;
    const file = path.join(dir, 'batches.ndjson');
    await writeFile(file, batches);
    const { events, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(events.map((e) => e.raw)).toEqual(lines);
  });
});
