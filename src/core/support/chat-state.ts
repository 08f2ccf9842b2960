/**
 * What the chat panel shows, as a pure function of transport events and the
 * buyer's own actions: messages in arrival order (a pending message is
 * replaced in place by the stored one, so it never jumps or shows twice),
 * assistant answers and notes, the service status and the agent's typing.
 */
import type { Attachment, SupportError, SupportEvent, SupportMessage, SupportStatus, TransportState } from './transport.js';

export type ChatNote = 'handover' | 'noAnswer' | 'contextShared' | 'closed';

export type ChatItem =
  | { kind: 'message'; key: string; message: SupportMessage }
  | { kind: 'pending'; key: string; text: string; attachment?: Attachment; failed: SupportError | null }
  | { kind: 'assistant'; key: string; text: string; source?: string }
  | { kind: 'note'; key: string; note: ChatNote };

export interface ChatState {
  items: readonly ChatItem[];
  /** Highest buyer message seq the agent has read: the buyer's "Read" marks. */
  readByAgent: number;
  status: SupportStatus | null;
  connection: TransportState;
  typing: { on: boolean; name?: string };
  closed: boolean;
  /** Highest seq shown, for read receipts. */
  lastSeq: number;
}

export const initialChatState: ChatState = {
  items: [],
  readByAgent: 0,
  status: null,
  connection: 'idle',
  typing: { on: false },
  closed: false,
  lastSeq: 0,
};

/** The buyer's own actions that change the panel without a transport event. */
export type LocalAction =
  | { type: 'queued'; clientId: string; text: string; attachment?: Attachment }
  | { type: 'assistant'; key: string; text: string; source?: string }
  | { type: 'note'; key: string; note: ChatNote };

export function reduceChat(state: ChatState, event: SupportEvent | LocalAction): ChatState {
  switch (event.type) {
    case 'queued': {
      const item: ChatItem = { kind: 'pending', key: event.clientId, text: event.text, failed: null };
      if (event.attachment) item.attachment = event.attachment;
      return { ...state, items: [...state.items, item] };
    }
    case 'assistant': {
      const item: ChatItem = { kind: 'assistant', key: event.key, text: event.text };
      if (event.source) item.source = event.source;
      return { ...state, items: [...state.items, item] };
    }
    case 'note':
      return { ...state, items: [...state.items, { kind: 'note', key: event.key, note: event.note }] };
    case 'message':
      return withMessage(state, event.message, event.message.clientId);
    case 'sent':
      return withMessage(state, event.message, event.clientId);
    case 'failed':
      return {
        ...state,
        items: state.items.map((item) => (item.kind === 'pending' && item.key === event.clientId ? { ...item, failed: event.error } : item)),
      };
    case 'receipt':
      return event.readByAgent > state.readByAgent ? { ...state, readByAgent: event.readByAgent } : state;
    case 'status':
      return { ...state, status: event.status };
    case 'state':
      return { ...state, connection: event.state };
    case 'typing':
      return { ...state, typing: event.name === undefined ? { on: event.on } : { on: event.on, name: event.name } };
    case 'closed':
      return { ...state, closed: true };
    case 'error':
    case 'signal':
      return state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

function withMessage(state: ChatState, message: SupportMessage, clientId: string | undefined): ChatState {
  if (state.items.some((item) => item.kind === 'message' && item.message.seq === message.seq)) return state;
  const stored: ChatItem = { kind: 'message', key: message.id, message };
  const index = clientId ? state.items.findIndex((item) => item.kind === 'pending' && item.key === clientId) : -1;
  const items = index >= 0 ? state.items.map((item, i) => (i === index ? stored : item)) : [...state.items, stored];
  return {
    ...state,
    items,
    lastSeq: Math.max(state.lastSeq, message.seq),
    // A new message from the agent ends their typing; a buyer writing again reopens a closed conversation.
    typing: message.author === 'agent' ? { on: false } : state.typing,
    closed: message.author === 'buyer' ? false : state.closed,
  };
}

/** How to say when someone is back, in the buyer's own time zone: today, tomorrow, or a weekday. */
export function backAt(
  nextOpenAt: string,
  now: number,
  locale: string,
  timeZone: string,
): { when: 'today' | 'tomorrow' | 'on'; day: string; time: string } {
  const at = Date.parse(nextOpenAt);
  const dayKey = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(at);
  const when = dayKey(at) === dayKey(now) ? 'today' : dayKey(at) === dayKey(now + 24 * 60 * 60 * 1000) ? 'tomorrow' : 'on';
  return { when, day, time };
}
