import { describe, expect, it } from 'vitest';
import { SyslogFrameSplitter } from '../../../../main/ingest/syslog-receiver/tcp-framing.ts';

const A = '<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 [auth@32473 user="alice"] first';
const B = '<165>1 2003-10-11T22:14:16.003Z host app 42 ID48 - second\nwith a line break';
const octet = (m: string): string => `${Buffer.byteLength(m)} ${m}`;

/** Feeds `input` in pieces of `size` bytes (1 = byte by byte) and collects frames and garbage. */
function split(input: string | Buffer, size = Infinity, max = 1024): { frames: string[]; garbage: string[] } {
  const frames: string[] = [];
  const garbage: string[] = [];
  const splitter = new SyslogFrameSplitter(max, { frame: (b) => frames.push(b.toString('utf8')), garbage: (r) => garbage.push(r) });
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
  for (let i = 0; i < bytes.length; i += size) splitter.push(Buffer.from(bytes.subarray(i, Math.min(bytes.length, i + size))));
  splitter.end();
  return { frames, garbage };
}

describe('RFC 6587 TCP framing', () => {
  it('reads octet-counted frames (a frame may hold LF) whole, however the stream is cut', () => {
    for (const size of [1, 3, 17, Infinity]) {
      expect(split(octet(A) + octet(B) + octet('<13>1 - - - - - ünïcode'), size)).toEqual({ frames: [A, B, '<13>1 - - - - - ünïcode'], garbage: [] });
    }
  });

  it('reads LF and NUL framed messages, with CRLF, and a last message without its LF', () => {
    for (const size of [1, 5, Infinity]) {
      expect(split(`${A}\r\n${A.replace('first', 'again')}\0${A.replace('first', 'last')}`, size).frames).toEqual([A, A.replace('first', 'again'), A.replace('first', 'last')]);
    }
  });

  it('tells the framing at each frame, so a connection may mix them', () => {
    expect(split(`${octet(A)}${A}\n${octet(A)}`).frames).toEqual([A, A, A]);
  });

  it('skips garbage to the next line, and a bad length, and keeps the messages around them', () => {
    const { frames, garbage } = split(`hello there\n${A}\n0 nothing\n${octet(A)}99999999999 x\n${A}\n`, 7);
    expect(frames).toEqual([A, A, A]);
    expect(garbage).toEqual([
      'Bytes that start neither an octet-counted frame ("LEN <PRI>…") nor a message ("<PRI>…") were skipped to the next line.',
      'A frame length that is not a number followed by a space was skipped to the next line.',
      'A frame length that is not a number followed by a space was skipped to the next line.',
    ]);
  });

  it('skips a frame over the limit without holding it, in both framings', () => {
    const big = `<13>1 - - - - - ${'x'.repeat(5000)}`;
    const { frames, garbage } = split(`${octet(big)}${octet(A)}${big}\n${A}\n`, 100);
    expect(frames).toEqual([A, A]);
    expect(garbage).toEqual([
      'An octet-counted frame of 5016 bytes is over the 1024-byte limit and was skipped.',
      'A message over the 1024-byte limit was skipped to the next line.',
    ]);
  });

  it('reports a frame cut off by the end of the connection', () => {
    expect(split(`${octet(A)}80 <13>1 - - -`)).toEqual({ frames: [A], garbage: ['The connection closed 69 bytes before the end of an octet-counted frame.'] });
  });
});
