/** Every connector by kind: the engine looks them up here and knows no protocol itself. */
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
