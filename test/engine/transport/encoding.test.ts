/* eslint-disable @n8n/community-nodes/node-usable-as-tool -- test-only node class, never shipped */
/**
 * End-to-end signing through n8n's engine: the real credential signs, n8n's HTTP layer sends, the sandbox verifies
 * the signature over the raw URL and body it received. Characters that need encoding in paths, queries and bodies
 * must be signed exactly as sent.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OvhGetServiceInfo } from '../../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { ovhRequest } from '../../../nodes/shared/transport';
import { failure, loggedRequests, requestLines, runNode, useSandbox } from '../helpers';

/** Test-only node: one `ovhRequest` per input item, with the item's `method`, `path`, `qs` and `body`. */
class OvhRawCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVH Raw Call (test)',
		name: 'ovhRawCall',
		group: ['transform'],
		version: 1,
		description: 'Test-only: calls ovhRequest with the input item as the call',
		defaults: { name: 'OVH Raw Call' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ovhApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const call = items[i].json as { method: IHttpRequestMethods; path: string; qs?: IDataObject; body?: IDataObject };
			const response = await ovhRequest.call(this, {
				method: call.method,
				path: call.path,
				qs: call.qs,
				body: call.body,
				rule: call.path,
				itemIndex: i,
			});
			out.push({ json: { response: response as IDataObject[] | IDataObject }, pairedItem: { item: i } });
		}
		return [out];
	}
}

const sandbox = useSandbox();

describe('Get Service Info by name: a service name that needs percent-encoding', () => {
	it('reads the IP block 141.94.185.0/28 (product ip) with a signature the sandbox accepts', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, OvhGetServiceInfo, {
			lookup: 'byName',
			product: 'ip',
			serviceName: '141.94.185.0/28',
		});

		expect(result.status).toBe('success');
		const [item] = result.json('Node');
		expect(item).toMatchObject({ serviceId: 778899, product: 'ip', serviceName: '141.94.185.0/28', status: 'ok' });
		expect(requestLines(sbx)).toEqual(['GET /auth/time 200', 'GET /ip/141.94.185.0%2F28/serviceInfos 200']);
		const [call] = loggedRequests(sbx, 'GET', '/ip/*');
		expect(call.rawUrl).toBe('/1.0/ip/141.94.185.0%2F28/serviceInfos');
		expect(call).toMatchObject({ signed: true, hasConsumerKey: true, credentialId: 200001, error: null });
	});

	it('signs a name with spaces and non-ASCII as sent: OVH answers 404 for the name, not INVALID_SIGNATURE', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			OvhGetServiceInfo,
			{ lookup: 'byName', product: 'domain', serviceName: 'exämple shop+été.ovh' },
			{ credential: { timeDelta: '0' } },
		);

		expect(result.status).toBe('error');
		expect(failure(result).message).toBe('OVH: This service does not exist');
		const calls = loggedRequests(sbx);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ status: 404, error: 'Client::NotFound' });
		expect(calls[0].rawUrl).toBe('/1.0/domain/ex%C3%A4mple%20shop%2B%C3%A9t%C3%A9.ovh/serviceInfos');
	});
});

describe('ovhRequest through the engine: queries and bodies with characters that need encoding', () => {
	async function raw(call: IDataObject, items = 1) {
		const sbx = sandbox();
		return await runNode(sbx, OvhRawCall, {}, {
			inputItems: Array.from({ length: items }, () => ({ json: call })),
			credential: { timeDelta: '0' },
		});
	}

	it('GET /me/order with date.from holding "+" and ":" and extra values with spaces, "/" and non-ASCII', async () => {
		const sbx = sandbox();
		// 250 days ago, written with a +02:00 offset: only the old delivered order (200 days ago) is newer.
		const from = new Date(Date.now() - 250 * 86_400_000 + 2 * 3_600_000).toISOString().slice(0, 19) + '+02:00';
		const qs = { 'date.from': from, note: 'a b/c+d:e é€ 日本', 'x y': 'ok?&=#' };
		const result = await raw({ method: 'GET', path: '/me/order', qs });

		expect(result.status).toBe('success');
		expect(result.json('Node')).toEqual([{ response: [240000001] }]);
		const calls = loggedRequests(sbx);
		expect(calls.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /me/order 200']);
		// What arrived decodes back to exactly what the node passed: "+" was not turned into a space.
		expect(calls[0].query).toEqual(qs);
		expect(calls[0].rawUrl).toContain('date.from=');
		expect(calls[0].rawUrl).toContain('%2B02%3A00');
		expect(calls[0].rawUrl).not.toMatch(/[ +é€]/);
	});

	it('GET /me/order with date.from 100 days ago excludes the old order (the filter really is applied)', async () => {
		const from = new Date(Date.now() - 100 * 86_400_000).toISOString().replace('Z', '+00:00');
		const result = await raw({ method: 'GET', path: '/me/order', qs: { 'date.from': from } });
		expect(result.status).toBe('success');
		expect(result.json('Node')).toEqual([{ response: [] }]);
	});

	it('POST with a non-ASCII JSON body: the signature is accepted and OVH validates the body instead', async () => {
		const sbx = sandbox();
		const body = { dryRun: true, duration: 'P1Y', services: [12345], note: 'Renouvellement été — 日本 "quoted" \\ /' };
		const result = await raw({ method: 'POST', path: '/service/12345/renew', body });

		expect(result.status).toBe('error');
		expect(failure(result).message).toBe('OVH: Received not described parameters: (note)');
		const posts = loggedRequests(sbx, 'POST');
		expect(posts).toHaveLength(1);
		expect(posts[0]).toMatchObject({ status: 400, error: 'Client::BadRequest' });
		// the body OVH parsed is the body the node passed, characters intact
		expect(posts[0].body).toEqual(body);
		expect(sbx.requests()).toHaveLength(1);
	});

	it('POST with a body that OVH accepts (dry run) succeeds and creates nothing', async () => {
		const sbx = sandbox();
		const result = await raw({ method: 'POST', path: '/service/12345/renew', body: { dryRun: true, duration: 'P1Y', services: [12345] } });

		expect(result.status).toBe('success');
		const [{ response }] = result.json('Node') as Array<{ response: IDataObject }>;
		expect(response).toMatchObject({ orderId: null, priceWithoutTax: { value: 1.99 }, priceWithTax: { value: 2.39 } });
		expect(requestLines(sbx)).toEqual(['POST /service/12345/renew 200']);
		expect(sbx.state().orders.map((o) => o.orderId)).toEqual([240000001]);
	});

	it('a wrongly signed call is really refused (the checks above can fail)', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			OvhRawCall,
			{},
			{
				inputItems: [{ json: { method: 'GET', path: '/me/order', qs: { note: 'é' } } }],
				credential: { timeDelta: '0', applicationSecret: 'notTheSecret' },
			},
		);
		expect(result.status).toBe('error');
		expect(failure(result).message).toBe('OVH: Invalid signature');
		// a 400 on a GET lets n8n re-read the clock and re-send once (it could have been QUERY_TIME_OUT)
		expect(requestLines(sbx)).toEqual(['GET /me/order 400', 'GET /auth/time 200', 'GET /me/order 400']);
		expect(loggedRequests(sbx, 'GET', '/me/order').map((r) => r.error)).toEqual(['INVALID_SIGNATURE', 'INVALID_SIGNATURE']);
	});
});
