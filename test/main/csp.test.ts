import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/csp.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it("falls back to the app's own origin for everything", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('runs only bundled scripts: no eval, no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });

  it("starts Monaco's workers from 'self' or blob: only", () => {
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('names no remote host and no wildcard anywhere', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).toMatch(/^('self'|'none'|'unsafe-inline'|blob:|data:)$/);
      }
    }
  });

  it('forbids plugins, <base> rewriting and being framed', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });
});
