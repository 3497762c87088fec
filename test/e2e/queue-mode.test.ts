/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- e2e test driving a real n8n on queue mode (files, processes, environment), never shipped; n8n answers with loose JSON */
/**
 * The package on n8n's queue mode, end to end, through the stack of `npm run start:queue` (scripts/stack.js with
 * `queue`): PostgreSQL and Redis as local processes, n8n main, two workers (`n8n worker --concurrency=5`) and a webhook
 * process (`n8n webhook`), each with the package installed as a community package, the OVH sandbox, maildev and the
 * chat inbox. The sandbox holds 200 generated services (test/fixtures/generated-state.ts).
 *
 *  - 10 identical renew-on-demand webhook calls at once, run by both workers: one order, paid exactly once;
 *  - the credential's clock offset: one GET /auth/time for all the executions of all processes (kept in Postgres);
 *  - the monthly review over 200 services with e-mail approval, run by the workers (which worker ran what: the
 *    workers' logs, "Worker started execution N" — n8n 2.41 keeps no worker id in the execution record);
 *  - figures: renew-on-demand executions per minute with 2 workers, then 1, with 50 ms latency on every OVH call;
 *  - a worker killed (SIGKILL) in the middle of a run: no order paid twice, the run's executions end as
 *    crashed/error in n8n (none left running), and sending the same requests again pays each service exactly once;
 *  - the expiring-services trigger (polling every minute, on main) across a main restart (stack.restartMain()): each
 *    service in the window emitted exactly once, as its state (workflow static data) lives in Postgres.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { activateWorkflow, createApiKey, createWorkflow, deactivateWorkflow, getWorkflow, listExecutions, waitFor } from '../../scripts/n8n/instance';
import type { MaildevEmail } from '../../scripts/n8n/maildev';
import { startStack } from '../../scripts/stack';
import type { Stack } from '../../scripts/stack';
import { countExpiringWithin, defaultSpread, generateState } from '../fixtures/generated-state';

jest.setTimeout(5 * 60 * 1000);

const ROOT = path.resolve(__dirname, '..', '..');
const SERVICES = 200;
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PAYMENT_PATH = /^\/me\/order\/(\d+)\/(payWithRegisteredPaymentMean|pay)$/;

const t0 = Date.now();
const log = (message: string): void => {
	process.stderr.write(`[queue e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);
};

let stack: Stack;
let dataDir: string;
let apiKey: string;
let baseUrl: string;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const state = generateState({ services: SERVICES });
/** Generated domains and VPS (looked up by name), in a fixed order: each part of the test takes its own slice. */
const renewable = (state.services ?? [])
	.filter((s) => s.product === 'domain' || s.product === 'vps')
	.map((s) => ({ serviceId: s.serviceId as number, serviceName: s.serviceName as string, product: s.product as string }));

async function loadGeneratedState(): Promise<void> {
	const res = await fetch(`${stack.sandbox.origin}/__sandbox/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(state) });
	expect(res.status).toBe(200);
	stack.sandbox.clearFaults();
	stack.sandbox.clearRequests();
}

function payments(): Array<{ orderId: number }> {
	return stack.sandbox
		.requests()
		.filter((r) => r.method === 'POST' && PAYMENT_PATH.test(r.path))
		.map((r) => ({ orderId: Number(PAYMENT_PATH.exec(r.path)?.[1]) }));
}

/** Orders that were paid (checking or delivered), by service. */
function paidOrdersByService(): Map<number, number[]> {
	const byService = new Map<number, number[]>();
	for (const order of stack.sandbox.state().orders) {
		if (!['checking', 'delivered'].includes(order.status)) continue;
		for (const service of order.services) byService.set(service, [...(byService.get(service) ?? []), order.orderId]);
	}
	return byService;
}

/** Which worker (1, 2…) started each execution, from the workers' logs. */
function workersByExecution(): Map<string, number[]> {
	const map = new Map<string, number[]>();
	(stack.queue?.workers ?? []).forEach((worker, i) => {
		const text = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, 'utf8') : '';
		for (const m of text.matchAll(/Worker started execution (\d+) /g)) map.set(m[1], [...(map.get(m[1]) ?? []), i + 1]);
	});
	return map;
}

async function renewViaWebhook(service: { serviceName: string; product: string }, period = 'P1Y', timeoutMs = 120000) {
	const res = await fetch(stack.workflows.renewWebhook.webhookUrl as string, {
		method: 'POST',
		headers: { 'content-type': 'application/json', [stack.webhookAuth.name]: stack.webhookAuth.value },
		body: JSON.stringify({ serviceName: service.serviceName, product: service.product, period }),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	let json: any = text;
	try {
		json = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: res.status, json };
}

/** Runs the renew-on-demand webhook for each service, `inFlight` at a time; returns the elapsed milliseconds. */
async function renewAll(services: Array<{ serviceName: string; product: string }>, inFlight: number): Promise<number> {
	const started = Date.now();
	let next = 0;
	const lane = async (): Promise<void> => {
		while (next < services.length) {
			const service = services[next++];
			const { status, json } = await renewViaWebhook(service);
			if (status !== 200 || json.ok !== true || json.paid !== true) throw new Error(`${service.serviceName}: ${status} ${JSON.stringify(json)}`);
		}
	};
	await Promise.all(Array.from({ length: inFlight }, lane));
	return Date.now() - started;
}

function emailButtons(email: MaildevEmail): Record<string, string> {
	const buttons: Record<string, string> = {};
	for (const m of (email.html ?? '').matchAll(/<a\s+href="([^"]+)"[^>]*>\s*([^<]+?)\s*<\/a>/g)) buttons[m[2]] = m[1].replace(/&amp;/g, '&');
	return buttons;
}

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-renewal-queue-'));
	stack = await startStack({
		dataDir,
		ports: { n8n: 0, sandbox: 0, smtp: 0, mail: 0, chat: 0 },
		persistSandbox: false,
		queue: { workers: 2, concurrency: 5 },
		// A killed worker's job is seen as stalled after ~10 s instead of n8n's default 60 s.
		n8nEnv: { QUEUE_WORKER_LOCK_DURATION: '10000', QUEUE_WORKER_LOCK_RENEW_TIME: '3000', QUEUE_WORKER_STALLED_INTERVAL: '5000' },
		log,
	});
	baseUrl = stack.n8n.baseUrl;
	if (!stack.cookie) throw new Error('the owner could not sign in');
	apiKey = await createApiKey(baseUrl, stack.cookie);
	log(`queue stack up in ${stack.startedInSeconds.toFixed(1)} s (${stack.urls.editor})`);
}, 10 * 60 * 1000);

beforeEach(async () => {
	await loadGeneratedState();
	stack.chat.clear();
	await stack.mail.deleteAll();
});

afterAll(async () => {
	if (!stack) return;
	const pids = [stack.n8n.pid, ...(stack.queue?.workers ?? []).map((w) => w.pid), stack.queue?.webhook?.pid, stack.queue?.postgres.pid, stack.queue?.redis.pid];
	await stack.stop();
	const logs = path.join(ROOT, 'test-artifacts', 'queue-logs');
	fs.rmSync(logs, { recursive: true, force: true });
	fs.mkdirSync(logs, { recursive: true });
	fs.cpSync(stack.paths.logsDir, logs, { recursive: true });
	for (const folder of fs.readdirSync(dataDir).filter((f) => /^n8n/.test(f))) {
		const file = path.join(dataDir, folder, 'n8n.log');
		if (fs.existsSync(file)) fs.copyFileSync(file, path.join(logs, `${folder}.log`));
	}
	fs.rmSync(dataDir, { recursive: true, force: true });
	const alive = pids.filter((pid): pid is number => typeof pid === 'number').filter((pid) => {
		try {
			process.kill(-pid, 0);
			return true;
		} catch {
			return false;
		}
	});
	expect(alive).toEqual([]);
}, 120000);

describe('the package on n8n queue mode (npm run start:queue stack)', () => {
	it('runs on two workers and a webhook process, each with the package installed', () => {
		const queue = stack.queue;
		expect(queue?.workers).toHaveLength(2);
		expect(queue?.webhook).not.toBeNull();
		for (const p of [stack.n8n, ...(queue?.workers ?? []), ...(queue?.webhook ? [queue.webhook] : [])]) {
			expect(p.package?.target).toMatch(/\.n8n\/nodes\/node_modules\/n8n-nodes-ovh-renewal$/);
			expect(fs.existsSync(path.join(p.package?.target ?? '', 'dist', 'nodes', 'OvhPayOrder', 'OvhPayOrder.node.js'))).toBe(true);
		}
		expect(stack.workflows.renewWebhook.webhookUrl).toBe(`${queue?.webhook?.baseUrl}/webhook/ovh-renew`);
	});

	it('10 identical renew-on-demand calls at once, on both workers: one order, paid exactly once; one /auth/time for all', async () => {
		// The clock offset is read by the first execution and kept in the credential (Postgres): one run first. (Ten
		// runs at a cold start would each find no offset yet: seen here, one GET /auth/time per worker.)
		const first = await renewViaWebhook(renewable[1]);
		expect(first).toMatchObject({ status: 200, json: { ok: true, paid: true } });
		expect(stack.sandbox.requests().filter((r) => r.path === '/auth/time')).toHaveLength(1);

		const service = renewable[0];
		const before = workersByExecution();
		const answers = await Promise.all(Array.from({ length: 10 }, () => renewViaWebhook(service)));
		for (const a of answers) expect(a).toMatchObject({ status: 200, json: { ok: true, serviceId: service.serviceId } });
		const orderIds = new Set(answers.map((a) => a.json.orderId));
		expect(orderIds.size).toBe(1);
		expect(answers.filter((a) => a.json.paid === true)).toHaveLength(1);
		expect(answers.filter((a) => a.json.alreadyPaid === true)).toHaveLength(9);
		expect(payments().filter((p) => orderIds.has(p.orderId))).toHaveLength(1);
		expect(payments()).toHaveLength(2); // the first run's and the burst's
		expect(paidOrdersByService().get(service.serviceId)).toEqual([...orderIds]);

		const ran = [...workersByExecution()].filter(([id]) => !before.has(id));
		expect(ran).toHaveLength(10);
		const perWorker = [1, 2].map((w) => ran.filter(([, workers]) => workers.includes(w)).length);
		log(`10 identical calls: worker 1 ran ${perWorker[0]}, worker 2 ran ${perWorker[1]}; renew calls: ${stack.sandbox.requests().filter((r) => r.method === 'POST' && /\/renew$/.test(r.path)).length}`);
		expect(perWorker[0]).toBeGreaterThan(0);
		expect(perWorker[1]).toBeGreaterThan(0);

		// The clock offset: read once (first execution), then shared by every worker through the credential.
		const more = await Promise.all(renewable.slice(2, 6).map((s) => renewViaWebhook(s)));
		for (const a of more) expect(a).toMatchObject({ status: 200, json: { ok: true, paid: true } });
		expect(stack.sandbox.requests().filter((r) => r.path === '/auth/time')).toHaveLength(1);
	});

	it(`monthly review over ${SERVICES} services with e-mail approval, run by the workers: each expiring service paid once`, async () => {
		const expiring = countExpiringWithin({ services: SERVICES }, 30);
		expect(expiring).toBeGreaterThan(10);
		const started = await fetch(stack.workflows.review.webhookUrl as string, {
			method: 'POST',
			headers: { [stack.webhookAuth.name]: stack.webhookAuth.value },
		});
		expect(started.status).toBe(200);
		const email = await stack.mail.waitForEmail((m) => /OVH renewals to approve/.test(m.subject), { timeoutMs: 120000 });
		expect(email.subject).toMatch(new RegExp(`^OVH renewals to approve: ${expiring} service\\(s\\)`));
		const buttons = emailButtons(email);
		const executionId = /\/webhook-waiting\/(\d+)\//.exec(buttons.Approve)?.[1] as string;
		expect(executionId).toBeDefined();
		expect(payments()).toEqual([]);

		const answer = await fetch(buttons.Approve, { headers: { 'user-agent': BROWSER_UA } });
		expect(answer.status).toBe(200);
		const message = await stack.chat.waitForMessage(() => true, { timeoutMs: 180000 });
		expect(message.text).toContain(`approved. ${expiring} of ${expiring} renewal(s) ordered and paid`);
		const execution = await waitFor(
			async () => {
				const [e] = (await listExecutions(baseUrl, apiKey, { workflowId: stack.workflows.review.id })).data.filter((x: any) => String(x.id) === executionId);
				return e && e.status === 'success' ? e : null;
			},
			{ timeoutMs: 60000, what: `review execution ${executionId} success` },
		);
		expect(execution.status).toBe('success');

		const paid = paidOrdersByService();
		expect(paid.size).toBe(expiring);
		for (const orders of paid.values()) expect(orders).toHaveLength(1);
		const paidOrders = payments().map((p) => p.orderId);
		expect(new Set(paidOrders).size).toBe(paidOrders.length);
		expect(paidOrders).toHaveLength(expiring);
		// Which worker ran it: the review starts on a worker, waits for the approval, and is resumed by a worker.
		const workers = workersByExecution().get(executionId) ?? [];
		log(`review execution ${executionId}: started and resumed on worker(s) ${workers.join(', ')} (${expiring} of ${SERVICES} services renewed)`);
		expect(workers).toHaveLength(2);
	});

	it('figures: renew-on-demand executions per minute with 2 workers and with 1, at 50 ms OVH latency', async () => {
		const queue = stack.queue;
		if (!queue) throw new Error('no queue');
		const runs = 20;
		const inFlight = 10;
		// Each phase renews the same 20 services from a fresh sandbox state: Create Renew Order reads the account's
		// recent orders, so a phase after another would do more work. 2 workers, 1 worker, 2 workers again (the machine
		// is shared: the two 2-worker figures show the noise).
		const services = renewable.slice(10, 10 + runs);
		const phase = async (): Promise<{ ms: number; requests: number }> => {
			await loadGeneratedState();
			stack.sandbox.addFault({ type: 'latency', delayMs: 50, times: -1 });
			const ms = await renewAll(services, inFlight);
			expect(paidOrdersByService().size).toBe(runs);
			expect(new Set(payments().map((p) => p.orderId)).size).toBe(runs);
			return { ms, requests: stack.sandbox.requests().length };
		};
		const two = await phase();
		await queue.workers[1].stop();
		let one: { ms: number; requests: number };
		try {
			one = await phase();
		} finally {
			await queue.startWorker(1);
		}
		const twoAgain = await phase();
		const perMinute = (ms: number): number => Math.round((runs / ms) * 60000);
		const ratio = (perMinute(two.ms) + perMinute(twoAgain.ms)) / 2 / perMinute(one.ms);
		const show = (r: { ms: number; requests: number }): string => `${perMinute(r.ms)}/min (${(r.ms / 1000).toFixed(1)} s, ${r.requests} OVH requests)`;
		log(
			`FIGURES renew-on-demand, ${runs} runs per phase, ${inFlight} in flight, 50 ms OVH latency, concurrency 5 per worker: ` +
				`2 workers ${show(two)}, 1 worker ${show(one)}, 2 workers again ${show(twoAgain)}; ratio 2:1 = ${ratio.toFixed(2)}`,
		);
	});

	it('a worker killed in the middle of a run: no order paid twice, the run ends crashed/error in n8n, a retry pays each service once', async () => {
		const queue = stack.queue;
		if (!queue) throw new Error('no queue');
		const services = renewable.slice(80 - 8, 80);
		stack.sandbox.addFault({ type: 'latency', delayMs: 400, times: -1 });
		const before = workersByExecution();
		const sent = Date.now();
		const pending = services.map((s) => renewViaWebhook(s, 'P1Y', 150000).catch((error: Error) => ({ status: 0, json: error.message })));
		// Wait until worker 1 runs some of them, then kill it (its whole process group, task runner included).
		await waitFor(() => [...workersByExecution()].some(([id, w]) => !before.has(id) && w.includes(1)), { timeoutMs: 60000, what: 'worker 1 running' });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		process.kill(-queue.workers[0].pid, 'SIGKILL');
		log(`worker 1 killed ${((Date.now() - sent) / 1000).toFixed(1)} s after the calls`);
		const answers = await Promise.all(pending);
		log(`answers: ${answers.map((a) => `${a.status}${a.json && a.json.paid ? ' paid' : ''}`).join(', ')}`);

		// No payment sent twice, no service with two paid orders.
		const paidOrders = payments().map((p) => p.orderId);
		expect(new Set(paidOrders).size).toBe(paidOrders.length);
		for (const orders of paidOrdersByService().values()) expect(orders).toHaveLength(1);

		// The run's state in n8n: nothing left running; what worker 1 ran ends crashed or error.
		const mine = (): Promise<any[]> =>
			listExecutions(baseUrl, apiKey, { workflowId: stack.workflows.renewWebhook.id, limit: 250 }).then(({ data }) =>
				data.filter((e: any) => !before.has(String(e.id)) && Date.parse(e.startedAt ?? e.createdAt) >= sent - 1000),
			);
		const settled = await waitFor(
			async () => {
				const list = await mine();
				return list.length >= services.length && list.every((e) => !['running', 'new', 'waiting'].includes(e.status)) ? list : null;
			},
			{ timeoutMs: 120000, intervalMs: 1000, what: 'the executions of the run to settle' },
		);
		const byWorker = workersByExecution();
		const killed = settled.filter((e) => (byWorker.get(String(e.id)) ?? []).includes(1));
		log(`executions: ${settled.map((e) => `${e.id}:${e.status}@worker${(byWorker.get(String(e.id)) ?? []).join('+')}`).join(' ')}`);
		expect(killed.length).toBeGreaterThan(0);
		for (const e of killed) expect(['crashed', 'error', 'success']).toContain(e.status);
		expect(killed.some((e) => e.status !== 'success')).toBe(true);

		// The same requests again (what a caller does after an error): each service ends with exactly one paid order.
		stack.sandbox.clearFaults();
		for (const s of services) {
			const again = await renewViaWebhook(s);
			expect(again).toMatchObject({ status: 200, json: { ok: true } });
		}
		const paid = paidOrdersByService();
		for (const s of services) expect(paid.get(s.serviceId)).toHaveLength(1);
		const all = payments().map((p) => p.orderId);
		expect(new Set(all).size).toBe(all.length);
	});

	it('the expiring-services trigger polled across a main restart: each service in the window emitted exactly once', async () => {
		const within = 30;
		const triggerName = 'OVH Service Expiring Trigger';
		const inWindow = (state.services ?? []).filter((_, i) => defaultSpread(i) >= 0 && defaultSpread(i) <= within).map((s) => s.serviceId as number);
		expect(inWindow).toHaveLength(countExpiringWithin({ services: SERVICES }, within));
		// A service far from its expiration, moved into the window after the restart: proves a poll ran on the new main.
		const newcomerIndex = (state.services ?? []).findIndex((_, i) => defaultSpread(i) > 100);
		const newcomer = (state.services ?? [])[newcomerIndex].serviceId as number;

		const workflow = await createWorkflow(baseUrl, apiKey, {
			name: 'e2e: expiring services across a main restart',
			nodes: [
				{
					id: 'expiring-trigger',
					name: triggerName,
					type: 'n8n-nodes-ovh-renewal.ovhServiceExpiringTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, expiringWithinDays: within, renewMode: 'any' },
					credentials: { ovhApi: { id: stack.credentials.ovh.id, name: stack.credentials.ovh.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		/** The trigger's executions: which services each one emitted. */
		const emissions = async (): Promise<Array<{ id: string; status: string; serviceIds: number[] }>> => {
			const { data } = await listExecutions(baseUrl, apiKey, { workflowId: workflow.id, limit: 250, includeData: true });
			return data.map((e: any) => ({
				id: String(e.id),
				status: e.status,
				serviceIds: (e.data?.resultData?.runData?.[triggerName]?.[0]?.data?.main?.[0] ?? []).map((item: any) => item.json.serviceId),
			}));
		};
		const getServicePolls = (): number => stack.sandbox.requests().filter((r) => r.method === 'GET' && r.path === '/service').length;
		const cookie = stack.cookie as string;

		try {
			// Publishing polls once at once (n8n runs the poll when it activates the trigger), on main; a worker runs it.
			await activateWorkflow(baseUrl, cookie, workflow.id);
			const first = await waitFor(
				async () => {
					const list = await emissions();
					return list.length > 0 && list.every((e) => e.status === 'success') ? list : null;
				},
				{ timeoutMs: 90000, intervalMs: 1000, what: 'the first poll of the expiring trigger' },
			);
			expect(first).toHaveLength(1);
			expect([...first[0].serviceIds].sort()).toEqual([...inWindow].sort());
			const pollsBefore = getServicePolls();

			log(`expiring trigger: first poll emitted ${first[0].serviceIds.length} services (execution ${first[0].id}); restarting main`);
			const oldPid = stack.n8n.pid;
			const restartStarted = Date.now();
			await stack.restartMain();
			expect(stack.n8n.pid).not.toBe(oldPid);
			expect(stack.n8n.baseUrl).toBe(baseUrl);
			log(`main restarted in ${((Date.now() - restartStarted) / 1000).toFixed(1)} s (pid ${stack.n8n.pid})`);

			// After the restart: one more service enters the window; the next poll (the new main's) emits it, and only it.
			const moved = { ...state, services: (state.services ?? []).map((s) => (s.serviceId === newcomer ? { ...s, expiration: '+10d' } : s)) };
			const res = await fetch(`${stack.sandbox.origin}/__sandbox/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(moved) });
			expect(res.status).toBe(200);
			const all = await waitFor(
				async () => {
					const list = await emissions();
					return list.some((e) => e.serviceIds.includes(newcomer)) && list.every((e) => e.status === 'success') ? list : null;
				},
				{ timeoutMs: 100000, intervalMs: 2000, what: 'a poll of the restarted main' },
			);
			const pollsAfter = getServicePolls() - pollsBefore;
			const byWorker = workersByExecution();
			log(
				`expiring trigger: ${all.length} executions (${all.map((e) => `${e.id}: ${e.serviceIds.length} service(s) @worker${(byWorker.get(e.id) ?? []).join('+')}`).join(', ')}); ` +
					`${pollsAfter} poll(s) after the restart (GET /service)`,
			);
			expect(pollsAfter).toBeGreaterThanOrEqual(1);
			// Each service in the window emitted exactly once across the restart: the new main read the emitted state
			// (workflow static data, in Postgres) written after the old main's poll.
			const emitted = all.flatMap((e) => e.serviceIds);
			expect([...emitted].sort()).toEqual([...inWindow, newcomer].sort());
			expect(all).toHaveLength(2);
			const after = all.find((e) => e.id !== first[0].id);
			expect(after?.serviceIds).toEqual([newcomer]);
			const saved = await getWorkflow(baseUrl, cookie, workflow.id);
			expect(Object.keys(saved.staticData?.[`node:${triggerName}`]?.emitted ?? {}).map(Number).sort()).toEqual([...inWindow, newcomer].sort());
		} finally {
			await deactivateWorkflow(baseUrl, cookie, workflow.id).catch(() => undefined);
		}
	});
});
