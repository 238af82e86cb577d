/**
 * Zod probes `new Function` on its first object parse to decide whether to compile fast
 * parsers. Under our CSP (no 'unsafe-eval') that probe is reported as a violation, so turn the
 * compiled path off before anything parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
