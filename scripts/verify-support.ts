/**
 * `npm run verify-support -- <endpoint> [--agent-url <url> --agent <id:password>]`
 * Runs the support protocol v1 conformance checks (test/conformance/support-conformance.ts)
 * against a support service and prints a table; exits 1 when any check fails.
 * See docs/support.md, "Conformance".
 */
import { parseArgs } from 'node:util';
import { formatSupportResults, referenceAgent, runSupportConformance } from '../test/conformance/support-conformance.js';

const USAGE = `Usage: npm run verify-support -- <endpoint> [options]

  <endpoint>               Base URL of the buyer endpoints, e.g. http://127.0.0.1:8787/support/v1
  --ws <url>               The WebSocket URL (default <endpoint>/ws with ws: or wss:)
  --agent-url <url>        Base of an agent side with the reference console's protocol
                           (POST <url>/api/login, WebSocket <url>/ws), e.g. http://127.0.0.1:8787/agent;
                           enables the typing, receipt, delivered/read, agent-message and close checks
  --agent <id:password>    The agent to sign in as (default: $CHECKOUT_KIT_SUPPORT_AGENT)
  --timeout <ms>           How long a frame or answer may take (default 5000)

The checks start a few conversations, send an offline message and upload small images;
run them against a sandbox. The agent checks close the conversation they used.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ws: { type: 'string' },
      'agent-url': { type: 'string' },
      agent: { type: 'string' },
      timeout: { type: 'string', default: '5000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const endpoint = positionals[0];
  if (values.help || !endpoint) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const login = values.agent ?? process.env['CHECKOUT_KIT_SUPPORT_AGENT'];
  const agentUrl = values['agent-url'];
  if (agentUrl && !login?.includes(':')) {
    console.error('--agent-url needs --agent id:password (or $CHECKOUT_KIT_SUPPORT_AGENT)');
    return 2;
  }
  const timeoutMs = Number(values.timeout);
  const [id = '', ...rest] = login?.split(':') ?? [];
  const results = await runSupportConformance({
    endpoint,
    timeoutMs,
    ...(values.ws ? { webSocketUrl: values.ws } : {}),
    ...(agentUrl ? { agent: () => referenceAgent(agentUrl, id, rest.join(':'), timeoutMs) } : {}),
  });
  console.log(`Support protocol v1 conformance of ${endpoint}\n`);
  console.log(formatSupportResults(results));
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
