/**
 * The syslog intake panel over the fake API: starts the receiver on the chosen port into the
 * chosen tenant, shows its figures as they change (polled while it runs), names a bad port and
 * a refused start in sentences, and stops it.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, fakeTenant, type FakeApi } from '../../../support/fake-api.ts';
import { byTestId, render, type Rendered } from '../render.ts';

const holder = vi.hoisted(() => ({ fake: null as FakeApi | null }));
vi.mock('../../../../renderer/src/api/client.ts', async () => {
  const { ApiClientError } = await import('../../../../renderer/src/api/ApiClientError.ts');
  // The panel and the app store call through here to whichever fake the test made.
  const api = new Proxy({}, { get: (_t, name: string) => (input: unknown, o?: unknown) => (holder.fake!.api as never as Record<string, (i: unknown, o?: unknown) => unknown>)[name]!(input, o) });
  return { api, ApiClientError, transportKind: 'http' };
});

const { SyslogIntake, SYSLOG_POLL_MS } = await import('../../../../renderer/src/components/intake/SyslogIntake.tsx');
const { useAppStore } = await import('../../../../renderer/src/state/store.ts');

const TENANTS = [fakeTenant({ id: 1, name: 'Acme' }), fakeTenant({ id: 2, name: 'Firewalls' })];

let view: Rendered;
beforeEach(async () => {
  holder.fake = createFakeApi({ tenants: TENANTS, events: [] });
  await useAppStore.getState().loadTenants();
});
afterEach(async () => {
  await view?.unmount();
  vi.useRealTimers();
});

const el = (id: string) => byTestId(view.container, id);
async function setValue(id: string, value: string): Promise<void> {
  const input = el(id) as HTMLInputElement | HTMLSelectElement;
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
    setter.call(input, value);
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}
const click = (id: string) => act(async () => void (el(id) as HTMLButtonElement).click());

describe('SyslogIntake', () => {
  it('starts on the chosen port into the chosen tenant, shows the figures as they come, then stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    view = await render(<SyslogIntake />);
    expect(el('syslog-state')?.textContent).toBe('Stopped.');
    await setValue('syslog-tenant', '2');
    await setValue('syslog-port', '6514');
    await click('syslog-start');

    expect(holder.fake!.callsOf('syslog.start').map((c) => c.input)).toEqual([{ tenantId: 2, port: 6514 }]);
    expect(el('syslog-state')?.textContent).toBe('Listening on 127.0.0.1:6514 into Firewalls.');
    expect((el('syslog-port') as HTMLInputElement).disabled).toBe(true);

    holder.fake!.setSyslogFigures({ received: 1_250, written: 1_200, garbage: 48, dropped: 2, connections: 3, recentProblems: ['Not an RFC 5424 message: "hello"'] });
    await act(async () => void (await vi.advanceTimersByTimeAsync(SYSLOG_POLL_MS)));
    expect(el('syslog-received')?.textContent).toBe('received1,250');
    expect(el('syslog-written')?.textContent).toBe('written1,200');
    expect(el('syslog-garbage')?.textContent).toBe('garbage48');
    expect(el('syslog-dropped')?.textContent).toBe('dropped2');
    expect(el('syslog-tcp')?.textContent).toBe('TCP connections3');
    expect(el('syslog-problems')?.textContent).toBe('Not an RFC 5424 message: "hello"');

    await click('syslog-stop');
    expect(holder.fake!.callsOf('syslog.stop')).toHaveLength(1);
    expect(el('syslog-state')?.textContent).toBe('Stopped.');
    // The last run's figures stay; polling stops with the receiver.
    expect(el('syslog-received')?.textContent).toBe('received1,250');
    const polls = holder.fake!.callsOf('syslog.status').length;
    await act(async () => void (await vi.advanceTimersByTimeAsync(5 * SYSLOG_POLL_MS)));
    expect(holder.fake!.callsOf('syslog.status')).toHaveLength(polls);
  });

  it('names a port that is not one and will not start with it', async () => {
    view = await render(<SyslogIntake />);
    await setValue('syslog-port', '70000');
    expect(el('syslog-port-problem')?.textContent).toBe('The port must be a whole number from 0 to 65535 (0 picks a free one).');
    expect((el('syslog-start') as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the receiver's refusal as its sentence and stays stopped", async () => {
    view = await render(<SyslogIntake />);
    holder.fake!.failNext('syslog.start', { code: 'invalid_input', message: 'Cannot listen for syslog on 127.0.0.1:5514 (TCP): listen EADDRINUSE: address already in use 127.0.0.1:5514.' });
    await click('syslog-start');
    expect(el('syslog-error')?.textContent).toBe('Cannot listen for syslog on 127.0.0.1:5514 (TCP): listen EADDRINUSE: address already in use 127.0.0.1:5514.');
    expect(el('syslog-state')?.textContent).toBe('Stopped.');
    expect(el('syslog-start')).not.toBeNull();
  });
});
