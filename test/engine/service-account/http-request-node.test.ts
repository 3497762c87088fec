/* eslint-disable @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/no-deprecated-workflow-functions -- a test stand-in for n8n's HTTP Request node, which makes exactly this legacy call; never shipped */
/**
 * The service-account credential through n8n's HTTP Request node (legacy `requestWithAuthentication`, which re-sends
 * any failed request once after re-running preAuthentication): a GET whose token expired recovers with a new token;
 * a POST whose answer was lost reaches OVH once, with an error that says why it is not sent again.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OvhApi } from '../../../credentials/OvhApi.credentials';
import { OvhOAuth2Api } from '../../../credentials/OvhOAuth2Api.credentials';
import { chain, manualTriggerNode, node, runWorkflow } from '../../harness';
import { admin, failure, loggedRequests, newOrders, useSandbox } from '../helpers';
import { oauthAdmin, saStore, tokenRequests } from './fixtures';

/** What the HTTP Request node does with "Authentication: Predefined Credential Type" → OVH service account. */
class LegacyHttpRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Legacy HTTP Request (test)',
		name: 'legacyHttpRequest',
		group: ['transform'],
		version: 1,
		description: 'The HTTP Request node call shape, for tests',
		defaults: { name: 'HTTP Request' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ovhOAuth2Api', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const p = this.getInputData()[0].json as { method: string; url: string; body?: IDataObject };
		const options: IDataObject = { headers: {}, method: p.method, uri: p.url, resolveWithFullResponse: true, json: true };
		if (p.body) options.body = p.body;
		const response = (await this.helpers.requestWithAuthentication.call(this, 'ovhOAuth2Api', options, undefined, 0)) as {
			body: unknown;
			statusCode: number;
		};
		return [[{ json: { statusCode: response.statusCode, body: response.body as IDataObject } }]];
	}
}

const sandbox = useSandbox();

async function call(parameters: IDataObject) {
	const sbx = sandbox();
	const all = [manualTriggerNode('Manual Trigger'), node('legacyHttpRequest', 'HTTP Request')];
	return await runWorkflow({
		nodeTypes: [LegacyHttpRequest],
		credentialTypes: [OvhApi, OvhOAuth2Api],
		credentials: saStore(sbx),
		workflow: { nodes: all, connections: chain(...all) },
		inputItems: [{ json: { ...parameters, url: `${sbx.baseUrl}${String(parameters.url)}` } }],
	});
}

describe('service account through the HTTP Request node', () => {
	it('a GET whose token expired is sent again with a new token', async () => {
		const store = saStore(sandbox());
		await oauthAdmin(sandbox(), { tokenMaxUses: 1 });
		const all = [manualTriggerNode('Manual Trigger'), node('legacyHttpRequest', 'HTTP Request')];
		const run = (url: string) =>
			runWorkflow({
				nodeTypes: [LegacyHttpRequest],
				credentialTypes: [OvhApi, OvhOAuth2Api],
				credentials: store,
				workflow: { nodes: all, connections: chain(...all) },
				inputItems: [{ json: { method: 'GET', url: `${sandbox().baseUrl}${url}` } }],
			});
		expect((await run('/service/12345')).status).toBe('success');
		// The stored token is used up: the next call meets a 401, n8n fetches a token and sends the GET again.
		const second = await run('/service/12345');
		expect(second.status).toBe('success');
		expect(loggedRequests(sandbox(), 'GET').map((r) => r.status)).toEqual([200, 401, 200]);
		expect(tokenRequests(sandbox())).toHaveLength(2);
	});

	it('a POST whose answer was lost (502) reaches OVH once, with an error that says why', async () => {
		await admin(sandbox(), 'POST', '/faults', { method: 'POST', path: '/service/*/renew', when: 'after', type: 'status', status: 502 });
		const result = await call({ method: 'POST', url: '/service/12345/renew', body: { dryRun: false, duration: 'P1Y', services: [67890, 12345] } });
		expect(result.status).toBe('error');
		expect(loggedRequests(sandbox(), 'POST', '/service/*')).toHaveLength(1);
		expect(newOrders(sandbox())).toHaveLength(1);
		const { message, description } = failure(result);
		expect(`${message} ${description}`).toMatch(/Not sending this POST to OVH a second time/);
		expect(`${message} ${description}`).toMatch(/401 \(an expired token\)/);
	});
});
