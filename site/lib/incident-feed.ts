import { Feed } from 'feed';
import type { PublicIncident, PublicUpdate } from '../../checks/schemas/incident.ts';
import { formatDateTime } from './format.ts';
import { STRINGS } from './strings.ts';

/**
 * RSS 2.0 and Atom 1.0 feeds of public incidents (`/rss.xml`, `/atom.xml`), in Vietnamese. One item
 * per incident update, so a feed reader also shows the recovery, not only the first alarm; each item
 * links to the incident's page with its own fragment, which is its unique guid/id. Built with the
 * `feed` package. Pure: data in, XML out.
 *
 * Escaping: `feed` puts item titles and descriptions in CDATA (safe XML), but Atom marks them
 * `type="html"` and RSS readers render descriptions as HTML, so the text inside is HTML-escaped here
 * first: a site called `<script>` is shown as that text, never run. Feed-level texts are plain-text
 * elements, which `feed` escapes as entities itself.
 */
export interface FeedInput {
  readonly organisation: string;
  /** The public site's absolute address, with or without a trailing slash. */
  readonly siteUrl: string;
  readonly timeZone: string;
  /** Public incidents (publicKind set), any order. */
  readonly incidents: readonly PublicIncident[];
  /** Site names by id, for the item titles; an incident of a removed site falls back to its own title. */
  readonly siteNames: ReadonlyMap<string, string>;
  /** Used as the feed's date when there are no incidents yet (the build's last run). */
  readonly updatedAt: string;
}

/** Feed readers keep what they have seen: the newest updates are enough. */
export const FEED_ITEMS = 100;

// The same words as the incident pages; the feeds are Vietnamese.
const { publicKind: KIND, incidentState: STATE } = STRINGS.vi;

export interface FeedItemView {
  readonly id: string;
  readonly title: string;
  readonly link: string;
  readonly date: string;
  readonly description: string;
}

/** The items both feeds carry, newest first. */
export function feedItems(input: FeedInput): FeedItemView[] {
  const base = input.siteUrl.replace(/\/+$/, '');
  const items: FeedItemView[] = [];
  for (const incident of input.incidents) {
    if (incident.publicKind === null) continue;
    const link = `${base}/su-co/${incident.id}/`;
    const chronological = [...incident.updates].sort((a, b) => a.at.localeCompare(b.at));
    chronological.forEach((update, i) => {
      items.push({
        id: `${link}#cap-nhat-${i + 1}`,
        title: itemTitle(incident, update, input.siteNames),
        link,
        date: update.at,
        description: itemText(incident, update, input.timeZone),
      });
    });
  }
  return items.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id)).slice(0, FEED_ITEMS);
}

function itemTitle(incident: PublicIncident, update: PublicUpdate, names: ReadonlyMap<string, string>): string {
  const name = names.get(incident.siteId);
  if (!name) return `${incident.titleVi} (${STATE[update.state]})`;
  return `${name}: ${KIND[incident.publicKind!]} (${STATE[update.state]})`;
}

function itemText(incident: PublicIncident, update: PublicUpdate, timeZone: string): string {
  return `${update.vi} Thời điểm: ${formatDateTime(update.at, timeZone)}. Sự cố bắt đầu lúc ${formatDateTime(incident.startedAt, timeZone)}.`;
}

/** Both feeds from the same items. */
export function incidentFeeds(input: FeedInput): { readonly rss: string; readonly atom: string } {
  const base = input.siteUrl.replace(/\/+$/, '');
  const items = feedItems(input);
  const feed = new Feed({
    id: `${base}/`,
    title: `Sự cố cổng thông tin — ${input.organisation}`,
    description: `Các sự cố của cổng thông tin điện tử do ${input.organisation} theo dõi: gián đoạn, truy cập chậm, an toàn thông tin, chứng thư số.`,
    link: `${base}/su-co/`,
    language: 'vi',
    updated: new Date(items[0]?.date ?? input.updatedAt),
    generator: 'Canh Gác',
    feedLinks: { rss: `${base}/rss.xml`, atom: `${base}/atom.xml` },
    copyright: input.organisation,
  });
  for (const item of items) {
    feed.addItem({
      id: item.id,
      guid: item.id,
      title: escapeHtml(item.title),
      link: item.link,
      date: new Date(item.date),
      description: escapeHtml(item.description),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1() };
}

/** Text as HTML that shows exactly that text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
