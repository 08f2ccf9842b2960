/**
 * What `POST /payments` does for a card method: the request must carry a vault
 * token of this session (`fields.cardToken`), spent here, and may carry an
 * instalment count the session offers. The PSP then sees the card's brand and
 * last four digits (which choose the sandbox outcome), never the token again.
 */
import { CARD_TOKEN_FIELD, INSTALMENTS_FIELD, type PaymentRequest } from '../../src/core/protocol/schemas.js';
import type { SessionRecord } from '../db/sessions.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../http/errors.js';
import { instalmentsFor } from './instalments.js';
import { scenarioOfCard } from './test-cards.js';
import { redeem } from './vault.js';

export interface CardPayment {
  /** The request as the PSP and the payment record see it: the token replaced by brand and last four digits. */
  request: PaymentRequest;
  /** The sandbox outcome the test card asks for, if it is one. */
  scenario?: string;
}

/** The card side of a payment request, or a documented `400 invalid_request` when it has no usable token. */
export async function cardPayment(ctx: ServerContext, session: SessionRecord, request: PaymentRequest): Promise<CardPayment> {
  if (session.faults.cardWithoutToken) return { request };
  const { [CARD_TOKEN_FIELD]: token, [INSTALMENTS_FIELD]: instalments, ...rest } = request.fields ?? {};
  if (!token) {
    throw new ApiError(400, 'invalid_request', `A card payment needs fields.${CARD_TOKEN_FIELD}: the token the card frame returns. Card numbers never go to this API.`);
  }
  if (instalments !== undefined && instalments !== '1') {
    const offered = instalmentsFor(session.country, session.amount)?.counts ?? [];
    if (!offered.includes(Number(instalments)) || !/^[0-9]{1,2}$/.test(instalments)) {
      throw new ApiError(400, 'invalid_request', `fields.${INSTALMENTS_FIELD} must be one of the counts the session offers (${offered.join(', ') || 'none'}).`);
    }
  }
  const card = await redeem(ctx.store, session.id, token, ctx.now());
  if (!card) {
    throw new ApiError(400, 'invalid_request', `fields.${CARD_TOKEN_FIELD} is not a usable card token of this session (unknown, expired or already used); tokenize the card again.`);
  }
  const fields = { ...rest, cardBrand: card.brand, cardLast4: card.last4, ...(instalments && instalments !== '1' ? { [INSTALMENTS_FIELD]: instalments } : {}) };
  const scenario = scenarioOfCard(card.last4);
  return { request: { ...request, fields }, ...(scenario ? { scenario } : {}) };
}
