import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppointmentOffer, SupportTransport } from '../../core/support/transport.js';
import { SupportRequestError } from '../../core/support/transport.js';

/** What the booking view says after an action. */
export type BookingNotice = 'booked' | 'cancelled' | 'taken' | 'error' | null;

/**
 * Booking a video call: loads the free slots and the buyer's booking through
 * the transport, books, moves and cancels. Every request ends in a state the
 * view shows (never a floating promise); a slot someone else took in the
 * meantime says so and the list is fetched again.
 */
export class BookingController implements ReactiveController {
  offer: AppointmentOffer | null = null;
  loading = false;
  notice: BookingNotice = null;
  /** The buyer asked to change the time: the slots show again under the booking. */
  choosing = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly transport: () => SupportTransport | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to do until the view is opened.
  }

  /** Shows or hides the slots under an existing booking ("Change time"). */
  toggleChoosing(): void {
    this.choosing = !this.choosing;
    this.host.requestUpdate();
  }

  /** True when the store's transport can book at all. */
  get available(): boolean {
    return Boolean(this.transport()?.appointments);
  }

  load(): void {
    const transport = this.transport();
    if (!transport?.appointments) return;
    this.loading = true;
    this.host.requestUpdate();
    transport
      .appointments()
      .then((offer) => {
        this.offer = offer;
      })
      .catch(() => {
        this.notice = 'error';
      })
      .finally(() => {
        this.loading = false;
        this.host.requestUpdate();
      });
  }

  book(startsAt: string): void {
    const transport = this.transport();
    if (!transport?.book) return;
    this.loading = true;
    this.host.requestUpdate();
    transport
      .book(startsAt)
      .then((booking) => {
        this.offer = this.offer ? { ...this.offer, booking } : { slots: [], booking, slotMinutes: 30 };
        this.notice = 'booked';
        this.choosing = false;
      })
      .catch((error: unknown) => {
        this.notice = error instanceof SupportRequestError && error.error.code === 'not_found' ? 'taken' : 'error';
        if (this.notice === 'taken') this.load();
      })
      .finally(() => {
        this.loading = false;
        this.host.requestUpdate();
      });
  }

  cancel(): void {
    const transport = this.transport();
    const booking = this.offer?.booking;
    if (!transport?.cancelBooking || !booking) return;
    this.loading = true;
    this.host.requestUpdate();
    transport
      .cancelBooking(booking.id)
      .then(() => {
        // Gone at once: until the fresh offer arrives, "booked for …" would stand beside "Booking cancelled."
        if (this.offer) this.offer = { ...this.offer, booking: null };
        this.notice = 'cancelled';
        this.choosing = false;
        this.load();
      })
      .catch(() => {
        this.notice = 'error';
      })
      .finally(() => {
        this.loading = false;
        this.host.requestUpdate();
      });
  }
}
