/**
 * Download tickets (browser mode): each opens one export's file once, within its minute; an
 * unknown, used or expired ticket opens nothing; tickets are long random strings, and outstanding
 * ones are capped so a busy page cannot grow the host's memory.
 */
import { describe, expect, it } from 'vitest';
import { DownloadTickets, TICKET_TTL_MS } from '../../../main/server/download-tickets.ts';

function clocked() {
  let now = 1_000_000;
  const tickets = new DownloadTickets({ now: () => now });
  return { tickets, advance: (ms: number) => (now += ms) };
}

describe('DownloadTickets', () => {
  it('a ticket opens the export and file it was minted for, once', () => {
    const { tickets } = clocked();
    const { ticket, expiresAt } = tickets.mint(4, 'manifest');
    expect(expiresAt).toBe(1_000_000 + TICKET_TTL_MS);
    expect(tickets.redeem(ticket)).toEqual({ id: 4, file: 'manifest', expiresAt });
    expect(tickets.redeem(ticket)).toBeNull();
  });

  it('a ticket past its minute opens nothing, and is gone', () => {
    const { tickets, advance } = clocked();
    const { ticket } = tickets.mint(1, 'data');
    advance(TICKET_TTL_MS - 1);
    const live = tickets.mint(2, 'data');
    advance(1);
    expect(tickets.redeem(ticket)).toBeNull();
    expect(tickets.redeem(live.ticket)).toMatchObject({ id: 2 });
  });

  it('an unknown ticket opens nothing; each ticket is a new unguessable string', () => {
    const { tickets } = clocked();
    const a = tickets.mint(1, 'data').ticket;
    const b = tickets.mint(1, 'data').ticket;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(tickets.redeem('')).toBeNull();
    expect(tickets.redeem(a.slice(0, -1))).toBeNull();
    // A wrong guess does not spend the real ones.
    expect(tickets.redeem(a)).not.toBeNull();
    expect(tickets.redeem(b)).not.toBeNull();
  });

  it('expired tickets are dropped when new ones are minted, and at most 256 are kept', () => {
    const { tickets, advance } = clocked();
    const first = tickets.mint(1, 'data').ticket;
    for (let i = 0; i < 300; i++) tickets.mint(i + 2, 'data');
    expect(tickets.outstanding).toBe(256);
    expect(tickets.redeem(first)).toBeNull();
    advance(TICKET_TTL_MS);
    tickets.mint(999, 'data');
    expect(tickets.outstanding).toBe(1);
  });
});
