/**
 * HTTP side of booked video calls. Buyer (credential in `Authorization`):
 * `GET /appointments` → `{ slots, booking, slotMinutes }`, `POST /appointments`
 * `{ startsAt }` → 201 the booking (replacing the buyer's earlier one: a
 * reschedule), `DELETE /appointments/{id}` → 204. Agent console:
 * `GET /api/appointments` → every upcoming booking.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.js';
import { BookingRefused } from './appointments.js';
import { SupportFailure, type SupportService } from './service.js';

const bearer = (c: Context): string | undefined => /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(c.req.header('Authorization') ?? '')?.[1];

function refusal(error: unknown): unknown {
  if (!(error instanceof BookingRefused)) return error;
  return new SupportFailure(error.code === 'not_found' ? 404 : error.code === 'forbidden' ? 403 : 400, error.code, error.message);
}

async function body(c: Context): Promise<unknown> {
  try {
    return (await c.req.json()) as unknown;
  } catch {
    throw new SupportFailure(400, 'invalid_frame', 'The request body must be JSON.');
  }
}

/** Adds the buyer's booking endpoints to the buyer routes (mounted at both support prefixes). */
export function addBuyerAppointmentRoutes(app: Hono<AppEnv>, service: SupportService): void {
  app.use('/appointments', bodyLimit({ maxSize: 1024, onError: () => { throw new SupportFailure(413, 'too_large', 'Request body too large.'); } }));
  app.get('/appointments', async (c) => c.json(await service.appointments.forBuyer(await service.authenticate(bearer(c)))));
  app.post('/appointments', async (c) => {
    const conversation = await service.authenticate(bearer(c));
    try {
      return c.json(await service.appointments.book(conversation, await body(c)), 201);
    } catch (error) {
      throw refusal(error);
    }
  });
  app.delete('/appointments/:id', async (c) => {
    const conversation = await service.authenticate(bearer(c));
    try {
      await service.appointments.cancel(conversation, c.req.param('id'));
    } catch (error) {
      throw refusal(error);
    }
    return c.body(null, 204);
  });
}

/** Adds the console's list of bookings to the agent routes. */
export function addAgentAppointmentRoutes(app: Hono<AppEnv>, service: SupportService): void {
  app.get('/api/appointments', async (c) => {
    await service.agentByToken(bearer(c));
    return c.json({ appointments: await service.appointments.upcoming() });
  });
}
