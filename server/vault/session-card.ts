/** `Session.card`: where the card frame is, its frame key, and the instalments offered, for sessions that offer a card method. */
import type { CardOffer } from '../../src/core/protocol/schemas.js';
import type { ServerContext } from '../context.js';
import type { SessionRecord } from '../db/sessions.js';
import { frameKeyFor } from './frame-key.js';
import { instalmentsFor } from './instalments.js';

/** Path of the frame page on the payment origin (server/card-frame/routes.ts serves it). */
const FRAME_PAGE = '/card-frame/v1';

export function cardOfferFor(ctx: ServerContext, session: SessionRecord): { card?: CardOffer } {
  if (!ctx.cardUrl || session.faults.cardWithoutToken) return {};
  if (!session.methods.some((method) => method.type === 'card' && method.status !== 'down')) return {};
  const instalments = instalmentsFor(session.country, session.amount);
  return {
    card: {
      frameUrl: `${ctx.cardUrl}${FRAME_PAGE}`,
      frameKey: frameKeyFor(ctx.merchantSecret, session.id),
      ...(instalments ? { instalments } : {}),
    },
  };
}
