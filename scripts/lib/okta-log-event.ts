/**
 * The shape of one Okta System Log event (a LogEvent of GET /api/v1/logs) as our generators write
 * it: the demo builder (scripts/demo/okta-log.ts) and the bench's simulator (test/sim). One shape,
 * so both feed main/ingest/sources/okta.ts the fields it reads, under the names it reads them.
 * The simulator writes the lean subset (the required fields); the demo fills in the rest.
 * A type alias, not an interface, so a record is also a plain Record<string, unknown>.
 */

export type OktaActor = {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  /** Free-form details; okta.ts reads `role` from here (Okta has no actor role field). */
  detailEntry?: Record<string, string> | null;
};

export type OktaTarget = {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry?: Record<string, string> | null;
};

export type OktaGeo = {
  city: string;
  country: string;
  state?: string;
  postalCode?: string;
  geolocation?: { lat: number; lon: number };
};

export type OktaClient = {
  userAgent: { rawUserAgent: string; os?: string; browser?: string } | null;
  zone?: string | null;
  device?: string | null;
  id?: string | null;
  ipAddress: string | null;
  geographicalContext: OktaGeo | null;
};

export type OktaResult = 'SUCCESS' | 'FAILURE' | 'ALLOW' | 'DENY' | 'CHALLENGE' | 'SKIPPED';

export type OktaLogEvent = {
  uuid: string;
  /** ISO 8601 with milliseconds and Z. */
  published: string;
  eventType: string;
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  legacyEventType?: string | null;
  displayMessage: string;
  actor: OktaActor;
  client: OktaClient | null;
  outcome: { result: OktaResult; reason: string | null };
  target: OktaTarget[] | null;
  authenticationContext?: { authenticationStep?: number; externalSessionId: string };
  transaction: { type: 'WEB' | 'JOB'; id: string; detail?: Record<string, string> };
  device?: null;
  securityContext?: {
    asNumber: number | null;
    asOrg: string | null;
    isp: string | null;
    domain: string | null;
    isProxy: boolean | null;
  };
  debugContext?: { debugData: Record<string, string> };
  version?: string;
  request?: { ipChain: { ip: string; version: 'V4' | 'V6'; source: null }[] };
};
