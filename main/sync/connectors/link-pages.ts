/**
 * The paging the Link-header sources share (Okta's System Log, GitHub's audit log): each answer is
 * a JSON list, oldest first, and the next page is only ever the `Link: rel="next"` URL the source
 * returns. A run ends at the first empty page, at a page without a next link, or when the source
 * keeps serving the same page; its last checkpoint puts the cursor back to null, so the next run
 * starts again at the high-water mark minus the overlap window and the store's unique key drops
 * what it re-reads.
 */
import type { PulledBatch } from '../connector.ts';
import type { Normalizer } from '../../ingest/sources/index.ts';
import { linkRel } from './link-header.ts';
import { maxOrNull, normalizePage, pageBatch, runStart, type PagedRun } from './records.ts';

/** The same next URL this many times in a row without new events means the source is stuck. */
const MAX_SAME_URL = 3;

export async function* pullLinkPages(
  args: PagedRun & {
    normalize: Normalizer;
    /** The source's own id field in each record. */
    idField: string;
    /** The sentence when an answer is not a list. */
    notAList: string;
  },
): AsyncGenerator<PulledBatch> {
  const { client } = args;
  let highWater = args.checkpoint?.highWater ?? null;
  let url = args.checkpoint?.cursor ?? args.firstUrl(runStart(highWater, args.since, args.overlapMs));
  let sameUrl = 0;
  let lastUrl = '';
  for (let pageNo = 1; ; pageNo++) {
    const answer = await client.request(url, { headers: args.headers });
    if (!Array.isArray(answer.body)) throw client.error(args.notAList);
    const page = normalizePage(answer.body, args.normalize, args.idField, `${args.where} page ${pageNo}`);
    highWater = maxOrNull(highWater, page.newest);
    const next = linkRel(answer.headers.get('link'), 'next', answer.url);
    sameUrl = url === lastUrl ? sameUrl + 1 : 0;
    lastUrl = url;
    // Caught up (an empty page), no next link, or a source that keeps serving the same page.
    const done = answer.body.length === 0 || next === null || sameUrl >= MAX_SAME_URL;
    yield pageBatch(page, { cursor: done ? null : next, highWater });
    if (done) return;
    url = next;
  }
}
