import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tells the host whether the browser is offline, and when it is worth
 * checking again: the connection came back, or the tab became visible (a
 * buyer returning from their banking app).
 */
export class ConnectivityController implements ReactiveController {
  /** True while the browser reports no connection. */
  offline = typeof navigator !== 'undefined' && navigator.onLine === false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onRecheck: (cause: 'online' | 'visible') => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.#handleConnectivity);
    window.addEventListener('offline', this.#handleConnectivity);
    document.addEventListener('visibilitychange', this.#handleVisibility);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#handleConnectivity);
    window.removeEventListener('offline', this.#handleConnectivity);
    document.removeEventListener('visibilitychange', this.#handleVisibility);
  }

  readonly #handleConnectivity = (): void => {
    this.offline = navigator.onLine === false;
    this.host.requestUpdate();
    if (!this.offline) this.onRecheck('online');
  };

  readonly #handleVisibility = (): void => {
    if (document.visibilityState === 'visible') this.onRecheck('visible');
  };
}
