import { html, nothing } from 'lit';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import type { CallState, EndReason, FailReason } from '../../core/support/call/call-machine.js';
import type { CallController } from './call-controller.js';

type T = (key: MessageKey, values?: MessageValues) => string;

const ENDED: Record<EndReason, MessageKey> = {
  'hung-up': 'call:ended.hungUp',
  'remote-hung-up': 'call:ended.remoteHungUp',
  declined: 'call:ended.declined',
  'no-answer': 'call:ended.noAnswer',
  'peer-left': 'call:ended.peerLeft',
};

const FAILED: Record<FailReason, MessageKey> = {
  'permission-refused': 'call:failed.permissionRefused',
  'no-device': 'call:failed.noDevice',
  'device-in-use': 'call:failed.deviceInUse',
  dropped: 'call:failed.dropped',
  unsupported: 'call:failed.unsupported',
};

/** The sentence for a phase: what the buyer is told, in the live region. */
export function phaseText(t: T, state: CallState): string {
  switch (state.phase) {
    case 'idle':
      return '';
    case 'ringing':
      return t(state.direction === 'incoming' ? 'call:ringing.incoming' : 'call:ringing.outgoing');
    case 'connecting':
      return t('call:phase.connecting');
    case 'in-call':
      return t('call:phase.inCall');
    case 'reconnecting':
      return state.step === 'ice-restart' ? t('call:phase.restarting') : t('call:phase.retrying', { attempt: state.attempt });
    case 'ended':
      return t(ENDED[state.reason]);
    case 'failed':
      return t(FAILED[state.reason]);
    default: {
      const unknown: never = state;
      return String(unknown);
    }
  }
}

/** The status line and the buttons that belong to the phase (the in-call controls are the element's). */
export function phaseLine(t: T, state: CallState, call: () => CallController) {
  const text = phaseText(t, state);
  switch (state.phase) {
    case 'ringing':
      return html`<p class="line strong" role="status">${text}</p>
        <p class="small">${t('call:ringing.privacy')}</p>
        <div class="row">
          ${state.direction === 'incoming'
            ? html`<button part="button primary-button" type="button" @click=${() => call().accept()}>${t('call:ringing.join')}</button>
                <button part="button" type="button" @click=${() => call().accept(true)}>${t('call:ringing.listen')}</button>
                <button part="button danger-button" type="button" @click=${() => call().hangUp()}>${t('call:ringing.decline')}</button>`
            : html`<button part="button danger-button" type="button" @click=${() => call().hangUp()}>${t('call:ringing.cancel')}</button>`}
        </div>`;
    case 'ended':
    case 'failed': {
      const mediaProblem = state.phase === 'failed' && state.reason !== 'dropped' && state.reason !== 'unsupported';
      return html`<div class="outcome" tabindex="-1">
          <p class="line" role=${state.phase === 'failed' ? 'alert' : 'status'}>${text}</p>
        </div>
        <div class="row">
          ${mediaProblem
            ? html`<button part="button primary-button" type="button" @click=${() => call().dial(true)}>${t('call:controls.callListening')}</button>`
            : state.phase === 'failed' && state.reason === 'unsupported'
              ? nothing
              : html`<button part="button" type="button" @click=${() => call().dial()}>${t('call:controls.callAgain')}</button>`}
          <button part="button" type="button" @click=${() => call().dismiss()}>${t('call:controls.close')}</button>
        </div>`;
    }
    default:
      return html`<p class="line" role="status">${text}</p>`;
  }
}
