import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../main/ingest/sources/m365.ts';

const SAMPLES = path.resolve(__dirname, '../../fixtures/samples');
const lines = readFileSync(path.join(SAMPLES, 'm365/microsoft_audit_log.jsonl'), 'utf8').split('\n').filter((l) => l.length > 0);
const events = lines.map((l) => normalize(l, JSON.parse(l)));

describe('Microsoft 365 normaliser on the plaso sample', () => {
  it('reads all four records', () => {
    expect(events.map((e) => e.action)).toEqual(['Install-DefaultSharingPolicy', 'Set-MailboxPlan', 'Set-AdminAuditLogConfig', 'UserLoggedIn']);
  });

  it('reads the zone-less CreationTime as UTC whatever the machine zone is', () => {
    const login = events[3];
    expect(login?.tsRaw).toBe('2022-05-08T15:13:41');
    expect(login?.ts).toBe(Date.UTC(2022, 4, 8, 15, 13, 41));
    expect(login?.ts).toBe(Date.parse('2022-05-08T15:13:41Z'));
  });

  it('maps a sign-in: auth/login success by the user', () => {
    expect(events[3]).toMatchObject({
      sourceId: '0a454a7b-fbac-4329-a20c-72bad3bc5000', category: 'auth', activity: 'login', outcome: 'success',
      actorName: 'piet@sst5f.onmicrosoft.com', actorEmail: 'piet@sst5f.onmicrosoft.com',
      actorId: '55425677-a6b7-4df1-8068-709eb4162d42', actorType: 'Regular', ip: '0.0.0.0',
      message: 'AzureActiveDirectory: UserLoggedIn', raw: lines[3],
    });
  });

  it('maps the audit log configuration cmdlet to audit/update, by Microsoft\'s system account', () => {
    expect(events[2]).toMatchObject({
      category: 'audit', activity: 'update', outcome: 'success', actorType: 'DcAdmin', actorRole: null,
      targetId: 'sst5f.onmicrosoft.com\\Admin Audit Log Settings',
    });
  });

  it('reduces ClientIP with a port or IPv6 brackets to the address', () => {
    const base = JSON.parse(lines[3] as string) as Record<string, unknown>;
    const ipOf = (clientIp: string): string | null => {
      const rec = { ...base, ClientIP: clientIp };
      return normalize(JSON.stringify(rec), rec).ip;
    };
    expect(ipOf('198.51.100.7:52113')).toBe('198.51.100.7');
    expect(ipOf('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(ipOf('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3::8a2e:370:7334');
    expect(ipOf('not an address')).toBeNull();
  });

  it('marks failed sign-ins and failed results as failures', () => {
    const base = JSON.parse(lines[3] as string) as Record<string, unknown>;
    const failed = { ...base, Operation: 'UserLoginFailed', ResultStatus: 'Success' };
    expect(normalize(JSON.stringify(failed), failed).outcome).toBe('failure');
    const partial = { ...base, ResultStatus: 'Failed' };
    expect(normalize(JSON.stringify(partial), partial).outcome).toBe('failure');
  });

  it('names the record when its time cannot be read', () => {
    const bad = { Id: 'x-1', CreationTime: '07/05/2022 12:55', Operation: 'UserLoggedIn' };
    expect(() => normalize(JSON.stringify(bad), bad)).toThrow('Microsoft 365 record x-1 has an unreadable CreationTime "07/05/2022 12:55".');
  });
});
