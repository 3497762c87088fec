/* eslint-disable @typescript-eslint/no-explicit-any -- e2e test: n8n answers with loose JSON */
/**
 * Any OVH route through n8n's own HTTP Request node (v4.2, "Predefined Credential Type" → OVH API) in a real n8n
 * 2.41.1, through the `npm start` stack: a signed GET with a query; a POST with a non-ASCII JSON body; a POST whose
 * first answer is lost (the sandbox takes the order, then drops the connection or answers 502) reaches OVH exactly once
 * although n8n's legacy request path re-sends any failed request; a POST refused with QUERY_TIME_OUT still recovers.
 * Also: the Service Expiring Trigger is registered as a polling trigger.
 */

import { createWorkflow, executeWorkflow, getNodeTypes } from '../../scripts/n8n/instance';
import type { Execution } from '../../scripts/n8n/instance';
import type { Stack } from '../../scripts/stack';
import { closeStack, e2eLog, openStack } from './helpers';
import type { OpenStack } from './helpers';

jest.setTimeout(5 * 60 * 1000);

const log = e2eLog('e2e-http');

let opened: OpenStack | undefined;
let stack: Stack;
let cookie: string;
let apiKey: string;
let baseUrl: string;

beforeAll(async () => {
	opened = await openStack('ovh-renewal-e2e-http-', log);
	({ stack, cookie, apiKey, baseUrl } = opened);
}, 30 * 60 * 1000);

beforeEach(() => {
	stack.sandbox.reset();
	stack.sandbox.clearRequests();
});

afterAll(async () => await closeStack(opened), 60000);

interface HttpCall {
	method: 'GET' | 'POST';
	path: string;
	query?: Record<string, string>;
	body?: Record<string, unknown>;
}

/** A workflow Manual Trigger → HTTP Request (v4.2) with the "OVH sandbox" credential, created and run once. */
async function runHttpRequest(call: HttpCall): Promise<Execution> {
	const parameters: Record<string, unknown> = {
		method: call.method,
		url: `${stack.sandbox.baseUrl}${call.path}`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'ovhApi',
		options: {},
	};
	if (call.query) {
		parameters.sendQuery = true;
		parameters.queryParameters = { parameters: Object.entries(call.query).map(([name, value]) => ({ name, value })) };
	}
	if (call.body) {
		parameters.sendBody = true;
		parameters.specifyBody = 'json';
		parameters.jsonBody = JSON.stringify(call.body);
	}
	const workflow = await createWorkflow(baseUrl, apiKey, {
		name: `HTTP Request ${call.method} ${call.path} ${Date.now()}`,
		nodes: [
			{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'a2',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters,
				credentials: { ovhApi: { id: stack.credentials.ovh.id, name: stack.credentials.ovh.name } },
			},
		],
		connections: { Start: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
	});
	return await executeWorkflow(baseUrl, cookie, workflow.id, { wait: apiKey, timeoutMs: 60000 });
}

function output(execution: Execution): Array<Record<string, any>> {
	const runs = execution.data?.resultData?.runData?.['HTTP Request'];
	return (runs?.[runs.length - 1]?.data?.main?.[0] ?? []).map((item: { json: Record<string, any> }) => item.json);
}

function errorText(execution: Execution): string {
	const error = execution.data?.resultData?.error;
	return `${error?.message ?? ''} ${error?.description ?? ''}`;
}

/** OVH calls the sandbox logged (clock reads left out), as `METHOD path status`. */
function ovhCalls(): string[] {
	return stack.sandbox.requests().filter((r) => r.path !== '/auth/time').map((r) => `${r.method} ${r.path} ${r.status}`);
}

const RENEW = { duration: 'P1Y', services: [67890, 12345] };

describe('OVH routes through the HTTP Request node in a real n8n', () => {
	it('registers the Service Expiring Trigger as a polling trigger', async () => {
		const types = await getNodeTypes(baseUrl, cookie);
		const trigger = types.find((t) => t.name === 'n8n-nodes-ovh-renewal.ovhServiceExpiringTrigger');
		expect(trigger).toMatchObject({ polling: true, group: ['trigger'] });
		expect(trigger?.usableAsTool).toBeUndefined();
	});

	it('sends a signed GET with a query', async () => {
		const execution = await runHttpRequest({ method: 'GET', path: '/services', query: { resourceName: 'example-shop.ovh' } });
		expect(errorText(execution).trim()).toBe('');
		expect(execution.status).toBe('success');
		// Three services are named example-shop.ovh (the domain, its DNS zone, its free hosting): one item each.
		expect(output(execution)).toHaveLength(3);
		const [call] = stack.sandbox.requests().filter((r) => r.path === '/services');
		expect(call).toMatchObject({ status: 200, signed: true, query: { resourceName: 'example-shop.ovh' } });
	});

	it('sends a signed POST whose JSON body holds non-ASCII text (the signature is accepted, OVH reads the body)', async () => {
		const body = { dryRun: true, ...RENEW, note: 'échéance ✓ 更新' };
		const execution = await runHttpRequest({ method: 'POST', path: '/service/12345/renew', body });
		const posts = stack.sandbox.requests().filter((r) => r.method === 'POST');
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual(body);
		expect(posts[0].error).not.toBe('INVALID_SIGNATURE');
		// The sandbox, like OVH, refuses the undescribed `note` field after checking the signature: not re-sent.
		expect(posts[0].status).toBe(400);
		expect(execution.status).toBe('error');
	});

	it('sends a signed POST with a JSON body (an order, dry run)', async () => {
		const execution = await runHttpRequest({ method: 'POST', path: '/service/12345/renew', body: { dryRun: true, ...RENEW } });
		expect(errorText(execution).trim()).toBe('');
		expect(ovhCalls()).toEqual(['POST /service/12345/renew 200']);
		expect(output(execution)[0]).toHaveProperty('orderId');
	});

	it.each([
		['the connection is dropped', { type: 'drop' as const }],
		['a 502 comes back', { type: 'status' as const, status: 502 }],
	])('reaches OVH exactly once with a POST whose answer is lost (%s)', async (_label, fault) => {
		const ordersBefore = stack.sandbox.state().orders.length;
		stack.sandbox.addFault({ method: 'POST', path: '/service/*/renew', when: 'after', ...fault });
		const execution = await runHttpRequest({ method: 'POST', path: '/service/12345/renew', body: { dryRun: false, ...RENEW } });
		expect(execution.status).toBe('error');
		expect(stack.sandbox.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(stack.sandbox.state().orders.length).toBe(ordersBefore + 1);
		expect(errorText(execution)).toMatch(/Not sending this POST to OVH a second time/);
	});

	it('recovers a POST refused with QUERY_TIME_OUT (OVH clock 10 minutes away)', async () => {
		// First a call with the clock in sync (stores the credential's timeDelta), then OVH's clock moves.
		await runHttpRequest({ method: 'GET', path: '/service/12345' });
		stack.sandbox.setClockOffset(-600);
		stack.sandbox.clearRequests();
		const execution = await runHttpRequest({ method: 'POST', path: '/service/12345/renew', body: { dryRun: true, ...RENEW } });
		expect(errorText(execution).trim()).toBe('');
		expect(stack.sandbox.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /service/12345/renew 400',
			'GET /auth/time 200',
			'POST /service/12345/renew 200',
		]);
	});
});
