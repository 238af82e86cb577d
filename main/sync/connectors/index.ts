/**
 * Every connector by kind: the engine looks them up here and knows no protocol itself.
 * ConnectionConfig.options each kind reads (all optional unless marked; pageSize everywhere):
 *   okta    credentials.scheme 'ssws' (API token, default) or 'bearer' (OAuth access token)
 *   github  org or enterprise (one required)
 *   entra   tenantId and clientId (required), authority (default https://login.microsoftonline.com),
 *           scope, streams (['directoryAudits', 'signIns'] by default); the secret is the client secret
 *   portal  tenantSlug (required), eventType, actor
 *   msp     nothing: the remote lists the tenants
 * Checkpoints: a non-null cursor means "resume this run here"; every run ends on a batch whose
 * cursor is null, so the next run starts at highWater − overlapMs (or at `since`).
 */
import type { Connector, ConnectorKind } from '../connector.ts';
import { entraConnector } from './entra.ts';
import { githubConnector } from './github.ts';
import { mspConnector } from './msp.ts';
import { oktaConnector } from './okta.ts';
import { portalConnector } from './portal.ts';

export const CONNECTORS: Readonly<Record<ConnectorKind, Connector>> = {
  okta: oktaConnector,
  github: githubConnector,
  entra: entraConnector,
  portal: portalConnector,
  msp: mspConnector,
};

export function connectorFor(kind: ConnectorKind): Connector {
  return CONNECTORS[kind];
}
