/**
 * Builds the demo data set in memory: a manifest and one gzipped NDJSON file per tenant, in each
 * source's own JSON shape. Same seed, same bytes.
 */
import { gzipSync } from 'node:zlib';
import type { DemoConnection, DemoManifest } from '../../main/demo/demo-set.ts';
import { everydayGithub, makeGithubOrg } from './github-activity.ts';
import { GithubLog } from './github-log.ts';
import { stageIntrusion } from './intrusion.ts';
import { everydayOkta } from './okta-activity.ts';
import { OktaLog, type TimedEvent } from './okta-log.ts';
import { Rng } from '../lib/prng.ts';
import { DAY, makeOktaTenant, WINDOW_END, type OktaTenant, type Person, type Place, type TenantSpec } from './world.ts';

export const DEMO_SEED = 'trailkeeper-demo-v1';

export interface DemoFile {
  name: string;
  gz: Buffer;
  events: number;
  ndjsonBytes: number;
}

export interface DemoSet {
  manifest: DemoManifest & { generator: string; seed: string; events: Record<string, number> };
  files: DemoFile[];
}

const BOSTON: Place = { city: 'Boston', state: 'Massachusetts', country: 'United States', countryCode: 'US', postalCode: '02110', lat: 42.3601, lon: -71.0589 };
const LONDON: Place = { city: 'London', state: 'England', country: 'United Kingdom', countryCode: 'GB', postalCode: 'EC2A', lat: 51.5072, lon: -0.1276 };
const DENVER: Place = { city: 'Denver', state: 'Colorado', country: 'United States', countryCode: 'US', postalCode: '80202', lat: 39.7392, lon: -104.9903 };
const US_REMOTE: Place[] = [
  { city: 'Providence', state: 'Rhode Island', country: 'United States', countryCode: 'US', postalCode: '02903', lat: 41.824, lon: -71.4128 },
  { city: 'Hartford', state: 'Connecticut', country: 'United States', countryCode: 'US', postalCode: '06103', lat: 41.7658, lon: -72.6734 },
  { city: 'Austin', state: 'Texas', country: 'United States', countryCode: 'US', postalCode: '78701', lat: 30.2672, lon: -97.7431 },
];
const UK_REMOTE: Place[] = [
  { city: 'Manchester', state: 'England', country: 'United Kingdom', countryCode: 'GB', postalCode: 'M1', lat: 53.4808, lon: -2.2426 },
  { city: 'Edinburgh', state: 'Scotland', country: 'United Kingdom', countryCode: 'GB', postalCode: 'EH1', lat: 55.9533, lon: -3.1883 },
  { city: 'Dublin', state: 'Leinster', country: 'Ireland', countryCode: 'IE', postalCode: 'D02', lat: 53.3498, lon: -6.2603 },
];

const TENANTS: ReadonlyArray<TenantSpec & { sessions: number }> = [
  {
    key: 'contoso', name: 'Contoso Health', domain: 'contoso-health.okta.com', emailDomain: 'contoso-health.example',
    groups: ['customers', 'healthcare'], tzHours: -5, people: 36, office: BOSTON, net: '198.51.100', ipBase: 0,
    asNumber: 64500, isp: 'Beacon Fiber', remote: US_REMOTE, cast: [], sessions: 420,
  },
  {
    key: 'fabrikam', name: 'Fabrikam Finance', domain: 'fabrikam-finance.okta.com', emailDomain: 'fabrikam-finance.example',
    groups: ['customers', 'finance-sector'], tzHours: 0, people: 42, office: LONDON, net: '203.0.113', ipBase: 0,
    asNumber: 64501, isp: 'Thames Networks', remote: UK_REMOTE, sessions: 460,
    cast: [['Marcus', 'Okafor', 'Super Administrator'], ['Dana', 'Whitfield', 'Organization Administrator'],
      ['Priya', 'Raman', 'Organization Administrator']],
  },
  {
    key: 'tailspin', name: 'Tailspin Credit Union', domain: 'tailspin-cu.okta.com', emailDomain: 'tailspin-cu.example',
    groups: ['customers', 'finance-sector'], tzHours: -7, people: 30, office: DENVER, net: '198.51.100', ipBase: 128,
    asNumber: 64502, isp: 'Front Range Telecom', remote: US_REMOTE, cast: [], sessions: 360,
  },
];

function ndjson(events: TimedEvent[]): string {
  const sorted = [...events].sort((a, b) => a.t - b.t || a.seq - b.seq);
  return sorted.map((e) => `${JSON.stringify(e.body)}\n`).join('');
}

function gzip(text: string): Buffer {
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  // The gzip header's OS byte depends on the platform zlib was built for; pin it to Unix.
  gz[9] = 3;
  return gz;
}

function newest(events: TimedEvent[]): number {
  return events.reduce((max, e) => Math.max(max, e.t), 0);
}

/** The first Fabrikam person who left more than 40 days before the end of the window. */
function leaver(tenant: OktaTenant): Person {
  const p = tenant.people.find((x) => x.activeTo < WINDOW_END - 40 * DAY);
  if (p === undefined) throw new Error('demo has no former Fabrikam employee');
  return p;
}

export function buildDemo(seed = DEMO_SEED): DemoSet {
  const tenants: OktaTenant[] = [];
  const oktaLogs: OktaLog[] = [];
  let fabrikamSplunk = null as ReturnType<typeof everydayOkta> | null;
  for (const spec of TENANTS) {
    const rng = new Rng(`${seed}/okta/${spec.key}`);
    const tenant = makeOktaTenant(rng, spec);
    const log = new OktaLog(rng, tenant);
    const splunk = everydayOkta(log, rng, spec.sessions);
    if (spec.key === 'fabrikam') fabrikamSplunk = splunk;
    tenants.push(tenant);
    oktaLogs.push(log);
  }
  const fabrikam = tenants[1] as OktaTenant;
  const ghRng = new Rng(`${seed}/github`);
  const org = makeGithubOrg(ghRng, fabrikam, 'fabrikam-finance', ['Marcus Okafor', 'Dana Whitfield']);
  const github = new GithubLog(ghRng, org);
  everydayGithub(github, ghRng, 380, fabrikam.tzHours);

  const person = (name: string) => {
    const p = fabrikam.people.find((x) => x.displayName === name);
    if (p === undefined) throw new Error(`demo cast member ${name} missing`);
    return p;
  };
  const member = (name: string) => {
    const m = org.members.find((x) => x.person.displayName === name);
    if (m === undefined) throw new Error(`demo GitHub member ${name} missing`);
    return m;
  };
  if (fabrikamSplunk === null) throw new Error('Fabrikam has no log stream');
  stageIntrusion(oktaLogs[1] as OktaLog, github, new Rng(`${seed}/intrusion`), {
    victim: person('Dana Whitfield'),
    responder: person('Marcus Okafor'),
    sprayed: fabrikam.people.slice(5, 9),
    splunk: fabrikamSplunk,
    githubVictim: member('Dana Whitfield'),
    githubResponder: member('Marcus Okafor'),
    leaver: leaver(fabrikam),
  });

  const files: DemoFile[] = [];
  const okta: DemoConnection = { kind: 'okta', label: 'Northwind MSP – Okta', baseUrl: 'https://northwind-msp.okta.com', tenants: [] };
  tenants.forEach((tenant, i) => {
    const log = oktaLogs[i] as OktaLog;
    const name = `okta-${tenant.key}.ndjson.gz`;
    const text = ndjson(log.events);
    files.push({ name, gz: gzip(text), events: log.events.length, ndjsonBytes: Buffer.byteLength(text) });
    okta.tenants.push({ externalId: tenant.domain, name: tenant.name, groups: tenant.groups, kind: 'okta', file: name });
  });
  const ghText = ndjson(github.events);
  const ghName = 'github-fabrikam-finance.ndjson.gz';
  files.push({ name: ghName, gz: gzip(ghText), events: github.events.length, ndjsonBytes: Buffer.byteLength(ghText) });
  const gh: DemoConnection = {
    kind: 'github', label: 'Northwind MSP – GitHub', baseUrl: 'https://api.github.com',
    tenants: [{ externalId: org.name, name: 'fabrikam-finance (GitHub)', groups: ['customers', 'finance-sector'], kind: 'github', file: ghName }],
  };

  const anchor = Math.max(...oktaLogs.map((l) => newest(l.events)), newest(github.events));
  return {
    manifest: {
      anchor: new Date(anchor).toISOString(),
      generator: 'scripts/make-demo.ts',
      seed,
      events: Object.fromEntries(files.map((f) => [f.name, f.events])),
      connections: [okta, gh],
    },
    files,
  };
}
