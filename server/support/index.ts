/**
 * Mounts the reference support service on the backend's two listeners: the
 * buyer endpoints on the API origin (`/support/v1`, CORS for store origins)
 * and on the store origin (`/api/support/v1`, so a strict store CSP with
 * `connect-src 'self'` also allows its WebSocket), and the agent console on
 * the API origin (`/agent`).
 */
import type { Hono } from 'hono';
import type { AppEnv, ServerContext } from '../context.js';
import { agentRoutes, supportRoutes } from './routes.js';
import { SupportService, agentsFromEnv, type SupportOptions } from './service.js';
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
  close(): void;
}

export function createSupport(ctx: ServerContext, options: SupportOptions = {}): MountedSupport {
  const service = new SupportService(ctx, { ...options, agents: options.agents ?? agentsFromEnv() });
  const sockets = createSocketServer(service);
  return {
    service,
    sockets,
    buyerRoutes: supportRoutes(service, ctx.storeOrigins),
    agentRoutes: agentRoutes(service),
    close() {
      sockets.close();
      service.close();
    },
  };
}
