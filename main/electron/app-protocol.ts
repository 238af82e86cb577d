/**
 * The app:// scheme the window loads from, instead of file:// (which would give the page the
 * whole disk as its origin). Registration must happen before `ready`, serving after it.
 */
import { protocol } from 'electron';
import { appFileResponse } from './app-files.ts';
import { APP_SCHEME } from './trusted-url.ts';

/**
 * Standard (real origin, relative URLs), secure (a secure context), fetch allowed. Deliberately
 * not `corsEnabled` nor `bypassCSP`: no other origin may read app:// and the CSP always applies.
 * Electron keeps only the last call to registerSchemesAsPrivileged, so this is the only one.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves app://trailkeeper/… from the built renderer folder only. */
export function serveAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => appFileResponse(rendererRoot, request));
}
