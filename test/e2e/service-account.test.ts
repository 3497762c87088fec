/* eslint-disable @typescript-eslint/no-explicit-any -- e2e test: n8n answers with loose JSON */
/**
 * OVHcloud service accounts in a real n8n 2.41.1 (the `npm start` stack): the credential test button (good secret,
 * wrong secret), the renewal chain with Bearer tokens only, a token expiring in the middle of the execution, a policy
 * without the pay action stopped before any order (0 POSTs to the API), and both credential types in one workflow.
 */

import { SANDBOX_SERVICE_ACCOUNTS } from '../../sandbox';
import { createCredential, createWorkflow, executeWorkflow, testCredential } from '../../scripts/n8n/instance';
import type { Execution } from '../../scripts/n8n/instance';
import type { Stack } from '../../scripts/stack';
import { closeStack, e2eLog, openStack } from './helpers';
import type { OpenStack } from './helpers';

jest.setTimeout(5 * 60 * 1000);

const log = e2eLog('e2e-sa');

let opened: OpenStack | undefined;
let stack: Stack;
let cookie: string;
let apiKey: string;
let baseUrl: string;

const PKG = 'n8n-nodes-ovh-renewal';
type Account = { clientId: string; clientSecret: string };

function saData(account: Account) {
	return {
		endpoint: 'custom',
		customUrl: stack.sandbox.baseUrl,
		customTokenUrl: `${stack.sandbox.origin}/auth/oauth2/token`,
		clientId: account.clientId,
		clientSecret: account.clientSecret,
	};
}

const saCredentials = new Map<string, { id: string; name: string }>();

async function saCredential(account: Account): Promise<{ id: string; name: string }> {
	const known = saCredentials.get(account.clientId);
	if (known) return known;
	const created = await createCredential(baseUrl, cookie, { name: `SA ${account.clientId}`, type: 'ovhOAuth2Api', data: saData(account) });
	const ref = { id: String(created.id), name: String(created.name) };
	saCredentials.set(account.clientId, ref);
	return ref;
}

beforeAll(async () => {
	opened = await openStack('ovh-renewal-e2e-sa-', log);
	({ stack, cookie, apiKey, baseUrl } = opened);
}, 30 * 60 * 1000);

beforeEach(() => {
	stack.sandbox.reset();
	stack.sandbox.clearRequests();
});

afterAll(async () => await closeStack(opened), 60000);

async function oauthAdmin(body: Record<string, unknown>): Promise<void> {
	const res = await fetch(`${stack.sandbox.origin}/__sandbox/oauth`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`oauth admin ${res.status}`);
}

type Auth = { account: Account } | 'keys';

/** One of the package's nodes, with the service account or the stack's application-key credential. */
async function ovhNode(name: string, type: string, parameters: Record<string, unknown>, auth: Auth, x: number) {
	const credentials =
		auth === 'keys'
			? { ovhApi: { id: stack.credentials.ovh.id, name: stack.credentials.ovh.name } }
			: { ovhOAuth2Api: await saCredential(auth.account) };
	return {
		id: name,
		name,
		type: `${PKG}.${type}`,
		typeVersion: 1,
		position: [x, 0],
		parameters: { authentication: auth === 'keys' ? 'applicationKey' : 'serviceAccount', ...parameters },
		credentials,
	};
}

async function run(name: string, nodes: Array<Record<string, any>>): Promise<Execution> {
	const all = [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-220, 0], parameters: {} }, ...nodes];
	const connections: Record<string, any> = {};
	for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	const workflow = await createWorkflow(baseUrl, apiKey, { name: `${name} ${Date.now()}`, nodes: all, connections });
	return await executeWorkflow(baseUrl, cookie, workflow.id, { wait: apiKey, timeoutMs: 90000 });
}

async function chain(auths: [Auth, Auth, Auth, Auth]): Promise<Execution> {
	return await run('SA chain', [
		await ovhNode('Get Service Info', 'ovhGetServiceInfo', { lookup: 'byName', product: 'domain', serviceName: 'example-shop.ovh' }, auths[0], 0),
		await ovhNode('List Renew Strategies', 'ovhListRenewStrategies', { serviceId: { __rl: true, mode: 'id', value: '={{ $json.serviceId }}' }, filters: { renewPeriod: 'P1Y', onlyThisService: true } }, auths[1], 220),
		await ovhNode('Create Renew Order', 'ovhCreateRenewOrder', { serviceId: { __rl: true, mode: 'id', value: '={{ $json.serviceId }}' }, duration: '={{ $json.renewPeriod }}', services: "={{ $json.services.join(',') }}" }, auths[2], 440),
		await ovhNode('Pay Order', 'ovhPayOrder', { orderId: '={{ $json.orderId }}', maxAmount: '100', payWith: 'registeredPaymentMean', paymentMean: 'paypal', paymentMeanId: '1234' }, auths[3], 660),
	]);
}

function items(execution: Execution, node: string): Array<Record<string, any>> {
	const runs = execution.data?.resultData?.runData?.[node];
	return (runs?.[runs.length - 1]?.data?.main?.[0] ?? []).map((item: { json: Record<string, any> }) => item.json);
}

function errorText(execution: Execution): string {
	const error = execution.data?.resultData?.error;
	return `${error?.message ?? ''} ${error?.description ?? ''}`;
}

const apiPosts = () => stack.sandbox.requests().filter((r) => r.method === 'POST' && r.basePath === '/1.0');
const newOrders = () => stack.sandbox.state().orders.filter((o) => o.orderId >= 240000101);
const FULL = SANDBOX_SERVICE_ACCOUNTS.full;

describe('service accounts in a real n8n', () => {
	it('the credential test: OK with the right secret; the wrong secret is named', async () => {
		const { id, name } = await saCredential(FULL);
		const good = await testCredential(baseUrl, cookie, { id });
		expect(good).toEqual({ status: 'OK', message: expect.any(String) });
		const bad = await testCredential(baseUrl, cookie, { id, name, type: 'ovhOAuth2Api', data: saData({ ...FULL, clientSecret: 'wrong' }) });
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain("OVH refused the service account's Client ID or Client Secret");
		expect(bad.message).not.toContain('wrong');
	});

	it('renews and pays with Bearer tokens only, the token expiring mid-execution: one order, one payment', async () => {
		await oauthAdmin({ tokenMaxUses: 4 });
		const sa = { account: FULL };
		const execution = await chain([sa, sa, sa, sa]);
		expect(errorText(execution).trim()).toBe('');
		expect(execution.status).toBe('success');
		expect(items(execution, 'Pay Order')).toEqual([expect.objectContaining({ paid: true })]);
		expect(newOrders()).toHaveLength(1);
		expect(apiPosts().filter((r) => r.status === 200).map((r) => r.path)).toEqual([
			'/service/12345/renew',
			'/me/order/240000101/payWithRegisteredPaymentMean',
		]);
		expect(stack.sandbox.requests().filter((r) => r.status === 401).length).toBeGreaterThan(0);
		expect(stack.sandbox.requests().filter((r) => r.signed)).toEqual([]);
	});

	it('a policy without the pay action: stopped before any order, 0 POSTs to the API', async () => {
		const execution = await run('SA no pay', [
			await ovhNode('Create Renew Order', 'ovhCreateRenewOrder', { serviceId: { __rl: true, mode: 'id', value: '12345' }, duration: 'P1Y', services: '', verifyStrategy: false }, { account: SANDBOX_SERVICE_ACCOUNTS.noPay }, 0),
		]);
		expect(execution.status).toBe('error');
		expect(errorText(execution)).toContain('IAM does not allow account:apiovh:me/order/pay');
		expect(apiPosts()).toEqual([]);
		expect(newOrders()).toEqual([]);
	});

	it('both credential types in one workflow: keys read, the service account orders and pays', async () => {
		const sa = { account: SANDBOX_SERVICE_ACCOUNTS.renewAndPay };
		const execution = await chain(['keys', 'keys', sa, sa]);
		expect(errorText(execution).trim()).toBe('');
		expect(items(execution, 'Pay Order')).toEqual([expect.objectContaining({ paid: true })]);
		const api = stack.sandbox.requests().filter((r) => r.basePath === '/1.0');
		expect(api.filter((r) => r.signed && r.method === 'POST')).toEqual([]);
		expect(api.filter((r) => r.signed).map((r) => r.path)).toContain('/domain/example-shop.ovh/serviceInfos');
		expect(api.filter((r) => !r.signed && r.method === 'POST').map((r) => r.path)).toEqual([
			'/service/12345/renew',
			'/me/order/240000101/payWithRegisteredPaymentMean',
		]);
	});
});
