/**
 * The card frame protocol (docs/protocol.md, "Card frame"): the messages
 * between `<ck-card-fields>` on the store page (the host) and the card frame
 * served from the payment origin, and the frame's one call to the vault.
 *
 * Both sides parse every message with these schemas and check its origin and
 * source before that. No message from the frame carries a card number, an
 * expiry or a security code: the host learns the brand, whether the form is
 * complete, error codes, and in the end a single-use token.
 */
import * as z from 'zod/mini';
import { CARD_BRANDS } from '../card/brands.js';
import { CARD_FIELD_ERRORS, CARD_FIELDS, checkNumber } from '../card/validate.js';
import { LocaleTag, nonEmpty } from './session.schema.js';

/** Every message carries this, so either side ignores the page's other `message` traffic at once. */
export const CARD_FRAME_PROTOCOL = 'ck-card-frame/1';
const protocol = z.literal(CARD_FRAME_PROTOCOL);

export const CardBrandName = z.enum(CARD_BRANDS);
export const CardFieldName = z.enum(CARD_FIELDS);
export const CardFieldErrorCode = z.enum(CARD_FIELD_ERRORS);

/** A request id the host picks for a submit, echoed in the answer. */
const RequestId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

/** A resolved CSS colour (`rgb(…)`, `#…`, `oklch(…)`): no `url(`, no `;`, nothing that leaves the declaration. */
const CssColor = z.string().check(z.regex(/^(?!.*url\()[a-z0-9#(),.%\s/-]{1,80}$/i));
/** A CSS length such as `10px` or `1rem`. */
const CssLength = z.string().check(z.regex(/^[0-9]{1,4}(\.[0-9]{1,3})?(px|rem|em)$/));
/** A font stack of family names: letters, digits, spaces, quotes, commas and dashes only (no `url(`, no web fonts). */
const FontStack = z.string().check(z.regex(/^[\p{L}\p{N}\s"',_-]{1,200}$/u));

/** The host's resolved theme: the frame paints itself with these, so it looks like the rest of the checkout. */
export const CardFrameTheme = z.object({
  colorScheme: z.enum(['light', 'dark']),
  text: CssColor,
  muted: CssColor,
  surface: CssColor,
  border: CssColor,
  primary: CssColor,
  danger: CssColor,
  radius: CssLength,
  fontFamily: FontStack,
  fontSize: CssLength,
});

// Host → frame.

/** First message after `ready`, and again whenever the locale or theme changes. */
export const CardFrameConfigure = z.object({
  protocol,
  type: z.literal('configure'),
  locale: LocaleTag,
  theme: CardFrameTheme,
  /** The session's frame key (`Session.card.frameKey`); binds the tokens to the session. */
  frameKey: z.optional(nonEmpty()),
  /** The buyer's text direction: the number stays left-to-right either way. */
  dir: z.enum(['ltr', 'rtl']),
});

/** Moves focus into the frame: to a field, or to the first field with an error. */
export const CardFrameFocusRequest = z.object({
  protocol,
  type: z.literal('focus'),
  field: z.enum([...CARD_FIELDS, 'first_invalid']),
});

/** The buyer pressed Pay: validate, show errors, or tokenize and answer `tokenized`. */
export const CardFrameSubmit = z.object({ protocol, type: z.literal('submit'), requestId: RequestId });

export const HostToFrameMessage = z.discriminatedUnion('type', [CardFrameConfigure, CardFrameFocusRequest, CardFrameSubmit]);

// Frame → host.

/** The frame's script runs and listens; the host answers with `configure`. */
export const CardFrameReady = z.object({ protocol, type: z.literal('ready') });

/** The height of the frame's content in CSS pixels (ResizeObserver); the host sizes the iframe to it. */
export const CardFrameResize = z.object({ protocol, type: z.literal('resize'), height: z.number().check(z.gte(0), z.lte(4000)) });

/** Brand and completeness after each change; errors are codes of the fields the buyer has left or submitted. */
export const CardFrameState = z.object({
  protocol,
  type: z.literal('state'),
  brand: z.nullable(CardBrandName),
  /** Co-badged card: the brands the buyer chooses between (inside the frame). */
  brands: z.array(CardBrandName).check(z.maxLength(3)),
  complete: z.boolean(),
  empty: z.boolean(),
  errors: z.partialRecord(CardFieldName, CardFieldErrorCode),
});

/** Focus moved to a field of the frame, or (`null`) out of it. */
export const CardFrameFocus = z.object({ protocol, type: z.literal('focus'), field: z.nullable(CardFieldName) });

/** The vault took the card: a single-use token for `POST /payments` (`fields.cardToken`). */
export const CardFrameTokenized = z.object({
  protocol,
  type: z.literal('tokenized'),
  requestId: RequestId,
  token: z.string().check(z.regex(/^ck_vt_[A-Za-z0-9_-]{20,100}$/)),
  brand: CardBrandName,
});

/** No token: the form has errors (shown in the frame), the vault could not be reached, or it refused the card. */
export const CardFrameTokenizeFailed = z.object({
  protocol,
  type: z.literal('tokenize_failed'),
  requestId: RequestId,
  reason: z.enum(['invalid', 'unavailable', 'rejected']),
});

export const FrameToHostMessage = z.discriminatedUnion('type', [
  CardFrameReady,
  CardFrameResize,
  CardFrameState,
  CardFrameFocus,
  CardFrameTokenized,
  CardFrameTokenizeFailed,
]);

// The frame's call to the vault, on its own origin: `POST /vault/v1/tokens`.

export const VaultTokenRequest = z
  .object({
    frameKey: nonEmpty(),
    number: z.string().check(z.regex(/^[0-9]{12,19}$/)),
    expMonth: z.int().check(z.gte(1), z.lte(12)),
    expYear: z.int().check(z.gte(2000), z.lte(2100)),
    cvc: z.string().check(z.regex(/^[0-9]{3,4}$/)),
    name: z.string().check(z.minLength(1), z.maxLength(64)),
    brand: CardBrandName,
  })
  .check(
    z.refine((card) => {
      const check = checkNumber(card.number, card.brand);
      return check.status === 'valid' && check.brand === card.brand;
    }, 'number is not a valid card of that brand'),
  );

export const VaultTokenResponse = z.object({
  token: z.string().check(z.regex(/^ck_vt_[A-Za-z0-9_-]{20,100}$/)),
  brand: CardBrandName,
  expiresAt: z.iso.datetime(),
});

/** Every card frame message, by name: drives `npm run schema` (docs/schema/card-frame/). */
export const CARD_FRAME_MESSAGES = {
  HostToFrameMessage,
  FrameToHostMessage,
  CardFrameTheme,
  VaultTokenRequest,
  VaultTokenResponse,
} as const;

export type CardFrameTheme = z.infer<typeof CardFrameTheme>;
export type HostToFrameMessage = z.infer<typeof HostToFrameMessage>;
export type FrameToHostMessage = z.infer<typeof FrameToHostMessage>;
export type CardFrameState = z.infer<typeof CardFrameState>;
export type VaultTokenRequest = z.infer<typeof VaultTokenRequest>;
export type VaultTokenResponse = z.infer<typeof VaultTokenResponse>;
