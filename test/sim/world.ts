/**
 * The simulated MSP: tenants (an MSP's customers) of 30–300 users each, their admins and API
 * clients, and a few hundred networks with a place each. Cheap to build, deterministic (a seeded
 * stream of its own), and shared by every batch of events.
 */
import { Rng, zipf } from '../../scripts/lib/prng.ts';
import { APPS, COMPANY, FIRST, LAST, PLACES, REGIONS, ROLES, SUFFIX, USER_AGENTS } from './vocabulary.ts';

export const DAY = 86_400_000;

/** A /24 (or an IPv6 /64) with a place; hosts are drawn inside it. */
export interface SimNet {
  /** `a.b.c` for IPv4, the first four groups for IPv6. */
  prefix: string;
  v6: boolean;
  /** The covering /16 (IPv4) or /32 (IPv6) in CIDR notation, for `ip:` queries. */
  block: string;
  place: number;
}

export interface SimUser {
  id: string;
  name: string;
  email: string;
  role: string | null;
  net: SimNet;
  ua: number;
}

export interface SimTenant {
  index: number;
  externalId: string;
  name: string;
  domain: string;
  groups: string[];
  utcOffsetH: number;
  eventCount: number;
  users: SimUser[];
  admins: SimUser[];
  offices: SimNet[];
  clients: { id: string; name: string }[];
}

export interface SimOptions {
  /** Events across all tenants. */
  total: number;
  tenants?: number;
  seed?: number;
  days?: number;
  /** UTC ms just past the newest event; default 2025-06-01T00:00Z (fixed, so output is stable). */
  end?: number;
  /** Raw bytes per batch (the budget is checked after each event); default 4 MiB. */
  batchBytes?: number;
}

export interface SimWorld {
  tenants: SimTenant[];
  nets: SimNet[];
  start: number;
  end: number;
  days: number;
  seed: number;
}

export const DEFAULT_END = Date.UTC(2025, 5, 1);
export const B62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const oktaId = (rng: Rng, prefix: string) => prefix + rng.fastChars(B62, 17);
export const slug = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');

function buildNets(rng: Rng): SimNet[] {
  const nets: SimNet[] = [];
  const firstOctets = [23, 31, 34, 37, 45, 50, 52, 62, 66, 73, 77, 81, 84, 86, 89, 91, 98, 104, 108, 141, 151, 176, 185, 188, 195, 203, 212, 213, 217];
  const used = new Set<string>();
  // ~60 IPv4 /16s in one country each, 4–9 /24s per /16 in that country's cities: ~390 /24s.
  for (let i = 0; i < 60; i++) {
    let a = rng.pick(firstOctets);
    let b = rng.below(256);
    while (used.has(`${a}.${b}`)) {
      a = rng.pick(firstOctets);
      b = rng.below(256);
    }
    used.add(`${a}.${b}`);
    const country = PLACES[rng.below(PLACES.length)]![0];
    const places = PLACES.map((p, k) => [p, k] as const).filter(([p]) => p[0] === country).map(([, k]) => k);
    const n = rng.int(4, 9);
    const thirds = new Set<number>();
    while (thirds.size < n) thirds.add(rng.below(256));
    for (const c of thirds) nets.push({ prefix: `${a}.${b}.${c}`, v6: false, block: `${a}.${b}.0.0/16`, place: rng.pick(places) });
  }
  // ~40 IPv6 /64s under 10 /32s.
  for (let i = 0; i < 10; i++) {
    const head = `2a0${rng.int(1, 9)}:${rng.fastHex(4).replace(/^0+/, '') || '0'}`;
    const country = PLACES[rng.below(PLACES.length)]![0];
    const places = PLACES.map((p, k) => [p, k] as const).filter(([p]) => p[0] === country).map(([, k]) => k);
    for (let j = 0; j < 4; j++) {
      const tail = `${rng.fastHex(4).replace(/^0+/, '') || '0'}:${rng.fastHex(4).replace(/^0+/, '') || '0'}`;
      nets.push({ prefix: `${head}:${tail}`, v6: true, block: `${head}::/32`, place: rng.pick(places) });
    }
  }
  return nets;
}

export function hostIn(rng: Rng, net: SimNet): string {
  if (!net.v6) return `${net.prefix}.${rng.int(1, 254)}`;
  return `${net.prefix}:${rng.below(0x10000).toString(16)}:${rng.below(0x10000).toString(16)}:${rng.below(0x10000).toString(16)}:${rng.int(1, 0xffff).toString(16)}`;
}

/** Builds tenants, users and networks: cheap, deterministic, and shared by every batch. */
export function buildWorld(opts: SimOptions): SimWorld {
  const seed = opts.seed ?? 1;
  const days = opts.days ?? 180;
  const end = opts.end ?? DEFAULT_END;
  const nTenants = opts.tenants ?? 50;
  const rng = new Rng(seed, 0);
  const nets = buildNets(rng);
  const netsByPlace = new Map<number, SimNet[]>();
  for (const n of nets) netsByPlace.set(n.place, [...(netsByPlace.get(n.place) ?? []), n]);

  // Tenant sizes: a long tail, the biggest ~20x the smallest. Exact total by largest remainder.
  const shares = zipf(nTenants, 0.8, 3);
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (s / sum) * opts.total);
  const counts = exact.map(Math.floor);
  let left = opts.total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }

  const usedNames = new Set<string>();
  const tenants: SimTenant[] = [];
  for (let t = 0; t < nTenants; t++) {
    let company = `${rng.pick(COMPANY)} ${rng.pick(SUFFIX)}`;
    while (usedNames.has(company)) company = `${rng.pick(COMPANY)} ${rng.pick(SUFFIX)}`;
    usedNames.add(company);
    const domain = `${slug(company.split(' ').slice(0, -1).join(' '))}${t}.example.com`;
    const region = REGIONS[t % REGIONS.length]!;
    const tier = ['gold', 'silver', 'bronze'][rng.below(3)]!;
    const groups = [region.name, `tier-${tier}`, ...(rng.chance(0.2) ? ['watchlist'] : [])];
    const scale = (shares[t] ?? 0) / (shares[0] ?? 1);
    const nUsers = Math.min(300, Math.max(30, Math.round(30 + 270 * scale ** 1.2 + rng.int(-8, 8))));
    const officePlaces = region.places.filter((p) => netsByPlace.has(p));
    const homePlace = officePlaces.length ? rng.pick(officePlaces) : rng.pick([...netsByPlace.keys()]);
    const offices = [...(netsByPlace.get(homePlace) ?? [])].slice(0, 2);
    if (offices.length === 0) offices.push(rng.pick(nets));
    const emails = new Set<string>();
    const users: SimUser[] = [];
    for (let u = 0; u < nUsers; u++) {
      const first = rng.pick(FIRST);
      const last = rng.pick(LAST);
      let email = `${slug(first)}.${slug(last)}@${domain}`;
      for (let k = 2; emails.has(email); k++) email = `${slug(first)}.${slug(last)}${k}@${domain}`;
      emails.add(email);
      // Most people work from the region's networks; some are remote, a few abroad.
      const place = rng.chance(0.85) && officePlaces.length ? rng.pick(officePlaces) : rng.pick([...netsByPlace.keys()]);
      users.push({
        id: oktaId(rng, '00u'),
        name: `${first} ${last}`,
        email,
        role: null,
        net: rng.pick(netsByPlace.get(place) ?? nets),
        ua: rng.below(USER_AGENTS.length - 10),
      });
    }
    const nAdmins = Math.max(2, Math.round(nUsers * 0.04));
    const admins = users.slice(0, nAdmins);
    admins.forEach((a, i) => (a.role = i === 0 ? 'SUPER_ADMIN' : rng.pick(ROLES)));
    const clients = Array.from({ length: 6 }, () => ({ id: oktaId(rng, '0oa'), name: `${rng.pick(APPS)} ${rng.pick(['SCIM', 'OIDC', 'API client', 'Sync'])}` }));
    tenants.push({
      index: t,
      externalId: `${slug(company.split(' ')[0] ?? 'org')}${t}.okta.com`,
      name: company,
      domain,
      groups,
      utcOffsetH: rng.pick(region.offsets),
      eventCount: counts[t] ?? 0,
      users,
      admins,
      offices,
      clients,
    });
  }
  return { tenants, nets, start: end - days * DAY, end, days, seed };
}

