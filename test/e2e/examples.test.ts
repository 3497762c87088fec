/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- e2e test driving a real n8n (files, processes, environment), never shipped; a deliberately wrong sandbox-only secret; n8n answers with loose JSON */
/**
 * The package in a real n8n 2.41.1, end to end, through the same stack as `npm start` (scripts/stack.js): a fresh
 * data folder, the OVH sandbox, maildev and the chat inbox on loopback, the owner, the "OVH sandbox" and SMTP
 * credentials and the three example workflows imported with n8n's CLI.
 *
 *  - the credential test button's endpoint (POST /rest/credentials/test): good keys, wrong secret;
 *  - example 1 (Renew a VPS) run through the editor API, then again with `n8n execute --id`: one paid, delivered
 *    order, the VPS expiration moved by 3 months, the second run pays nothing;
 *  - example 2 (monthly review): started by its webhook, waits for the approval e-mail; Approve → one paid order per
 *    service and a chat message; Decline → nothing ordered, a chat message;
 *  - example 3 (renew via webhook): the order, the same request again (alreadyPaid, one payment), bad requests (400),
 *    OVH refusals (422); no answer carries an order password;
 *  - the paying webhooks are locked (Header Auth): without the header, or with a wrong one, 403 and nothing ordered;
 *  - 10 identical webhook calls at once: the service is paid exactly once (a table of orders created, reused, paid);
 *  - the editor in headless chromium: sign-in lands on the workflow list (not n8n's AI assistant) with example 1
 *    first, our icon on our nodes, the node panel lists the five nodes,
 *    screenshots (test-artifacts/screenshots/, and docs/screenshots/ when missing or OVH_RENEWAL_UPDATE_SCREENSHOTS=1);
 *  - nothing left running after stop.
 * The first run on a machine installs Node 24, n8n and chromium into caches (a few minutes).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { sleep } from 'n8n-workflow';

import { launchBrowser, loginEditor, openWorkflow, screenshot } from '../../scripts/n8n/browser';
import {
	createApiKey,
	executeWorkflow,
	executeWorkflowCli,
	getExecution,
	getNodeTypes,
	request,
	testCredential,
	waitFor,
	waitForExecution,
} from '../../scripts/n8n/instance';
import type { Execution } from '../../scripts/n8n/instance';
import type { MaildevEmail } from '../../scripts/n8n/maildev';
import { ensureChromium } from '../../scripts/n8n/runtime';
import { startStack } from '../../scripts/stack';
import type { Stack } from '../../scripts/stack';

jest.setTimeout(5 * 60 * 1000);

const ROOT = path.resolve(__dirname, '..', '..');
const DOCS_SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'screenshots');
/** n8n's Send-and-Wait links ignore requests from bots (isbot) and link previews (no user agent). */
const BROWSER_UA =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const OUR_NODES = ['OVH Get Service Info', 'OVH List Renew Strategies', 'OVH Create Renew Order', 'OVH Pay Order', 'OVH Service Expiring Trigger'];
const OUR_TYPES = ['ovhGetServiceInfo', 'ovhListRenewStrategies', 'ovhCreateRenewOrder', 'ovhPayOrder', 'ovhServiceExpiringTrigger'].map(
	(name) => `n8n-nodes-ovh-renewal.${name}`,
);

const t0 = Date.now();
const log = (message: string): void => {
	process.stderr.write(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);
};

let stack: Stack;
let chromium: string;
let dataDir: string;
let cookie: string;
let apiKey: string;
let baseUrl: string;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** Orders created since the sandbox (re)started: the default state holds one old order, 240000001. */
function newOrders() {
	return stack.sandbox.state().orders.filter((o) => o.orderId >= 240000101);
}

function ovhRequests(method: string, pathPattern: RegExp) {
	return stack.sandbox.requests().filter((r) => r.method === method && pathPattern.test(r.path));
}

const PAYMENT_PATH = /^\/me\/order\/\d+\/(payWithRegisteredPaymentMean|pay)$/;

function serviceExpiration(serviceId: number): string {
	const service = stack.sandbox.state().services.find((s) => s.serviceId === serviceId);
	if (!service) throw new Error(`no service ${serviceId} in the sandbox`);
	return service.expiration;
}

/** YYYY-MM-DD + n calendar months, the day clamped to the month's length (2030-01-31 + 1 month = 2030-02-28). */
function addMonths(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 + months, 1));
	const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	first.setUTCDate(Math.min(d, lastDay));
	return first.toISOString().slice(0, 10);
}

/** The items a node output in the execution's last run of it (main[output]). */
function nodeItems(execution: Execution, node: string, output = 0): Array<Record<string, any>> {
	const runs = execution.data?.resultData?.runData?.[node];
	if (!runs?.length) return [];
	return (runs[runs.length - 1].data?.main?.[output] ?? []).map((item: { json: Record<string, any> }) => item.json);
}

/** Fails with the execution's error (node, message, description) unless it succeeded. */
function expectSuccess(execution: Execution): void {
	const error = execution.data?.resultData?.error;
	if (execution.status !== 'success') {
		throw new Error(`execution ${execution.id} ${execution.status}: ${error?.node?.name ?? ''} ${error?.message ?? ''} ${error?.description ?? ''}`);
	}
}

/** The executions a GET /rest/executions answer lists (n8n 2.x: { results, count } or a plain list). */
function executionList(data: any): Array<Record<string, any>> {
	return Array.isArray(data) ? data : (data?.results ?? []);
}

/** The links of the approval e-mail, by button label. */
function emailButtons(email: MaildevEmail): Record<string, string> {
	const buttons: Record<string, string> = {};
	const re = /<a\s+href="([^"]+)"[^>]*>\s*([^<]+?)\s*<\/a>/g;
	for (let m = re.exec(email.html ?? ''); m; m = re.exec(email.html ?? '')) {
		buttons[m[2]] = m[1].replace(/&amp;/g, '&');
	}
	return buttons;
}

/** The header that unlocks the published webhooks (the "Webhook key (npm start)" credential). */
function authHeader(): Record<string, string> {
	return { [stack.webhookAuth.name]: stack.webhookAuth.value };
}

/** POSTs JSON with the webhook key (unless `headers` replaces it); `text` is the raw answer. */
async function postJson(url: string, body: unknown, headers: Record<string, string> = authHeader()): Promise<{ status: number; json: any; text: string }> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: res.status, json, text };
}

/**
 * Starts the monthly review through its webhook, waits for the approval e-mail and for the execution to be waiting,
 * follows the button `choice`, and returns the finished execution, the e-mail and the chat messages it posted.
 */
async function reviewAndAnswer(choice: 'Approve' | 'Decline') {
	const started = await fetch(stack.workflows.review.webhookUrl as string, { method: 'POST', headers: authHeader() });
	expect(started.status).toBe(200);
	const email = await stack.mail.waitForEmail((m) => /OVH renewals to approve/.test(m.subject), { timeoutMs: 60000 });
	const buttons = emailButtons(email);
	expect(Object.keys(buttons).sort()).toEqual(['Approve', 'Decline']);
	const executionId = /\/webhook-waiting\/(\d+)\//.exec(buttons[choice])?.[1];
	expect(executionId).toBeDefined();
	await waitFor(async () => (await getExecution(baseUrl, apiKey, executionId as string, { includeData: false })).status === 'waiting', {
		timeoutMs: 30000,
		what: `execution ${executionId} waiting`,
	});
	// Nothing ordered yet: only dry runs so far.
	expect(newOrders()).toEqual([]);
	expect(ovhRequests('POST', /^\/service\/\d+\/renew$/).every((r) => (r.body as { dryRun?: boolean }).dryRun === true)).toBe(true);

	const answer = await fetch(buttons[choice], { headers: { 'user-agent': BROWSER_UA } });
	expect(answer.status).toBe(200);
	const execution = await waitForExecution(baseUrl, apiKey, executionId as string, { timeoutMs: 60000 });
	expectSuccess(execution);
	const message = await stack.chat.waitForMessage(() => true, { timeoutMs: 30000 });
	return { email, execution, message };
}

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-renewal-e2e-'));
	stack = await startStack({
		dataDir,
		ports: { n8n: 0, sandbox: 0, smtp: 0, mail: 0, chat: 0 },
		persistSandbox: false,
		log,
	});
	baseUrl = stack.n8n.baseUrl;
	if (!stack.cookie) throw new Error('the owner could not sign in');
	cookie = stack.cookie;
	apiKey = await createApiKey(baseUrl, cookie);
	log(`stack up in ${stack.startedInSeconds.toFixed(1)} s (${stack.urls.editor})`);
	chromium = await ensureChromium({ log }); // apt-get install on a machine without it (~25 s)
}, 30 * 60 * 1000);

beforeEach(async () => {
	stack.sandbox.reset();
	stack.sandbox.clearRequests();
	stack.chat.clear();
	await stack.mail.deleteAll();
});

afterAll(async () => {
	if (!stack) return;
	const userFolder = stack.paths.userFolder;
	const n8nPort = stack.ports.n8n;
	await stack.stop();
	// Nothing of this stack is left: no process started for this data folder, n8n's port closed.
	const leftovers: string[] = [];
	for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		if (Number(pid) === process.pid) continue;
		try {
			const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
			const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
			if (cmdline.includes(dataDir) || environ.split('\0').includes(`N8N_USER_FOLDER=${userFolder}`)) {
				leftovers.push(`${pid} ${cmdline.slice(0, 160)}`);
			}
		} catch {
			// gone, or not ours to read
		}
	}
	const portAnswers = await fetch(`http://127.0.0.1:${n8nPort}/healthz`).then(
		() => true,
		() => false,
	);
	// Keep the logs (n8n, maildev, sandbox requests) for a look after a failure, then drop the data folder.
	const logs = path.join(ROOT, 'test-artifacts', 'e2e-logs');
	fs.rmSync(logs, { recursive: true, force: true });
	fs.mkdirSync(logs, { recursive: true });
	fs.cpSync(stack.paths.logsDir, logs, { recursive: true });
	if (fs.existsSync(path.join(userFolder, 'n8n.log'))) fs.copyFileSync(path.join(userFolder, 'n8n.log'), path.join(logs, 'n8n.log'));
	fs.rmSync(dataDir, { recursive: true, force: true });
	expect(leftovers).toEqual([]);
	expect(portAnswers).toBe(false);
}, 60000);

describe('the package in a real n8n (npm start stack)', () => {
	it('registers the five nodes and the credential under the package name, and imports the examples once', async () => {
		const types = (await getNodeTypes(baseUrl, cookie)).map((t) => t.name);
		expect(types).toEqual(expect.arrayContaining(OUR_TYPES));
		const workflows = (await request(`${baseUrl}/rest/workflows`, { cookie })).json.data as Array<{ id: string; name: string; active: boolean }>;
		expect(workflows.map((w) => w.name).sort()).toEqual([
			'OVH example 1: Renew a VPS',
			'OVH example 2: Monthly renewal review with approval',
			'OVH example 3: Renew on demand via webhook',
		]);
		expect(workflows.filter((w) => w.active).map((w) => w.id).sort()).toEqual(
			[stack.workflows.review.id, stack.workflows.renewWebhook.id].sort(),
		);
		const credentials = (await request(`${baseUrl}/rest/credentials`, { cookie })).json.data as Array<{ name: string; type: string }>;
		expect(credentials.map((c) => `${c.type}:${c.name}`).sort()).toEqual([
			'httpHeaderAuth:Webhook key (npm start)',
			'ovhApi:OVH sandbox',
			'smtp:Local mail (maildev)',
		]);
	});

	it('credential test: success with the demo keys, a clear message for a wrong secret', async () => {
		const { id, name, type } = stack.credentials.ovh;
		const good = await testCredential(baseUrl, cookie, { id });
		expect(good).toEqual({ status: 'OK', message: expect.any(String) });

		const stored = (await request(`${baseUrl}/rest/credentials/${id}?includeData=true`, { cookie })).json.data;
		const bad = await testCredential(baseUrl, cookie, {
			id,
			name,
			type,
			data: { ...stored.data, applicationSecret: 'notTheRightSecretForThisAppKey01' },
		});
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/signature/i);
		expect(bad.message).toMatch(/Application Secret/);
	});

	it('example 1 renews the VPS: one paid, delivered order, expiration + 3 months; a second run pays nothing', async () => {
		const before = serviceExpiration(112233);
		const execution = await executeWorkflow(baseUrl, cookie, stack.workflows.renewVps.id, { wait: apiKey, timeoutMs: 90000 });
		expectSuccess(execution);
		const [paid] = nodeItems(execution, 'OVH Pay Order');
		expect(paid).toMatchObject({ paid: true, alreadyPaid: false, status: 'delivered', delivered: true, amount: 21.6, paymentMean: 'paypal', paymentMeanId: 1234 });
		// The cap that applied is the order's quote (below the example's ceiling of 25).
		expect(paid.maxAmount).toBe(21.6);

		const orders = newOrders();
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({ orderId: paid.orderId, services: [112233], duration: 'P3M', status: 'delivered' });
		expect(orders[0].payment).toMatchObject({ paymentMean: 'paypal', paymentMeanId: 1234 });
		expect(ovhRequests('POST', PAYMENT_PATH)).toHaveLength(1);
		expect(serviceExpiration(112233)).toBe(addMonths(before, 3));

		// The same workflow again, this time with `n8n execute --id` in a second n8n process: already paid.
		const cli = await executeWorkflowCli(stack.runtime, stack.paths.userFolder, stack.workflows.renewVps.id, { instance: stack.n8n });
		expect(cli.code).toBe(0);
		if (!cli.output) throw new Error(`n8n execute printed no run data JSON:\n${cli.stdout.slice(-3000)}\n${cli.stderr.slice(-2000)}`);
		const again = cli.output.data.resultData.runData['OVH Pay Order'][0].data.main[0][0].json;
		expect(again).toMatchObject({ orderId: paid.orderId, paid: false, alreadyPaid: true, status: 'delivered' });
		expect(newOrders()).toHaveLength(1);
		expect(ovhRequests('POST', PAYMENT_PATH)).toHaveLength(1);
		expect(serviceExpiration(112233)).toBe(addMonths(before, 3));
	});

	it('example 2, Approve: one paid order per service expiring within 30 days, and a chat message', async () => {
		const { email, execution, message } = await reviewAndAnswer('Approve');
		expect(email.subject).toBe('OVH renewals to approve: 2 service(s), 80.15 EUR incl. tax');
		expect(email.to[0].address).toBe('ops@example.com');
		expect(email.html).toContain('example-shop.ovh');
		expect(email.html).toContain('vps112233.ovh.net');

		const orders = newOrders();
		expect(orders.map((o) => [o.services, o.duration]).sort()).toEqual([
			[[112233], 'P1Y'],
			[[12345], 'P1Y'],
		]);
		for (const order of orders) expect(['checking', 'delivered']).toContain(order.status);
		const payments = ovhRequests('POST', PAYMENT_PATH);
		expect(payments.map((r) => r.path).sort()).toEqual(orders.map((o) => `/me/order/${o.orderId}/payWithRegisteredPaymentMean`).sort());
		expect(nodeItems(execution, 'Pay Order').map((p) => p.paid)).toEqual([true, true]);
		// Each order's cap is the price with tax the approver saw in the e-mail.
		expect(nodeItems(execution, 'Pay Order').map((p) => p.maxAmount).sort()).toEqual(
			nodeItems(execution, 'One Item per Service').map((r) => r.priceWithTax).sort(),
		);
		for (const r of nodeItems(execution, 'One Item per Service')) expect(email.html).toContain(r.priceText);

		expect(message.channel).toBe('ovh-renewals');
		expect(message.text).toContain('approved. 2 of 2 renewal(s) ordered and paid');
		expect(message.text).toContain('✅ example-shop.ovh: renewed for 1 year');
		expect(message.text).toContain('✅ vps112233.ovh.net: renewed for 1 year');
		expect(stack.chat.messages()).toHaveLength(1);
	});

	it('example 2, Decline: nothing ordered or paid, and a chat message', async () => {
		const { execution, message } = await reviewAndAnswer('Decline');
		expect(newOrders()).toEqual([]);
		expect(ovhRequests('POST', PAYMENT_PATH)).toEqual([]);
		expect(ovhRequests('POST', /^\/service\/\d+\/renew$/).map((r) => (r.body as { dryRun?: boolean }).dryRun)).toEqual([true, true]);
		expect(nodeItems(execution, 'Create Renew Order')).toEqual([]);
		expect(message.text).toMatch(/^OVH renewal review: declined\. Nothing was ordered or paid\./);
		expect(message.text).toContain('example-shop.ovh');
		expect(stack.chat.messages()).toHaveLength(1);
	});

	it('example 3 answers with the order; the same request again pays nothing; bad input gets a 4xx', async () => {
		const url = stack.workflows.renewWebhook.webhookUrl as string;
		const body = { serviceName: 'vps112233.ovh.net', product: 'vps', period: 'P1M' };

		const first = await postJson(url, body);
		expect(first.status).toBe(200);
		expect(first.json).toMatchObject({ ok: true, serviceId: 112233, period: 'P1M', paid: true, alreadyPaid: false, amount: 7.2, reusedOrder: false });
		expect(first.json.order).toMatchObject({ orderId: first.json.orderId, priceWithTax: { value: 7.2, currencyCode: 'EUR' } });
		expect(first.json.order).not.toHaveProperty('password');
		// No order password anywhere in the answer: OVH's url/pdfUrl carry it (?orderPassword=…).
		expect(first.json.order).not.toHaveProperty('url');
		expect(first.json.order).not.toHaveProperty('pdfUrl');
		expect(first.text).not.toMatch(/password/i);
		expect(first.json.quote).toMatchObject({ value: 7.2, currencyCode: 'EUR' });

		const second = await postJson(url, body);
		expect(second.status).toBe(200);
		expect(second.json).toMatchObject({ ok: true, orderId: first.json.orderId, paid: false, alreadyPaid: true, reusedOrder: true });
		expect(newOrders()).toHaveLength(1);
		expect(ovhRequests('POST', PAYMENT_PATH)).toHaveLength(1);

		// Bad input: refused by the workflow before any OVH call.
		stack.sandbox.clearRequests();
		const missing = await postJson(url, { serviceName: 'vps112233.ovh.net', period: 'one month' });
		expect(missing.status).toBe(400);
		expect(missing.json).toMatchObject({ ok: false, missing: ['product'], invalid: [expect.stringMatching(/^period/)] });
		expect(missing.json.error).toMatch(/serviceName, product and period/);
		const empty = await fetch(url, { method: 'POST', headers: authHeader() });
		expect(empty.status).toBe(400);
		expect(stack.sandbox.requests()).toEqual([]);

		// OVH refusals come back as 422 with OVH's reason.
		const unknown = await postJson(url, { serviceName: 'vps999999.ovh.net', product: 'vps', period: 'P1M' });
		expect(unknown.status).toBe(422);
		expect(unknown.json).toMatchObject({ ok: false, step: 'OVH Get Service Info', httpCode: '404' });
		expect(unknown.json.error).toMatch(/does not exist/);
		expect(unknown.json.description).toContain('vps999999.ovh.net');
		const noOffer = await postJson(url, { serviceName: 'vps112233.ovh.net', product: 'vps', period: 'P2Y' });
		expect(noOffer.status).toBe(422);
		expect(noOffer.json).toMatchObject({ ok: false, step: 'OVH List Renew Strategies' });
		expect(noOffer.json.description).toMatch(/OVH offers: .*P1M/);
		expect(newOrders()).toHaveLength(1);
		expect(ovhRequests('POST', PAYMENT_PATH)).toEqual([]);
	});

	it('the paying webhooks are locked: no header or a wrong one gets 403, and nothing is ordered', async () => {
		const body = { serviceName: 'vps112233.ovh.net', product: 'vps', period: 'P1M' };
		const renewUrl = stack.workflows.renewWebhook.webhookUrl as string;
		const reviewUrl = stack.workflows.review.webhookUrl as string;
		const since = Date.now(); // the previous tests' executions all started before their answers came back
		const attempts = [
			await postJson(renewUrl, body, {}),
			await postJson(renewUrl, body, { [stack.webhookAuth.name]: `${stack.webhookAuth.value}x` }),
			await postJson(renewUrl, body, { 'X-Other-Key': stack.webhookAuth.value }),
			await postJson(reviewUrl, {}, {}),
			await postJson(reviewUrl, {}, { [stack.webhookAuth.name]: 'wrong' }),
		];
		expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
		for (const a of attempts) expect(a.text).not.toContain(stack.webhookAuth.value);
		// Nothing reached OVH (the sandbox log is empty), no order, no e-mail, no execution started.
		expect(stack.sandbox.requests()).toEqual([]);
		expect(newOrders()).toEqual([]);
		await sleep(1000);
		expect(await stack.mail.listEmails()).toEqual([]);
		const listed = (await request(`${baseUrl}/rest/executions?limit=100`, { cookie })).json.data;
		for (const e of executionList(listed)) expect(e.startedAt ?? e.createdAt).toEqual(expect.any(String));
		const started = executionList(listed).filter((e) => Date.parse(e.startedAt ?? e.createdAt ?? '') >= since);
		expect(started.map((e) => `${e.id} ${e.workflowId} ${e.status}`)).toEqual([]);
	});

	it('10 identical renew-on-demand calls at once: the service is paid exactly once', async () => {
		const url = stack.workflows.renewWebhook.webhookUrl as string;
		const body = { serviceName: 'vps112233.ovh.net', product: 'vps', period: 'P1M' };
		// n8n starts webhook executions a few ms apart: without a slow OVH, the first one has paid before the last one
		// looks for a recent order, and nothing races. 1.5 s on every POST /service/{id}/renew (quote and order; the
		// order is created after the delay) puts all ten between "no recent order" and "order created" at once.
		stack.sandbox.addFault({ method: 'POST', path: '/service/*/renew', type: 'latency', delayMs: 1500, when: 'before', times: -1 });
		const answers = await Promise.all(Array.from({ length: 10 }, () => postJson(url, body)));
		stack.sandbox.clearFaults();

		const orders = newOrders();
		const accepted = ovhRequests('POST', PAYMENT_PATH).filter((r) => r.status === 200);
		const rows = orders.map((o) => ({
			order: o.orderId,
			services: o.services.join(','),
			duration: o.duration,
			status: o.status,
			answersReusing: answers.filter((a) => a.json?.orderId === o.orderId && a.json?.reusedOrder === true).length,
			paymentsAccepted: accepted.filter((r) => r.path.startsWith(`/me/order/${o.orderId}/`)).length,
		}));
		log(
			[
				'10 identical webhook calls at once:',
				`  answers: ${answers.map((a) => `${a.status}${a.json?.paid ? ' paid' : a.json?.alreadyPaid ? ' alreadyPaid' : a.json?.ok === false ? ` ${a.json.step}` : ''}`).join(' | ')}`,
				'  order      services  period  status      reused by  payments',
				...rows.map((r) => `  ${String(r.order).padEnd(10)} ${r.services.padEnd(9)} ${r.duration.padEnd(7)} ${r.status.padEnd(11)} ${String(r.answersReusing).padEnd(10)} ${r.paymentsAccepted}`),
				`  orders created: ${orders.length}, reused answers: ${answers.filter((a) => a.json?.reusedOrder === true).length}, paid orders: ${orders.filter((o) => o.paidAt !== null).length}, payments accepted: ${accepted.length}`,
			].join('\n'),
		);

		// Each service paid exactly once: one paid order for the VPS, one payment accepted by OVH, and one answer that
		// says it paid; every other call answered (the same order already paid, or a clear refusal), none failed silently.
		const paidOrders = orders.filter((o) => o.paidAt !== null).map((o) => ({ orderId: o.orderId, services: o.services, duration: o.duration }));
		expect(paidOrders).toEqual([{ orderId: expect.any(Number), services: [112233], duration: 'P1M' }]);
		expect(accepted).toHaveLength(1);
		expect(answers.filter((a) => a.json?.paid === true)).toHaveLength(1);
		for (const a of answers) expect([200, 422]).toContain(a.status);
		for (const a of answers.filter((x) => x.status === 200)) expect(a.json).toMatchObject({ ok: true, orderId: paidOrders[0].orderId });
	});

	it('after sign-in the workflow list shows example 1 first; the editor shows our nodes with our icon, and the node panel lists all five', async () => {
		const { browser, page } = await launchBrowser({ runtime: stack.runtime, executablePath: chromium, viewport: { width: 1600, height: 900 } });
		const shots: Record<string, string> = {};
		const save = async (name: string): Promise<void> => {
			const file = await screenshot(page, path.join(ARTIFACTS, `${name}.png`));
			const docs = path.join(DOCS_SCREENSHOTS, `${name}.png`);
			if (process.env.OVH_RENEWAL_UPDATE_SCREENSHOTS === '1' || !fs.existsSync(docs)) {
				fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
				fs.copyFileSync(file, docs);
			}
			shots[name] = file;
		};
		const closePopups = async (): Promise<void> => {
			const close = await page.$('[data-test-id="suggested-actions-close"]');
			if (close) await close.click();
			await page.mouse.move(0, 450);
			await sleep(800);
		};
		try {
			await loginEditor(page, baseUrl, stack.owner);

			// What a newcomer sees first: Overview, the workflow list (not n8n's full-page AI assistant), with the
			// example to start with on top, then the other two in the banner's order.
			expect(new URL(page.url()).pathname).toBe('/home/workflows');
			const cards = await waitFor(
				async () => {
					const names: string[] = await page.$$eval('[data-test-id="workflow-card-name"]', (els: Element[]) =>
						els.map((e) => (e.textContent ?? '').trim()),
					);
					return names.length >= 3 ? names : null;
				},
				{ timeoutMs: 15000, what: 'the workflow list' },
			);
			expect(cards).toEqual([stack.workflows.renewVps.name, stack.workflows.review.name, stack.workflows.renewWebhook.name]);
			expect(await page.$('[data-test-id="workflow-card-open-in-assistant"]')).toBeNull();
			shots['workflow-list'] = await screenshot(page, path.join(ARTIFACTS, 'workflow-list.png'));

			for (const [key, file] of [
				['renewVps', 'renew-a-vps'],
				['renewWebhook', 'renew-on-demand-webhook'],
				['review', 'monthly-renewal-review'],
			] as const) {
				const names = await openWorkflow(page, baseUrl, stack.workflows[key].id);
				expect(names.length).toBeGreaterThan(4);
				await closePopups();
				await save(file);
			}

			// Example 2 is open: each of our nodes shows our SVG, loaded (no "?" placeholder).
			const icons: Array<{ node: string | null; src: string | null; loaded: boolean }> = await page.$$eval('[data-test-id="canvas-node"]', (els: Element[]) =>
				els
					.filter((e) => (e.getAttribute('data-node-type') ?? '').startsWith('n8n-nodes-ovh-renewal.'))
					.map((e) => {
						const img = e.querySelector('img');
						return {
							node: e.getAttribute('data-node-name'),
							src: img?.getAttribute('src') ?? null,
							loaded: Boolean(img && img.complete && img.naturalWidth > 0),
						};
					}),
			);
			expect(icons.map((i) => i.node).sort()).toEqual(
				['Create Renew Order', 'Expiring Within 30 Days', 'One-Year Renewal Offer', 'Pay Order', 'Price (Dry Run)'].sort(),
			);
			for (const icon of icons) {
				expect(icon).toEqual({ node: icon.node, src: expect.stringMatching(/^\/icons\/n8n-nodes-ovh-renewal\/dist\/icons\/ovh(\.dark)?\.svg$/), loaded: true });
			}
			const svg = await fetch(`${baseUrl}${icons[0].src}`, { headers: { cookie } });
			expect(svg.status).toBe(200);
			expect(await svg.text()).toContain('<svg');

			// The node panel: search "OVH".
			await page.click('[data-test-id="node-creator-plus-button"]');
			await page.waitForSelector('[data-test-id="node-creator-search-bar"]', { visible: true });
			await sleep(500);
			await page.keyboard.type('OVH'); // the search field has the focus
			const listed = await waitFor(
				async () => {
					const names: string[] = await page.$$eval('[data-test-id="node-creator-item-name"]', (els: Element[]) =>
						els.map((e) => (e.textContent ?? '').trim()),
					);
					return OUR_NODES.every((n) => names.includes(n)) ? names : null;
				},
				{ timeoutMs: 15000, what: 'our nodes in the node panel' },
			);
			expect(listed.slice(0, OUR_NODES.length).sort()).toEqual([...OUR_NODES].sort());
			const panelIcons = await page.$$eval('[data-test-id="node-creator-node-item"]', (els: Element[]) =>
				els
					.filter((e) => /^OVH /.test(e.querySelector('[data-test-id="node-creator-item-name"]')?.textContent?.trim() ?? ''))
					.map((e) => {
						const img = e.querySelector('img');
						return Boolean(img && /ovh(\.dark)?\.svg$/.test(img.getAttribute('src') ?? '') && img.complete && img.naturalWidth > 0);
					}),
			);
			expect(panelIcons).toEqual(OUR_NODES.map(() => true));
			await sleep(500);
			await save('node-panel');
			log(`screenshots: ${Object.values(shots).join(', ')}`);
		} finally {
			await browser.close();
		}
	});
});
