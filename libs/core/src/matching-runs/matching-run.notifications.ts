import type { NotificationInput } from '../notifications/notifications.service';

export type PartyProposal = { id: string; cooperativeId: string; buyerId: string; quantityKg: number };

/**
 * One notification per organisation and run: its new proposals, and in the same row those of its
 * open proposals the run superseded (and kept), so a digest can tell the whole change at once.
 */
export function runNotifications(
  runId: string,
  added: PartyProposal[],
  superseded: PartyProposal[],
  kept: PartyProposal[],
  provinceCodes: string[] = [],
): NotificationInput[] {
  type Entry = {
    audience: 'cooperative' | 'buyer';
    id: string;
    added: string[];
    kg: number;
    superseded: string[];
    kept: string[];
  };
  const byParty = new Map<string, Entry>();
  const each = (rows: PartyProposal[], f: (e: Entry, r: PartyProposal) => void) => {
    for (const r of rows) {
      for (const [audience, id] of [
        ['cooperative', r.cooperativeId],
        ['buyer', r.buyerId],
      ] as const) {
        const key = `${audience}:${id}`;
        const e = byParty.get(key) ?? { audience, id, added: [], kg: 0, superseded: [], kept: [] };
        f(e, r);
        byParty.set(key, e);
      }
    }
  };
  each(added, (e, r) => {
    e.added.push(r.id);
    e.kg += r.quantityKg;
  });
  each(superseded, (e, r) => e.superseded.push(r.id));
  each(kept, (e, r) => e.kept.push(r.id));
  const out: NotificationInput[] = [...byParty.values()]
    .filter((e) => e.added.length || e.superseded.length)
    .map((e) => ({
      audience: e.audience,
      audienceId: e.id,
      kind: e.added.length ? 'proposals.created' : 'proposals.superseded',
      title: e.added.length
        ? `Có ${e.added.length} đề xuất kết nối mới (${e.added.length} new proposals)`
        : `${e.superseded.length} đề xuất đã được thay thế (${e.superseded.length} proposals superseded)`,
      body: e.added.length
        ? `${e.kg.toLocaleString('vi-VN')} kg được đề xuất; vui lòng chấp nhận hoặc từ chối.` +
          (e.superseded.length ? ` ${e.superseded.length} đề xuất cũ được thay thế.` : '')
        : 'Lượt ghép nối mới đã thay thế các đề xuất cũ chưa được trả lời.',
      data: {
        matchingRunId: runId,
        proposals: e.added.length,
        quantityKg: e.kg,
        proposalIds: e.added,
        supersededProposalIds: e.superseded,
        keptProposalIds: e.kept,
      },
    }));
  out.push({
    audience: 'staff',
    audienceId: null,
    kind: 'matching_run.completed',
    title: 'Lượt ghép nối đã hoàn tất (matching run completed)',
    body: `${added.length} đề xuất mới, ${kept.length} giữ nguyên, ${superseded.length} được thay thế`,
    data: { matchingRunId: runId, proposals: added.length, kept: kept.length, superseded: superseded.length },
    // A national run (no provinces) is news for national staff only, as the run itself is.
    provinceCodes,
  });
  return out;
}
