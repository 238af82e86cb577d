import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize, parseSyslog } from '../../../main/ingest/sources/syslog.ts';
import { readAll } from './read-all.ts';

const SAMPLES = path.resolve(__dirname, '../../fixtures/samples');

describe('RFC 5424 parser', () => {
  it('parses the header and the structured data of the SecureAuth message', () => {
    const raw = readFileSync(path.join(SAMPLES, 'syslog/RFC5424.txt'), 'utf8');
    const msg = parseSyslog(raw);
    expect(msg).toEqual({
      facility: 10, severity: 6, version: 1, timestamp: '2015-08-05T21:58:59.693Z', hostname: '192.168.2.132',
      appName: 'SecureAuth0', procId: '23108', msgId: 'ID52020',
      structuredData: [{ id: 'SecureAuth@27389', params: { UserHostAddress: '192.168.2.132', Realm: 'SecureAuth0', UserID: 'Tester2', PEN: '27389' } }],
      message: "Found the user for retrieving user's profile",
    });
  });

  it('unescapes \\" \\\\ \\] in parameter values and reads several elements', () => {
    const msg = parseSyslog('<165>1 2003-10-11T22:14:15.003Z host app - ID47 [a@1 x="q\\"u" y="b\\\\s"][b@2 z="br\\]k"] \uFEFFhello');
    expect(msg.structuredData).toEqual([{ id: 'a@1', params: { x: 'q"u', y: 'b\\s' } }, { id: 'b@2', params: { z: 'br]k' } }]);
    expect(msg.message).toBe('hello');
    expect(msg.procId).toBeNull();
  });

  it('rejects what is not RFC 5424 with a sentence naming the line', () => {
    expect(() => parseSyslog('Mar  6 04:07:38 hostname cron[1]: legacy BSD line')).toThrow(/Not an RFC 5424 syslog message.*legacy BSD line/);
    expect(() => parseSyslog('<15>1 - host app - - - no time')).not.toThrow();
    expect(() => normalize('<15>1 - host app - - - no time')).toThrow(/no timestamp/);
  });
});

describe('syslog normaliser and files', () => {
  it('keeps 6 fractional digits in tsRaw and the milliseconds in ts; keeps a multi-line message whole', async () => {
    const file = path.join(SAMPLES, 'syslog/rsyslog-protocol23.log');
    const { events, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(events).toHaveLength(9);
    expect(events[0]).toMatchObject({
      tsRaw: '2021-03-06T04:07:38.251122+00:00', ts: Date.UTC(2021, 2, 6, 4, 7, 38, 251), severity: 'debug',
      action: '123', actorName: 'log_tag', targetName: 'hostname', message: 'this is debug',
    });
    expect(events[1]?.raw).toBe('<14>1 2021-03-06T04:07:38.251280+00:00 hostname log_tag - - -  this is info\nwith another line');
    expect(events[1]?.message).toBe('this is info\nwith another line');
    expect(events[3]).toMatchObject({ severity: 'crit', message: 'this is critical' });
    expect(events[8]).toMatchObject({ actorName: 'cron', actorId: '18898', tsRaw: '2021-03-06T04:07:38.269077+00:00' });
    for (const e of events) expect(e.sourceId).toBe(createHash('sha256').update(e.raw).digest('hex'));
  });

  it('reads the acting user and address from structured data', async () => {
    const { events } = await readAll(path.join(SAMPLES, 'syslog/RFC5424.txt'));
    expect(events[0]).toMatchObject({
      category: 'auth', action: 'ID52020', severity: 'info', actorType: 'user', actorName: 'Tester2',
      ip: '192.168.2.132', ts: Date.UTC(2015, 7, 5, 21, 58, 59, 693), tsRaw: '2015-08-05T21:58:59.693Z',
    });
  });

  it('reads the same message through LF, octet-counting and NUL framing', async () => {
    const ids = [];
    for (const name of ['RFC5424.txt', 'rfc6587-octet-counting.txt', 'rfc6587-non-transparent-framing.txt']) {
      const { events, problems } = await readAll(path.join(SAMPLES, 'syslog', name));
      expect(problems).toEqual([]);
      expect(events).toHaveLength(1);
      ids.push(events[0]?.sourceId);
    }
    expect(new Set(ids).size).toBe(1);
  });
});
