/**
 * Mounts the reference support service on the backend's two listeners: the
 * buyer endpoints on the API origin (`/support/v1`, CORS for store origins)
 * and on the store origin (`/api/support/v1`, so a strict store CSP with
 * `connect-src 'self'` also allows its WebSocket), and the agent console on
 * the API origin (`/agent`).
 *
 * Several instances may run on one Postgres database: the service publishes
 * every change on the storage's `support` notification channel and each
 * instance delivers to its own connections (service.ts, docs/support.md).
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { agentRoutes, supportRoutes } from './routes.js';
import { SupportService, agentsFromEnv, type SupportContext, type SupportOptions } from './service.js';
import { createSocketServer, type SocketServer } from './ws.js';

export type { SupportOptions } from './service.js';
export type { BusinessHours } from './hours.js';

export const SUPPORT_PATHS = {
  api: '/support/v1',
  store: '/api/support/v1',
  agent: '/agent',
} as const;

export interface MountedSupport {
  readonly service: SupportService;
  readonly sockets: SocketServer;
  buyerRoutes: Hono<AppEnv>;
  agentRoutes: Hono<AppEnv>;
  /**
   * Re-reads from every connection's cursor: call it from the storage's
   * `onListenGap` (notifications may have been lost while LISTEN was down).
   */
  resync(): Promise<void>;
  /**
   * Stops: sockets close with 1012 "service restart", waiting long-polls are
   * answered 503; clients resume from their cursors on any instance. Await it
   * before closing the storage (it tells the other instances this one left).
   */
  close(): Promise<void>;
}

export function createSupport(ctx: SupportContext & { readonly storeOrigins: ReadonlySet<string> }, options: SupportOptions = {}): MountedSupport {
  const service = new SupportService(ctx, { ...options, agents: options.agents ?? agentsFromEnv() });
  const sockets = createSocketServer(service);
  return {
    service,
    sockets,
    buyerRoutes: supportRoutes(service, ctx.storeOrigins),
    agentRoutes: agentRoutes(service),
    resync: () => service.resync(),
    close() {
      // The service first: frames still arriving on closing sockets are ignored, and polls end with 503.
      const closing = service.close();
      sockets.close();
      return closing;
    },
  };
}
