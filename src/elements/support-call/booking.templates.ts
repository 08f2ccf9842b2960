import { html, nothing } from 'lit';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import { bookingLabel, groupSlots } from '../../core/support/call/slots.js';
import type { BookingController } from './booking-controller.js';

type T = (key: MessageKey, values?: MessageValues) => string;

const NOTICES = { cancelled: 'call:book.cancelled', taken: 'call:book.taken', error: 'call:book.error' } as const;

/** The booking view: the buyer's booking (change, cancel) or the free slots by the buyer's own day. */
export function bookingView(t: T, booking: BookingController, locale: string, timeZone: string, onBack: () => void) {
  const offer = booking.offer;
  const own = offer?.booking ?? null;
  const days = offer ? groupSlots(offer.slots, locale, timeZone) : [];
  const notice = booking.notice && booking.notice !== 'booked' ? booking.notice : null;
  return html`<section class="call booking" role="region" aria-labelledby="ck-book-title" aria-busy=${booking.loading ? 'true' : 'false'}>
    <h3 id="ck-book-title" class="line strong">${t('call:book.open')}</h3>
    ${own
      ? html`<p class="line" role="status">${t('call:book.booked', { when: bookingLabel(own.startsAt, locale, timeZone) })}</p>
          <div class="row">
            <button part="button" type="button" aria-expanded=${booking.choosing ? 'true' : 'false'} @click=${() => booking.toggleChoosing()}>
              ${t('call:book.reschedule')}
            </button>
            <button part="button danger-button" type="button" ?disabled=${booking.loading} @click=${() => booking.cancel()}>${t('call:book.cancel')}</button>
          </div>`
      : nothing}
    ${notice ? html`<p class="line" role=${notice === 'cancelled' ? 'status' : 'alert'}>${t(NOTICES[notice])}</p>` : nothing}
    ${!own || booking.choosing
      ? html`<p class="small">${t('call:book.intro', { zone: timeZone })}</p>
          ${offer && !days.length ? html`<p class="small">${t('call:book.none')}</p>` : nothing}
          <div class="days">
            ${days.slice(0, 3).map(
              (day) => html`<div role="group" aria-label=${day.label}>
                <p class="day">${day.label}</p>
                <div class="row">
                  ${day.times.map(
                    (time) => html`<button part="button" type="button" class="slot" ?disabled=${booking.loading} @click=${() => booking.book(time.startsAt)}>${time.label}</button>`,
                  )}
                </div>
              </div>`,
            )}
          </div>`
      : nothing}
    <div class="row"><button part="button" type="button" @click=${onBack}>${t('call:book.back')}</button></div>
  </section>`;
}
