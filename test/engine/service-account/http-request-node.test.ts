/**
 * The service-account credential through n8n's HTTP Request node (legacy `requestWithAuthentication`, which re-sends
 * any failed request once after re-running preAuthentication): a GET whose token expired recovers with a new token;
 * a POST whose answer was lost reaches OVH once, with an error that says why it is not sent again.
 */
import type { IDataObject } from 'n8n-workflow';

import { OvhApi } from '../../../credentials/OvhApi.credentials';
import { OvhOAuth2Api } from '../../../credentials/OvhOAuth2Api.credentials';
import { HTTP_REQUEST_STAND_IN, chain, httpRequestStandIn, manualTriggerNode, node, runWorkflow } from '../../harness';
import { admin, failure, loggedRequests, newOrders, useSandbox } from '../helpers';
import { oauthAdmin, saStore, tokenRequests } from './fixtures';

const LegacyHttpRequest = httpRequestStandIn('ovhOAuth2Api');

const sandbox = useSandbox();

async function call(parameters: IDataObject) {
	const sbx = sandbox();
	const all = [manualTriggerNode('Manual Trigger'), node(HTTP_REQUEST_STAND_IN, 'HTTP Request')];
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
		const all = [manualTriggerNode('Manual Trigger'), node(HTTP_REQUEST_STAND_IN, 'HTTP Request')];
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
