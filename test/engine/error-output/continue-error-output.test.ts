/**
 * "On Error: Continue (using error output)": n8n moves an item to the error output only when its json has no key
 * besides error, message and details. The failed items go there, merged with their input item, with the rest of the
 * failure under `details`; the good items stay on the success output. "Continue" (regular output) keeps the flat
 * documented shape. (Example 3, renew on demand via webhook, relies on this to answer 422.)
 */
import { OvhGetServiceInfo } from '../../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { runNode, useSandbox } from '../helpers';

const sandbox = useSandbox();

const BY_NAME_MAPPED = { lookup: 'byName', product: '={{ $json.product }}', serviceName: '={{ $json.name }}' };
const ITEMS = [
	{ json: { product: 'vps', name: 'vps112233.ovh.net', ref: 'a' } },
	{ json: { product: 'vps', name: 'vps999999.ovh.net', ref: 'b' } },
	{ json: { product: 'vps', name: '', ref: 'c' } },
];

describe('continueErrorOutput', () => {
	it('sends the failed items to the error output with their input and the details', async () => {
		const result = await runNode(sandbox(), OvhGetServiceInfo, BY_NAME_MAPPED, {
			inputItems: ITEMS,
			extra: { onError: 'continueErrorOutput' },
		});

		expect(result.status).toBe('success');
		const ok = result.output('Node', 0);
		expect(ok.map((i) => [i.json.serviceName, i.pairedItem])).toEqual([['vps112233.ovh.net', { item: 0 }]]);

		const failed = result.output('Node', 1);
		expect(failed.map((i) => i.json.ref)).toEqual(['b', 'c']);
		expect(failed[0].json).toMatchObject({
			product: 'vps',
			name: 'vps999999.ovh.net',
			error: 'OVH: This service does not exist',
			details: { httpCode: '404', ovhErrorCode: 'Client::NotFound', ovhQueryId: expect.any(String) },
		});
		expect((failed[0].json.details as { description: string }).description).toContain('vps999999.ovh.net');
		expect(failed[1].json).toMatchObject({ error: 'Service Name is empty (item 3)', details: { description: expect.stringContaining('e.g.') } });
	});

	it('keeps the flat shape on the regular output with "Continue"', async () => {
		const result = await runNode(sandbox(), OvhGetServiceInfo, BY_NAME_MAPPED, {
			inputItems: ITEMS.slice(1, 2),
			extra: { onError: 'continueRegularOutput' },
		});

		expect(result.status).toBe('success');
		expect(result.json('Node')).toEqual([
			{
				error: 'OVH: This service does not exist',
				description: expect.stringContaining('vps999999.ovh.net'),
				httpCode: '404',
				ovhErrorCode: 'Client::NotFound',
				ovhQueryId: expect.any(String),
			},
		]);
	});
});
