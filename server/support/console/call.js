// Video calls in the agent console: the agent side always makes the offers
// (first, ICE restarts, fresh connections) and drives recovery with the same
// CallMachine the buyer's <ck-support-call> runs (served as /agent/call-core.js).
// Shows call quality from getStats: bitrate, frame rate and packet loss.
// Every buyer-supplied string is set as textContent.

import { CallMachine } from '/agent/call-core.js';

const clock = { now: () => Date.now(), setTimeout: (run, ms) => setTimeout(() => run(), ms), clearTimeout: (id) => clearTimeout(id) };

const ENDED = {
  'hung-up': 'Call ended.',
  'remote-hung-up': 'The buyer ended the call.',
  declined: 'The buyer declined the call.',
  'no-answer': 'No answer.',
  'peer-left': 'The buyer left (tab closed).',
};
const FAILED = {
  'permission-refused': 'Camera or microphone access is blocked in this browser.',
  'no-device': 'No camera or microphone found.',
  'device-in-use': 'The camera or microphone is in use by another app.',
  dropped: 'The connection dropped and could not be restored.',
  unsupported: 'This browser cannot make calls.',
};

function mediaFailure(error) {
  const name = error?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission-refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-device';
  if (name === 'NotReadableError' || name === 'AbortError') return 'device-in-use';
  return 'unsupported';
}

function newCallId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * @param {{ send(frame: object): void, describe(conversationId: string): string, $: (id: string) => HTMLElement }} ports
 */
export function createCalls(ports) {
  const { $, send } = ports;
  const call = { conversationId: null, callId: null, video: true, pc: null, generation: 0, tracks: [], pending: [], iceServers: [], stats: null, statsTimer: 0 };

  const machine = new CallMachine({ role: 'offerer', clock, onChange: render, onCommand: (command) => run(command) });

  const signal = (payload) => {
    if (call.conversationId && call.callId) send({ type: 'signal', conversationId: call.conversationId, callId: call.callId, payload });
  };

  async function openMedia(video) {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video });
    call.tracks.push(...stream.getTracks());
    $('call-local').srcObject = video ? stream : null;
  }

  function track(kind) {
    return call.tracks.find((t) => t.kind === kind && t.readyState === 'live') ?? null;
  }

  function closePeer() {
    if (!call.pc) return;
    const pc = call.pc;
    call.pc = null;
    pc.close();
  }

  async function offer(restart) {
    const pc = call.pc;
    if (!pc) return;
    const description = await pc.createOffer(restart ? { iceRestart: true } : {});
    await pc.setLocalDescription(description);
    if (pc === call.pc) signal({ kind: 'offer', sdp: description.sdp, generation: call.generation, restart });
  }

  async function connect(generation) {
    closePeer();
    call.generation = generation;
    call.pending = [];
    const pc = new RTCPeerConnection({ iceServers: call.iceServers });
    call.pc = pc;
    pc.addEventListener('icecandidate', (event) => {
      if (pc !== call.pc || !event.candidate?.candidate) return;
      const c = event.candidate;
      signal({ kind: 'candidate', generation, candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex });
    });
    pc.addEventListener('track', () => {
      if (pc === call.pc) $('call-remote').srcObject = new MediaStream(pc.getReceivers().map((r) => r.track));
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc !== call.pc) return;
      if (pc.connectionState === 'connected') machine.dispatch({ type: 'connected' });
      else if (pc.connectionState === 'failed' || pc.connectionState === 'disconnected') machine.dispatch({ type: 'lost' });
    });
    pc.addTransceiver(track('audio') ?? 'audio', { direction: 'sendrecv' });
    pc.addTransceiver(track('video') ?? 'video', { direction: 'sendrecv' });
    await offer(false);
  }

  function teardown(notify) {
    for (const t of call.tracks) t.stop();
    closePeer();
    $('call-remote').srcObject = null;
    $('call-local').srcObject = null;
    clearInterval(call.statsTimer);
    call.stats = null;
    if (notify) signal({ kind: 'hangup', reason: notify });
  }

  function run(command) {
    const lost = () => machine.dispatch({ type: 'lost' });
    if (command.do === 'connect') connect(command.generation).catch(lost);
    else if (command.do === 'restart-ice') offer(true).catch(lost);
    else if (command.do === 'teardown') teardown(command.notify);
  }

  async function measure() {
    const pc = call.pc;
    if (!pc) return;
    const report = await pc.getStats();
    let bytes = 0;
    let sentBytes = 0;
    let fps = null;
    let lost = 0;
    let received = 0;
    report.forEach((entry) => {
      if (entry.type === 'inbound-rtp') {
        bytes += entry.bytesReceived ?? 0;
        lost += entry.packetsLost ?? 0;
        received += entry.packetsReceived ?? 0;
        if (entry.kind === 'video' && entry.framesPerSecond !== undefined) fps = entry.framesPerSecond;
      }
      if (entry.type === 'outbound-rtp') sentBytes += entry.bytesSent ?? 0;
    });
    const now = performance.now();
    const previous = call.stats;
    call.stats = { at: now, bytes, sentBytes };
    if (!previous) return;
    const seconds = (now - previous.at) / 1000;
    const kbps = (n) => `${Math.round(((n * 8) / seconds / 1000) * 10) / 10} kbit/s`;
    const rows = [
      ['Receiving', kbps(bytes - previous.bytes)],
      ['Sending', kbps(sentBytes - previous.sentBytes)],
      ['Frame rate', fps === null ? 'no video' : `${Math.round(fps)} fps`],
      ['Packet loss', received + lost ? `${((lost / (received + lost)) * 100).toFixed(1)} %` : '0 %'],
    ];
    $('call-quality').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', k), el('dd', v)]));
  }

  function el(tag, text) {
    const node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  function render(state) {
    const section = $('call');
    const phase = state.phase;
    const who = call.conversationId ? ports.describe(call.conversationId) : '';
    section.hidden = phase === 'idle' && !ports.selected();
    $('call-title').textContent = phase === 'idle' ? 'Video call' : `Call with ${who}`;
    let line = '';
    if (phase === 'ringing') line = state.direction === 'incoming' ? `Incoming ${state.video ? 'video' : 'audio'} call from ${who}` : 'Ringing the buyer…';
    else if (phase === 'connecting') line = 'Connecting…';
    else if (phase === 'in-call') line = 'In call';
    else if (phase === 'reconnecting') line = state.step === 'ice-restart' ? 'Connection lost: restarting ICE…' : `Connection lost: new connection (attempt ${state.attempt})…`;
    else if (phase === 'ended') line = ENDED[state.reason] ?? 'Call ended.';
    else if (phase === 'failed') line = FAILED[state.reason] ?? 'The call failed.';
    $('call-status').textContent = line;
    const active = phase !== 'idle' && phase !== 'ended' && phase !== 'failed';
    $('call-video').hidden = active;
    $('call-audio').hidden = active;
    $('call-accept').hidden = !(phase === 'ringing' && state.direction === 'incoming');
    $('call-decline').hidden = !(phase === 'ringing' && state.direction === 'incoming');
    $('call-hangup').hidden = !active || (phase === 'ringing' && state.direction === 'incoming');
    $('call-media').hidden = !(phase === 'connecting' || phase === 'in-call' || phase === 'reconnecting');
    if (phase === 'in-call' && !call.statsTimer) call.statsTimer = setInterval(() => measure().catch(() => undefined), 1000);
    if (!active) {
      clearInterval(call.statsTimer);
      call.statsTimer = 0;
      if (phase !== 'idle') $('call-quality').replaceChildren();
    }
  }

  async function dial(video) {
    const conversationId = ports.selected();
    if (!conversationId || machine.active) return;
    machine.reset();
    call.conversationId = conversationId;
    call.callId = newCallId();
    call.video = video;
    call.tracks = [];
    machine.dispatch({ type: 'dial', callId: call.callId, video });
    try {
      await openMedia(video);
    } catch (error) {
      machine.dispatch({ type: 'media-failed', reason: mediaFailure(error) });
      return;
    }
    if (machine.active) signal({ kind: 'invite', video });
  }

  async function accept() {
    const state = machine.state;
    if (state.phase !== 'ringing' || state.direction !== 'incoming') return;
    try {
      await openMedia(true);
    } catch (error) {
      machine.dispatch({ type: 'media-failed', reason: mediaFailure(error) });
      return;
    }
    signal({ kind: 'accept' });
    machine.dispatch({ type: 'accepted' });
  }

  const unsupported = () => machine.dispatch({ type: 'media-failed', reason: 'unsupported' });
  $('call-video').addEventListener('click', () => {
    dial(true).catch(unsupported);
  });
  $('call-audio').addEventListener('click', () => {
    dial(false).catch(unsupported);
  });
  $('call-accept').addEventListener('click', () => {
    accept().catch(unsupported);
  });
  $('call-decline').addEventListener('click', () => machine.dispatch({ type: 'hang-up' }));
  $('call-hangup').addEventListener('click', () => machine.dispatch({ type: 'hang-up' }));
  addEventListener('pagehide', () => machine.dispatch({ type: 'hang-up', reason: 'page-closed' }));

  // Test hook (the e2e reads getStats and the tracks' readyState through it).
  window.__ckAgentCall = {
    get pc() {
      return call.pc;
    },
    get tracks() {
      return call.tracks;
    },
    get state() {
      return machine.state;
    },
  };

  /** Upcoming booked calls, in the agent's time with the buyer's zone beside it. */
  async function loadAppointments() {
    const token = ports.token();
    if (!token) return;
    const response = await fetch('/agent/api/appointments', { headers: { Authorization: `Bearer ${token}` } }).catch(() => null);
    if (!response?.ok) return;
    const { appointments } = await response.json();
    const when = new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    $('appointments').replaceChildren(
      ...(appointments.length
        ? appointments.map((a) => {
            const item = document.createElement('li');
            const button = document.createElement('button');
            button.type = 'button';
            button.textContent = `${when.format(new Date(a.startsAt))} · ${ports.describe(a.conversationId)} (${a.timeZone})`;
            button.addEventListener('click', () => ports.open(a.conversationId));
            item.append(button);
            return item;
          })
        : [el('li', 'None booked')]),
    );
  }
  setInterval(() => {
    loadAppointments().catch(() => undefined);
  }, 15000);

  return {
    loadAppointments,
    /** A `signal` frame from the service. */
    onSignal(frame) {
      const payload = frame.payload ?? {};
      const state = machine.state;
      if (payload.kind === 'due') {
        // A booked slot started: prompt in the page, with the conversation one click away.
        if (!machine.active) {
          ports.open(frame.conversationId);
          $('call').hidden = false;
          $('call-status').textContent = `The booked video call with ${ports.describe(frame.conversationId)} starts now: start the call.`;
        }
        loadAppointments().catch(() => undefined);
        return;
      }
      if (payload.kind === 'invite') {
        if (machine.active) {
          send({ type: 'signal', conversationId: frame.conversationId, callId: frame.callId, payload: { kind: 'hangup', reason: 'busy' } });
          return;
        }
        machine.reset();
        call.conversationId = frame.conversationId;
        call.callId = frame.callId;
        call.tracks = [];
        machine.dispatch({ type: 'invited', callId: frame.callId, video: Boolean(payload.video) });
        return;
      }
      if (frame.callId !== call.callId || state.phase === 'idle') return;
      const lost = () => machine.dispatch({ type: 'lost' });
      switch (payload.kind) {
        case 'config':
          call.iceServers = Array.isArray(payload.iceServers) ? payload.iceServers : [];
          break;
        case 'accept':
          machine.dispatch({ type: 'accepted' });
          break;
        case 'hangup':
          machine.dispatch({ type: 'remote-hang-up', reason: payload.reason });
          break;
        case 'answer':
          if (call.pc && payload.generation === call.generation && call.pc.signalingState === 'have-local-offer') {
            const pc = call.pc;
            pc.setRemoteDescription({ type: 'answer', sdp: payload.sdp })
              .then(async () => {
                for (const candidate of call.pending.splice(0)) await pc.addIceCandidate(candidate);
              })
              .catch(lost);
          }
          break;
        case 'candidate':
          if (call.pc && payload.generation === call.generation) {
            const candidate = { candidate: payload.candidate, sdpMid: payload.sdpMid, sdpMLineIndex: payload.sdpMLineIndex };
            if (call.pc.remoteDescription) call.pc.addIceCandidate(candidate).catch(() => undefined);
            else call.pending.push(candidate);
          }
          break;
        default:
          break;
      }
    },
    /** The selected conversation changed: the start buttons follow it. */
    refresh() {
      render(machine.state);
    },
  };
}
