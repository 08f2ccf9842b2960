import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import type { ChatItem, ChatState } from '../../core/support/chat-state.js';
import type { ChatNotice } from './chat-controller.js';

type T = (key: MessageKey, values?: MessageValues) => string;

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Message text as text: http(s) links become links that open in a new tab without the opener; nothing is ever HTML. */
export function textWithLinks(text: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const index = match.index ?? 0;
    parts.push(text.slice(last, index));
    parts.push(html`<a href=${match[0]} target="_blank" rel="noopener noreferrer nofollow ugc">${match[0]}</a>`);
    last = index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

const NOTE_KEYS = {
  handover: 'support:assistant.handover',
  noAnswer: 'support:assistant.noAnswer',
  contextShared: 'support:context.shared',
  closed: 'support:chat.closed',
} as const satisfies Record<string, MessageKey>;

const NOTICE_KEYS = {
  cardMasked: 'support:composer.cardMasked',
  badType: 'support:attach.badType',
  tooLarge: 'support:attach.tooLarge',
  attachFailed: 'support:attach.failed',
  rateLimited: 'support:errors.rateLimited',
  unavailable: 'support:errors.unavailable',
} as const satisfies Record<Exclude<ChatNotice, null>, MessageKey>;

export const noticeText = (t: T, notice: ChatNotice): string => (notice ? t(NOTICE_KEYS[notice]) : '');

function image(t: T, url: string | undefined): TemplateResult | typeof nothing {
  if (url === undefined) return html`<span class="image loading" aria-hidden="true"></span>`;
  if (!url) return html`<span class="image">${t('support:attach.failed')}</span>`;
  return html`<img class="image" src=${url} alt=${t('support:attach.image')} />`;
}

export function chatItem(t: T, item: ChatItem, state: ChatState, images: ReadonlyMap<string, string>): TemplateResult {
  switch (item.kind) {
    case 'message': {
      const { message } = item;
      const mine = message.author === 'buyer';
      const who = mine ? t('support:chat.you') : message.authorName || t('support:chat.agent');
      const mark = mine ? t(message.seq <= state.readByAgent ? 'support:chat.read' : 'support:chat.delivered') : '';
      return html`<li class="message ${mine ? 'mine' : 'theirs'}">
        <span class="visually-hidden">${who}:</span>
        ${message.attachment ? image(t, images.get(message.attachment.id)) : nothing}
        ${message.text ? html`<p class="text" dir="auto">${textWithLinks(message.text)}</p>` : nothing}
        <span class="meta">${mine ? mark : who}</span>
      </li>`;
    }
    case 'pending':
      return html`<li class="message mine pending">
        <span class="visually-hidden">${t('support:chat.you')}:</span>
        ${item.text ? html`<p class="text" dir="auto">${item.text}</p>` : nothing}
        <span class="meta ${item.failed ? 'failed' : ''}">${t(item.failed ? 'support:chat.failed' : 'support:chat.sending')}</span>
      </li>`;
    case 'assistant':
      return html`<li class="message theirs assistant">
        <span class="meta">${t('support:assistant.label')}</span>
        <p class="text" dir="auto">${textWithLinks(item.text)}</p>
      </li>`;
    case 'note':
      return html`<li class="note">${t(NOTE_KEYS[item.note])}</li>`;
    default: {
      const unknownItem: never = item;
      return unknownItem;
    }
  }
}
