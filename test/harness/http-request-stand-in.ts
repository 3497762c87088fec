/* eslint-disable @n8n/community-nodes/no-deprecated-workflow-functions -- a test stand-in for n8n's HTTP Request node, which makes exactly this legacy call; never shipped */
/**
 * What n8n's HTTP Request node (v4) does with "Authentication: Predefined Credential Type": n8n-core's legacy
 * `requestWithAuthentication` with `uri`, `qs`, `body`, `json`, full response — the path that re-runs
 * preAuthentication and re-sends once after any failure. One stand-in for tests and benchmarks.
 *
 * Per input item: `url` is the node parameter (an expression per item, as the real node evaluates it) or the item's
 * `url`; `method` (default GET), `qs`, `body` and `neverError` come from the item. Output `{ statusCode, body }`.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

export const HTTP_REQUEST_STAND_IN = 'legacyHttpRequest';

/** The stand-in node class for one credential type (`ovhApi`, `ovhOAuth2Api`). */
export function httpRequestStandIn(credentialType: string): new () => INodeType {
	return class LegacyHttpRequest implements INodeType {
		description: INodeTypeDescription = {
			displayName: 'Legacy HTTP Request (test)',
			name: HTTP_REQUEST_STAND_IN,
			group: ['transform'],
			version: 1,
			description: 'The HTTP Request node call shape, for tests and benchmarks',
			defaults: { name: 'HTTP Request' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType, required: true }],
			properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
		};

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const out: INodeExecutionData[] = [];
			const items = this.getInputData();
			for (let i = 0; i < items.length; i++) {
				const p = items[i].json as { method?: string; url?: string; qs?: IDataObject; body?: IDataObject; neverError?: boolean };
				const options: IDataObject = {
					headers: {},
					method: p.method ?? 'GET',
					uri: (this.getNodeParameter('url', i, '') as string) || p.url,
					gzip: true,
					rejectUnauthorized: true,
					followRedirect: true,
					resolveWithFullResponse: true,
					json: true,
				};
				if (p.qs) options.qs = p.qs;
				if (p.body) options.body = p.body;
				if (p.neverError) options.simple = false;
				const response = (await this.helpers.requestWithAuthentication.call(this, credentialType, options, undefined, i)) as {
					body: unknown;
					statusCode: number;
				};
				out.push({ json: { statusCode: response.statusCode, body: response.body as IDataObject }, pairedItem: { item: i } });
			}
			return [out];
		}
	};
}
