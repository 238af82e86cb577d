/**
 * The demo's cast: tenants, people, networks, browsers and apps. Everything is drawn from the
 * seeded PRNG; addresses come from the documentation ranges (RFC 5737, RFC 3849) except the
 * one foreign address of the staged intrusion.
 */
import type { Rng } from '../lib/prng.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WINDOW_DAYS = 180;
/** Events fall in the 180 days before this instant; the manifest anchor is the newest event. */
export const WINDOW_END = Date.UTC(2025, 5, 30, 15, 0, 0);
export const WINDOW_START = WINDOW_END - WINDOW_DAYS * DAY;

export interface Place {
  city: string;
  state: string;
  country: string;
  countryCode: string;
  postalCode: string;
  lat: number;
  lon: number;
}

export interface Network {
  ip: string;
  place: Place;
  asNumber: number;
  asOrg: string;
  isp: string;
  domain: string;
  isProxy: boolean;
}

export interface Agent {
  raw: string;
  os: string;
  browser: string;
  device: string;
}

export interface Person {
  id: string;
  first: string;
  last: string;
  displayName: string;
  email: string;
  role: string;
  network: Network;
  agent: Agent;
  activeFrom: number;
  activeTo: number;
  /** Login counts differ a lot between people; this weights who signs in. */
  activity: number;
}

export interface App {
  id: string;
  label: string;
  name: string;
  /** Day the app was added during the window, or null when it predates it. */
  createdDay: number | null;
  deletedDay: number | null;
}

export interface OktaTenant {
  key: string;
  name: string;
  orgId: string;
  domain: string;
  emailDomain: string;
  groups: string[];
  /** Offset of the tenant's office from UTC, in hours (no DST: close enough for a demo). */
  tzHours: number;
  office: Network[];
  people: Person[];
  apps: App[];
  groupsInOkta: { id: string; name: string }[];
}

export const AGENTS: readonly Agent[] = [
  { raw: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36', os: 'Windows 10', browser: 'CHROME', device: 'Computer' },
  { raw: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0', os: 'Windows 10', browser: 'EDGE_CHROMIUM', device: 'Computer' },
  { raw: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', os: 'Mac OS X', browser: 'SAFARI', device: 'Computer' },
  { raw: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36', os: 'Mac OS X', browser: 'CHROME', device: 'Computer' },
  { raw: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0', os: 'Windows 10', browser: 'FIREFOX', device: 'Computer' },
  { raw: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', os: 'iOS', browser: 'SAFARI', device: 'Mobile' },
];

export const ADMIN_API_AGENT: Agent = { raw: 'okta-sdk-python/2.9.8 python/3.12.3 Linux/6.8.0-1008-aws', os: 'Linux', browser: 'UNKNOWN', device: 'Unknown' };
export const ATTACKER_AGENT: Agent = { raw: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', os: 'Linux', browser: 'FIREFOX', device: 'Computer' };
export const ATTACKER_NETWORK: Network = {
  ip: '185.220.101.47',
  place: { city: 'Frankfurt am Main', state: 'Hesse', country: 'Germany', countryCode: 'DE', postalCode: '60313', lat: 50.1109, lon: 8.6821 },
  asNumber: 64511,
  asOrg: 'anonymous hosting',
  isp: 'anonymous hosting',
  domain: '',
  isProxy: true,
};

const FIRST = ['Aisha', 'Ben', 'Carmen', 'Daniel', 'Elif', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Liam',
  'Maya', 'Noah', 'Olivia', 'Pavel', 'Quinn', 'Rosa', 'Samir', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf',
  'Zoe', 'Amara', 'Bruno', 'Chloe', 'Diego', 'Emma', 'Felix', 'Hannah', 'Ivan', 'Julia', 'Kenji', 'Lena', 'Mateo',
  'Nadia', 'Oscar', 'Priya', 'Rafael', 'Sofia', 'Tomas', 'Uma', 'Victor', 'Wanda', 'Yara', 'Leo', 'Mei'];
const LAST = ['Adeyemi', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ishikawa',
  'Jansen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rossi', 'Schmidt',
  'Tanaka', 'Usman', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zhang', 'Andersen', 'Bianchi', 'Chen', 'Diaz', 'Evans',
  'Ferreira', 'Gupta', 'Horvat', 'Ivanova', 'Jovanovic', 'Kim', 'Lopez', 'Murphy', 'Novak', 'Oliveira', 'Park'];

const ADMIN_ROLES = ['Super Administrator', 'Organization Administrator', 'Organization Administrator',
  'Help Desk Administrator', 'Read-only Administrator', 'Application Administrator'];

export const APP_CATALOG: ReadonlyArray<readonly [label: string, name: string]> = [
  ['Salesforce.com', 'salesforce'], ['Slack', 'slack'], ['Zoom', 'zoomus'], ['Workday', 'workday'],
  ['Microsoft Office 365', 'msft_o365'], ['Atlassian Cloud', 'atlassian'], ['Box', 'boxnet'],
  ['ServiceNow UD', 'servicenow_ud'], ['GitHub Enterprise Cloud - Organization', 'githubcloud'],
  ['AWS IAM Identity Center', 'amazon_aws_sso'], ['DocuSign', 'docusign'], ['Zendesk', 'zendesk'],
];

export interface TenantSpec {
  key: string;
  name: string;
  domain: string;
  emailDomain: string;
  groups: string[];
  tzHours: number;
  people: number;
  office: Place;
  /** Third octet block of the documentation range the tenant's addresses come from. */
  net: '198.51.100' | '203.0.113' | '192.0.2';
  ipBase: number;
  asNumber: number;
  isp: string;
  remote: readonly Place[];
  /** Fixed people first (name, role), for the storyline; the rest are drawn. */
  cast: ReadonlyArray<readonly [first: string, last: string, role: string]>;
}

function network(spec: TenantSpec, host: number, place: Place): Network {
  return {
    ip: `${spec.net}.${spec.ipBase + host}`,
    place,
    asNumber: spec.asNumber,
    asOrg: spec.isp.toLowerCase(),
    isp: spec.isp,
    domain: `${spec.isp.toLowerCase().replace(/[^a-z]/g, '')}.example`,
    isProxy: false,
  };
}

export function makeOktaTenant(rng: Rng, spec: TenantSpec): OktaTenant {
  const office = [0, 1, 2].map((h) => network(spec, h, spec.office));
  const names = new Set<string>();
  const people: Person[] = [];
  for (let i = 0; i < spec.people; i++) {
    const fixed = spec.cast[i];
    let first: string;
    let last: string;
    do {
      first = fixed?.[0] ?? rng.pick(FIRST);
      last = fixed?.[1] ?? rng.pick(LAST);
    } while (names.has(`${first} ${last}`));
    names.add(`${first} ${last}`);
    const remote = rng.chance(0.3);
    const place = remote ? rng.pick(spec.remote) : spec.office;
    const net = remote ? network(spec, rng.int(10, 60), place) : rng.pick(office);
    // New hires and leavers make the lifecycle events; the cast stays for the whole window.
    const hired = fixed === undefined && i >= 8 && rng.chance(0.16);
    const left = fixed === undefined && i >= 8 && !hired && rng.chance(0.11);
    people.push({
      id: `00u${rng.base62(17)}`,
      first,
      last,
      displayName: `${first} ${last}`,
      email: `${first}.${last}@${spec.emailDomain}`.toLowerCase(),
      role: fixed?.[2] ?? ADMIN_ROLES[i] ?? 'User',
      network: net,
      agent: rng.pick(AGENTS),
      activeFrom: hired ? WINDOW_START + rng.int(15, 160) * DAY : WINDOW_START,
      activeTo: left ? WINDOW_START + rng.int(40, 175) * DAY : WINDOW_END,
      activity: rng.pick([0.4, 0.7, 1, 1, 1.3, 1.8]),
    });
  }
  const apps: App[] = APP_CATALOG.slice(0, 9).map(([label, name], i) => ({
    id: `0oa${rng.base62(17)}`,
    label,
    name,
    createdDay: i >= 7 ? rng.int(20, 150) : null,
    deletedDay: i === 8 ? rng.int(155, 175) : null,
  }));
  const groupsInOkta = ['Everyone', 'Engineering', 'Finance', 'Sales', 'IT Admins', 'Contractors'].map((name) => ({
    id: `00g${rng.base62(17)}`,
    name,
  }));
  return {
    key: spec.key,
    name: spec.name,
    orgId: `00o${rng.base62(17)}`,
    domain: spec.domain,
    emailDomain: spec.emailDomain,
    groups: spec.groups,
    tzHours: spec.tzHours,
    office,
    people,
    apps,
    groupsInOkta,
  };
}

/** Relative sign-in activity by local hour: office hours, a lunch dip, a little at night. */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 10, 22, 30, 30, 27, 20, 26, 30, 28, 22, 13, 8, 5, 4, 3, 2, 1];

/** A time in [from, to) at a business-biased local hour of the tenant. */
export function businessTime(rng: Rng, tzHours: number, from: number, to: number): number {
  const firstDay = Math.floor(from / DAY);
  const days = Math.max(1, Math.ceil(to / DAY) - firstDay);
  for (let attempt = 0; attempt < 50; attempt++) {
    const day = firstDay + rng.int(0, days - 1);
    const hour = rng.weightedIndex(HOUR_WEIGHTS);
    const t = day * DAY + (hour - tzHours) * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59_999);
    if (t >= from && t < to) return t;
  }
  return from + Math.floor(rng.next() * (to - from));
}

export function isoMs(t: number): string {
  return new Date(t).toISOString();
}
