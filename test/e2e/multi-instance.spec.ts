// Several instances on one Postgres (docs/deploy.md): three `server/main.ts`
// processes behind round-robin balancers, no sticky sessions. Twins of one
// payment land on every instance and make one payment; a buyer on one instance
// and an agent on another chat; the buyer's instance crashes (SIGKILL), then
// the next one is stopped for a deploy (SIGTERM, drained), and nothing is lost
// or doubled. What the database holds is read straight from Postgres.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startCluster, type Cluster } from '../../scripts/cluster.js';
import { startPostgres } from '../../scripts/postgres.js';
import { createDatabase } from '../shared/postgres-database.js';
import { expect, test } from './fixtures.js';
import { openChat, openConsole, sendFromBuyer } from './support-helpers.js';

// Two backend processes, a browser per party and a crash: more than the default minute on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const MERCHANT_SECRET = 'ck_sandbox_secret_do_not_use_in_production';

let cluster: Cluster;
let database: pg.Pool;
let stopPostgres: (() => Promise<void>) | undefined;

test.beforeAll(async () => {
  let clusterUrl = process.env['TEST_DATABASE_URL'];
  if (!clusterUrl) {
    // Run alone (not from npm test): a throwaway cluster of our own.
    const started = await startPostgres();
    clusterUrl = started.url;
    stopPostgres = started.stop;
  }
  const databaseUrl = await createDatabase(clusterUrl);
  cluster = await startCluster({ databaseUrl, instances: 3 });
  database = new pg.Pool({ connectionString: databaseUrl, max: 2 });
});

test.afterAll(async () => {
  await database?.end();
  await cluster?.stop();
  await stopPostgres?.();
});

interface Answer {
  status: number;
  body: { id?: string; status?: string; error?: { code?: string } };
}

/** POST /payments as the widget sends it: a 409 (the twin is still being processed) is re-sent until the answer is final. */
async function payUntilFinal(endpoint: string, token: string, key: string): Promise<Answer> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await fetch(`${endpoint}/payments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Checkout-Kit-Version': '1', 'Idempotency-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'ideal', returnUrl: `${cluster.store.url}/?step=pay` }),
    });
    const answer = { status: response.status, body: (await response.json()) as Answer['body'] };
    if (answer.status !== 409) return answer;
    // The holder of the key finishes within milliseconds; a short pause keeps the loop from spinning.
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('still in flight after 200 re-sends');
}

test('200 concurrent twins split across three instances make one payment; every twin gets that payment', async () => {
  const created = await fetch(`${cluster.api.url}/merchant/v1/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${MERCHANT_SECRET}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ amount: { value: 4999, currency: 'EUR' }, country: 'NL' }),
  });
  expect(created.status).toBe(201);
  const session = (await created.json()) as { sessionId: string; sessionToken: string; endpoint: string };
  const before = new Map(cluster.api.counts);
  const key = randomUUID();
  const answers = await Promise.all(Array.from({ length: 200 }, () => payUntilFinal(session.endpoint, session.sessionToken, key)));

  // The balancer really split them: each instance answered a good share.
  for (const instance of cluster.instances) {
    const served = (cluster.api.counts.get(instance.listeners.api) ?? 0) - (before.get(instance.listeners.api) ?? 0);
    expect(served, `requests instance ${instance.name} answered`).toBeGreaterThanOrEqual(40);
  }
  const ids = new Set(answers.map((answer) => answer.body.id));
  expect([...new Set(answers.map((answer) => answer.status))]).toEqual([201]);
  expect(ids.size).toBe(1);
  const rows = await database.query<{ id: string }>('SELECT id FROM payments WHERE session_id = $1', [session.sessionId]);
  expect(rows.rows.map((row) => row.id)).toEqual([...ids]);
  const keys = await database.query('SELECT key FROM idempotency_keys WHERE session_id = $1', [session.sessionId]);
  expect(keys.rowCount).toBe(1);
});

test('a buyer and an agent on different instances chat through a crash and a drained stop of the buyer’s instance; nothing is lost or doubled', async ({ browser }) => {
  const [first, second, third] = cluster.instances;
  // Where the buyer's socket goes, as the test decides: a balancer with no stickiness may pick any instance.
  const placeBuyer = (instance: NonNullable<typeof first>): void => {
    cluster.store.pinUpgrades(instance.listeners.store);
    cluster.api.pinUpgrades(instance.listeners.api);
  };
  // The buyer on the first instance; the agent's console is opened on the third directly.
  placeBuyer(first!);
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await buyer.goto(`${cluster.store.url}/`);
  await buyer.locator('ck-support-bubble').evaluate((bubble) => bubble.setAttribute('locale', 'en'));
  const agent = await openConsole(browser, third!.listeners.api);

  await openChat(buyer);
  await sendFromBuyer(buyer, 'Is delivery to Rotterdam free?');
  await expect(buyer.getByText('Delivered')).toBeVisible();
  await agent.getByRole('button', { name: /^Anonymous visitor/ }).click();
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText('Is delivery to Rotterdam free?')).toBeVisible();
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Yes, above 50 euros.');
  await agent.getByRole('button', { name: 'Send' }).click();
  const conversation = buyer.getByRole('log', { name: 'Conversation' });
  await expect(conversation.getByText('Yes, above 50 euros.')).toBeVisible();

  // A crash, not a drain: the buyer's socket just drops; the balancer sends the reconnect to the survivor.
  placeBuyer(second!);
  await cluster.kill(0);
  // Written while the buyer's connection is gone: the widget keeps it and sends it once it is back.
  await sendFromBuyer(buyer, 'And to Antwerp?');
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText('And to Antwerp?')).toBeVisible({ timeout: 30_000 });
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Antwerp too.');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(conversation.getByText('Antwerp too.')).toBeVisible({ timeout: 30_000 });

  // A deploy: the second instance, where the buyer now is, drains — sockets closed with 1012, requests finish.
  placeBuyer(third!);
  await cluster.terminate(1);
  await sendFromBuyer(buyer, 'And Ghent?');
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText('And Ghent?')).toBeVisible({ timeout: 30_000 });
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Ghent as well.');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(conversation.getByText('Ghent as well.')).toBeVisible({ timeout: 30_000 });

  const expected = ['Is delivery to Rotterdam free?', 'Yes, above 50 euros.', 'And to Antwerp?', 'Antwerp too.', 'And Ghent?', 'Ghent as well.'];
  await expect.poll(() => conversation.locator('li.message .text').allTextContents()).toEqual(expected);
  const stored = await database.query<{ text: string }>(
    `SELECT text FROM support_messages WHERE conversation_id = (SELECT id FROM support_conversations ORDER BY created_at DESC LIMIT 1) AND author <> 'system' ORDER BY seq`,
  );
  expect(stored.rows.map((row) => row.text)).toEqual(expected);
  await buyerContext.close();
  await agent.context().close();
});
