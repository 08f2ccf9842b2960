// The agent console of the reference support service: sign in, see every
// conversation with unread counts and waiting times, claim, transfer, close,
// reply live with typing, and see the buyer's local time, language and
// checkout context. Plain DOM, no framework; every buyer-supplied string is
// set as textContent, never as HTML. The login token lives in sessionStorage
// and travels in the Authorization header or the socket's first frame.

import { createCalls } from '/agent/call.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'ck-agent-token';
const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  me: null,
  socket: null,
  retry: 0,
  conversations: new Map(),
  messages: new Map(),
  agents: [],
  selected: null,
  typingTimer: 0,
  typingSent: false,
  buyerTyping: new Map(),
};

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function minutesSince(iso) {
  return Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60000));
}

function money(amount) {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency: amount.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat('en', { style: 'currency', currency: amount.currency }).format(amount.value / 10 ** digits);
  } catch {
    return `${amount.value} ${amount.currency} (minor units)`;
  }
}

function localTime(timeZone) {
  try {
    return new Intl.DateTimeFormat('en', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date());
  } catch {
    return 'unknown';
  }
}

function languageName(tag) {
  try {
    return `${new Intl.DisplayNames(['en'], { type: 'language' }).of(tag)} (${tag})`;
  } catch {
    return tag;
  }
}

// ---- login ---------------------------------------------------------------------

async function login(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  $('login-error').textContent = '';
  const response = await fetch('/agent/api/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: form.get('id'), password: form.get('password') }),
  }).catch(() => null);
  if (!response || !response.ok) {
    const body = response ? await response.json().catch(() => null) : null;
    $('login-error').textContent = body?.error?.message ?? 'Could not reach the service.';
    return;
  }
  const { token } = await response.json();
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  start();
}

function showLogin() {
  state.token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $('console-view').hidden = true;
  $('login-view').hidden = false;
}

async function logout() {
  const token = state.token;
  state.socket?.close();
  state.socket = null;
  showLogin();
  if (token) await fetch('/agent/api/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => null);
}

// ---- socket --------------------------------------------------------------------

function connect() {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/agent/ws`;
  const socket = new WebSocket(url);
  state.socket = socket;
  $('connection').textContent = 'Connecting…';
  socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'hello', token: state.token })));
  socket.addEventListener('message', (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    handle(frame);
  });
  socket.addEventListener('close', (event) => {
    if (state.socket !== socket) return;
    state.socket = null;
    if (event.code === 4401) {
      showLogin();
      return;
    }
    $('connection').textContent = 'Reconnecting…';
    const delay = Math.min(10000, 500 * 2 ** state.retry++) * (0.5 + Math.random() / 2);
    setTimeout(() => state.token && connect(), delay);
  });
}

function send(frame) {
  if (state.socket?.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(frame));
}

function handle(frame) {
  switch (frame.type) {
    case 'welcome':
      state.retry = 0;
      state.me = frame.agent;
      $('me').textContent = `Signed in as ${frame.agent.name}`;
      $('connection').textContent = 'Connected';
      $('presence').value = frame.agent.presence === 'away' ? 'away' : 'online';
      state.agents = frame.agents;
      state.conversations = new Map(frame.conversations.map((c) => [c.id, c]));
      // Catch up on the open conversation from its last known message.
      if (state.selected) openConversation(state.selected);
      renderList();
      renderAgents();
      break;
    case 'conversation':
      state.conversations.set(frame.conversation.id, frame.conversation);
      renderList();
      if (frame.conversation.id === state.selected) renderChat();
      break;
    case 'message': {
      const list = state.messages.get(frame.message.conversationId);
      if (list && !list.some((m) => m.seq === frame.message.seq)) {
        list.push(frame.message);
        list.sort((a, b) => a.seq - b.seq);
      }
      if (frame.message.conversationId === state.selected) {
        renderMessages();
        if (frame.message.author === 'buyer' && document.visibilityState === 'visible') {
          send({ type: 'read', conversationId: state.selected, seq: frame.message.seq });
        }
      }
      if (frame.message.author === 'buyer') state.buyerTyping.delete(frame.message.conversationId);
      renderTyping();
      break;
    }
    case 'typing':
      if (frame.on) state.buyerTyping.set(frame.conversationId, true);
      else state.buyerTyping.delete(frame.conversationId);
      renderTyping();
      break;
    case 'agents':
      state.agents = frame.agents;
      renderAgents();
      break;
    case 'error':
      $('chat-error').textContent = frame.error.message;
      break;
    case 'signal':
      calls.onSignal(frame);
      break;
    default:
      break;
  }
}

// ---- views ---------------------------------------------------------------------

function describe(c) {
  if (c.identity) return c.identity.name ? `${c.identity.name} (verified)` : `${c.identity.subject} (verified)`;
  return 'Anonymous visitor';
}

function renderList() {
  const items = [...state.conversations.values()].map((c) => {
    const waiting = c.waitingSince ? `waiting ${minutesSince(c.waitingSince)} min` : c.state;
    const who = describe(c);
    const assignee = c.assignee ? `with ${state.agents.find((a) => a.id === c.assignee)?.name ?? c.assignee}` : 'unassigned';
    const label = `${who}, ${c.unread} unread, ${waiting}, ${assignee}${c.buyerOnline ? ', online' : ''}`;
    const button = el(
      'button',
      { type: 'button', 'aria-label': label, 'aria-current': String(c.id === state.selected), onclick: () => openConversation(c.id) },
      el('strong', {}, who),
      ' ',
      c.unread ? el('span', { class: 'badge', 'aria-hidden': 'true' }, String(c.unread)) : null,
      el('span', { class: 'meta', 'aria-hidden': 'true' }, `${waiting} · ${assignee} · ${languageName(c.locale)}`),
    );
    return el('li', {}, button);
  });
  $('conversations').replaceChildren(...(items.length ? items : [el('li', {}, 'No conversations yet')]));
}

function renderAgents() {
  $('agents').replaceChildren(...state.agents.map((a) => el('li', {}, `${a.name}: ${a.presence}`)));
  $('transfer-to').replaceChildren(...state.agents.filter((a) => a.id !== state.me?.id).map((a) => el('option', { value: a.id }, a.name)));
  renderList();
}

function renderTyping() {
  $('typing').textContent = state.selected && state.buyerTyping.get(state.selected) ? 'The buyer is typing…' : '';
}

async function imageFor(attachment, holder) {
  const response = await fetch(`/agent/api/attachments/${encodeURIComponent(attachment.id)}`, { headers: { Authorization: `Bearer ${state.token}` } }).catch(
    () => null,
  );
  if (!response?.ok) {
    holder.textContent = 'Image unavailable';
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  holder.replaceChildren(el('img', { src: url, alt: 'Image from the buyer' }));
}

function renderMessages() {
  const conversation = state.conversations.get(state.selected);
  const list = state.messages.get(state.selected) ?? [];
  $('messages').replaceChildren(
    ...list.map((m) => {
      const item = el('li', { class: m.author }, m.text);
      if (m.attachment) {
        const holder = el('span', {}, 'Loading image…');
        item.append(holder);
        imageFor(m.attachment, holder).catch(() => (holder.textContent = 'Image unavailable.'));
      }
      if (m.author === 'agent' && conversation) {
        const status = conversation.readByBuyer >= m.seq ? 'Read' : conversation.deliveredToBuyer >= m.seq ? 'Delivered' : 'Sent';
        item.append(el('span', { class: 'state' }, `${m.authorName ?? 'Agent'} · ${status}`));
      }
      return item;
    }),
  );
  $('messages').scrollTop = $('messages').scrollHeight;
}

function renderChat() {
  const c = state.conversations.get(state.selected);
  if (!c) return;
  $('chat-title').textContent = `Conversation with ${describe(c)}`;
  $('actions').hidden = false;
  $('composer').hidden = c.state === 'closed';
  $('claim').hidden = c.assignee === state.me?.id;
  const rows = [
    ['Identity', c.identity ? [c.identity.name, c.identity.email].filter(Boolean).join(', ') || c.identity.subject : 'Anonymous visitor (not verified)'],
    ['Local time', localTime(c.timeZone)],
    ['Time zone', c.timeZone],
    ['Language', languageName(c.locale)],
    ['State', c.state],
    ['Buyer online', c.buyerOnline ? 'yes' : 'no'],
  ];
  $('buyer').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  const ctx = c.context;
  const contextRows = ctx
    ? [
        ['Session', ctx.sessionId],
        ['Amount', money(ctx.amount)],
        ['Method', ctx.method],
        ['Failure code', ctx.code],
        ['Attempts', String(ctx.attempt)],
        ['Locale', ctx.locale],
        ['Country', ctx.country],
      ]
    : [['Shared', 'Nothing shared']];
  $('context').replaceChildren(...contextRows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  renderMessages();
  renderTyping();
  renderList();
}

function openConversation(id) {
  state.selected = id;
  calls.refresh();
  if (!state.messages.has(id)) state.messages.set(id, []);
  const list = state.messages.get(id);
  const last = list.length ? list[list.length - 1].seq : 0;
  send({ type: 'open', conversationId: id, after: last });
  const c = state.conversations.get(id);
  if (c && c.lastSeq > 0) send({ type: 'read', conversationId: id, seq: c.lastSeq });
  $('chat-error').textContent = '';
  renderChat();
}

async function loadOffline() {
  if (!state.token) return;
  const response = await fetch('/agent/api/offline', { headers: { Authorization: `Bearer ${state.token}` } }).catch(() => null);
  if (!response?.ok) return;
  const { messages } = await response.json();
  $('offline').replaceChildren(
    ...(messages.length
      ? messages.map((m) =>
          el(
            'li',
            {},
            el('strong', {}, m.email),
            el('span', { class: 'meta' }, `${new Date(m.createdAt).toLocaleString('en')} · ${languageName(m.locale)} · ${m.timeZone}`),
            el('span', {}, m.message),
          ),
        )
      : [el('li', {}, 'None')]),
  );
}

// ---- actions -------------------------------------------------------------------

const calls = createCalls({
  $,
  send,
  selected: () => state.selected,
  token: () => state.token,
  open: (id) => openConversation(id),
  describe: (id) => {
    const c = state.conversations.get(id);
    return c ? describe(c) : 'a buyer';
  },
});

$('login-form').addEventListener('submit', (event) => {
  login(event).catch(() => ($('login-error').textContent = 'Could not reach the service.'));
});
$('logout').addEventListener('click', () => {
  logout().catch(() => undefined);
});
$('presence').addEventListener('change', (event) => send({ type: 'presence', presence: event.target.value }));
$('claim').addEventListener('click', () => send({ type: 'claim', conversationId: state.selected }));
$('transfer').addEventListener('click', () => {
  const to = $('transfer-to').value;
  if (to) send({ type: 'transfer', conversationId: state.selected, to });
});
$('close').addEventListener('click', () => send({ type: 'close', conversationId: state.selected }));
$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('reply').value.trim();
  if (!text || !state.selected) return;
  send({ type: 'send', conversationId: state.selected, clientId: crypto.randomUUID(), text });
  send({ type: 'typing', conversationId: state.selected, on: false });
  state.typingSent = false;
  $('reply').value = '';
});
$('reply').addEventListener('input', () => {
  if (!state.selected) return;
  if (!state.typingSent) {
    send({ type: 'typing', conversationId: state.selected, on: true });
    state.typingSent = true;
  }
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(() => {
    send({ type: 'typing', conversationId: state.selected, on: false });
    state.typingSent = false;
  }, 3000);
});
$('reply').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
});

function start() {
  $('login-view').hidden = true;
  $('console-view').hidden = false;
  connect();
  loadOffline().catch(() => undefined);
  calls.loadAppointments().catch(() => undefined);
}

// Waiting times and buyers' local times move on; offline messages arrive without a push.
setInterval(() => {
  renderList();
  if (state.selected) renderChat();
}, 30000);
setInterval(loadOffline, 15000);

if (state.token) start();
else showLogin();
