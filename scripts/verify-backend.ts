/**
 * `npm run verify-backend -- <endpoint> --token <fresh session token> [options]`
 * Runs the protocol v1 conformance checks against a merchant backend and
 * prints a table; exits 1 when any check fails. See docs/protocol.md.
 */
import { parseArgs } from 'node:util';
import { formatResults, runConformance } from '../test/conformance/conformance.js';

const USAGE = `Usage: npm run verify-backend -- <endpoint> --token <fresh session token> [options]

  <endpoint>              Base URL of the checkout API, e.g. http://127.0.0.1:8787/checkout/v1
  --token <token>         A fresh session token (its session gets a few sandbox payments)
  --origin <origin>       A store origin the backend allows, to check CORS
  --return-url <url>      returnUrl sent with payments (default <origin>/checkout, else https://store.example/checkout,
                          which a backend that allows only its store's origins rightly refuses: pass --origin)
  --merchant <url>        Base URL of a reference-style merchant API (e.g. http://127.0.0.1:8787/merchant/v1):
                          creates sessions itself, and enables the two-session, expiry and revocation checks
                          (for expiry it creates a session with a 1 s token and waits until the token has expired)
  --secret <secret>       Merchant secret for --merchant (default: $CHECKOUT_KIT_MERCHANT_SECRET or the sandbox secret)
  --country <XX>          Country of sessions created with --merchant (default NL)
  --amount <value>        Amount in minor units for --merchant sessions (default 10000)
  --currency <XXX>        Currency for --merchant sessions (default EUR)
  --webhook <url>         The backend's PSP callback URL, to check signature, replay window and duplicates
  --webhook-secret <s>    Its shared secret (default: $CHECKOUT_KIT_WEBHOOK_SECRET)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      token: { type: 'string' },
      origin: { type: 'string' },
      'return-url': { type: 'string' },
      merchant: { type: 'string' },
      secret: { type: 'string' },
      country: { type: 'string', default: 'NL' },
      amount: { type: 'string', default: '10000' },
      currency: { type: 'string', default: 'EUR' },
      webhook: { type: 'string' },
      'webhook-secret': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const endpoint = positionals[0];
  if (values.help || !endpoint || (!values.token && !values.merchant)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }

  const sessionsByToken = new Map<string, string>();
  const merchantUrl = values.merchant?.replace(/\/+$/, '');
  const secret = values.secret ?? process.env['CHECKOUT_KIT_MERCHANT_SECRET'] ?? (await import('../server/config.js')).SANDBOX_MERCHANT_SECRET;
  const merchantCall = async (path: string, body: unknown): Promise<{ sessionId: string; sessionToken: string; expiresAt: string }> => {
    const response = await fetch(`${merchantUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`merchant API ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { sessionId: string; sessionToken: string; expiresAt: string };
  };

  let given = values.token;
  const freshToken = async (): Promise<string> => {
    if (given) {
      const token = given;
      // The given token serves the first session; later ones come from the merchant API when there is one.
      if (merchantUrl) given = undefined;
      return token;
    }
    if (!merchantUrl) return values.token!;
    const created = await merchantCall('/sessions', {
      amount: { value: Number(values.amount), currency: values.currency },
      country: values.country,
    });
    sessionsByToken.set(created.sessionToken, created.sessionId);
    return created.sessionToken;
  };

  const results = await runConformance({
    endpoint,
    freshToken,
    ...(values.origin ? { origin: values.origin } : {}),
    ...(values['return-url'] ? { returnUrl: values['return-url'] } : {}),
    ...(values.webhook ? { webhook: { url: values.webhook, secret: values['webhook-secret'] ?? process.env['CHECKOUT_KIT_WEBHOOK_SECRET'] ?? '' } } : {}),
    ...(merchantUrl
      ? {
          expiredToken: async () => {
            const created = await merchantCall('/sessions', {
              amount: { value: Number(values.amount), currency: values.currency },
              country: values.country,
              ttlSeconds: 1,
            });
            // A real backend has no clock to move: wait out the 1 s lifetime we asked for (its clock may differ
            // from ours, so the wait is the lifetime plus a margin, not its expiresAt read on our clock).
            await new Promise((resolve) => setTimeout(resolve, 1_500));
            return created.sessionToken;
          },
          revokeToken: async (token: string) => {
            const sessionId = sessionsByToken.get(token);
            if (!sessionId) throw new Error('can only revoke sessions this run created');
            await merchantCall(`/sessions/${encodeURIComponent(sessionId)}/revoke`, {});
          },
        }
      : {}),
  });
  console.log(`Protocol v1 conformance of ${endpoint}\n`);
  console.log(formatResults(results));
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
