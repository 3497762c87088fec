/**
 * Bad input is refused before anything is sent: a message naming the field and the item, and zero requests in the
 * sandbox log. With Continue On Fail, only the bad item fails and every output item is paired with its input.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OvhGetServiceInfo } from '../../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { byIdLocator, failure, requestLines, runNode, useSandbox } from '../helpers';

const sandbox = useSandbox();

const BY_NAME_MAPPED = { lookup: 'byName', product: '={{ $json.product }}', serviceName: '={{ $json.name }}' };
const BY_ID_MAPPED = { lookup: 'byId', serviceId: byIdLocator('={{ $json.id }}'), options: { includeServiceInfos: false } };

async function runWith(parameters: INodeParameters, items: IDataObject[], continueOnFail = false) {
	return await runNode(sandbox(), OvhGetServiceInfo, parameters, {
		inputItems: items.map((json) => ({ json })),
		extra: continueOnFail ? { onError: 'continueRegularOutput' } : {},
	});
}

describe('bad input on a single item: clear message, nothing sent', () => {
	it.each([
		['empty service name', BY_NAME_MAPPED, { product: 'vps', name: '' }, 'Service Name is empty (item 1)', 'e.g. vps112233.ovh.net'],
		['blank service name', BY_NAME_MAPPED, { product: 'vps', name: '   ' }, 'Service Name is empty (item 1)', 'e.g. vps112233.ovh.net'],
		[
			'unknown product',
			BY_NAME_MAPPED,
			{ product: 'spaceship', name: 'x' },
			'Product "spaceship" is not an OVH product with service information (item 1)',
			'dedicated/server',
		],
		['non-numeric service ID', BY_ID_MAPPED, { id: 'abc' }, 'Service must be a positive whole number (item 1), got "abc"', 'e.g. 12345'],
		['zero service ID', BY_ID_MAPPED, { id: 0 }, 'Service must be a positive whole number (item 1), got 0', 'e.g. 12345'],
		['negative service ID', BY_ID_MAPPED, { id: -5 }, 'Service must be a positive whole number (item 1), got -5', 'e.g. 12345'],
		['decimal service ID', BY_ID_MAPPED, { id: '12.5' }, 'Service must be a positive whole number (item 1), got "12.5"', 'e.g. 12345'],
		['empty service ID', BY_ID_MAPPED, { id: '' }, 'Service must be a positive whole number (item 1), got an empty value', 'e.g. 12345'],
	])('%s', async (_label, parameters, item, message, help) => {
		const result = await runWith(parameters, [item]);

		expect(result.status).toBe('error');
		expect(failure(result).message).toBe(message);
		expect(failure(result).description).toContain(help);
		expect(result.error).toMatchObject({ context: { itemIndex: 0 } });
		expect(sandbox().requests()).toEqual([]);
	});

	it('the failing item is named by its position (item 3 of 3); only the good items before it sent requests', async () => {
		const sbx = sandbox();
		const result = await runWith(BY_ID_MAPPED, [{ id: 12345 }, { id: 67890 }, { id: 'x1' }]);

		expect(result.status).toBe('error');
		expect(failure(result).message).toBe('Service must be a positive whole number (item 3), got "x1"');
		expect(result.error).toMatchObject({ context: { itemIndex: 2 } });
		expect(requestLines(sbx)).toEqual(['GET /auth/time 200', 'GET /service/12345 200', 'GET /service/67890 200']);
	});
});

describe('Continue On Fail with one bad item out of three', () => {
	it('by name: items 1 and 3 succeed, item 2 is an error item, each paired with its input', async () => {
		const sbx = sandbox();
		const result = await runWith(
			BY_NAME_MAPPED,
			[
				{ product: 'vps', name: 'vps112233.ovh.net' },
				{ product: 'vps', name: '' },
				{ product: 'ip', name: '141.94.185.0/28' },
			],
			true,
		);

		expect(result.status).toBe('success');
		const output = result.output('Node');
		expect(output).toHaveLength(3);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({ serviceId: 112233, serviceName: 'vps112233.ovh.net' });
		expect(output[1].json).toEqual({
			error: 'Service Name is empty (item 2)',
			description: expect.stringContaining('e.g. vps112233.ovh.net') as unknown,
		});
		expect(output[2].json).toMatchObject({ serviceId: 778899, serviceName: '141.94.185.0/28' });
		expect(requestLines(sbx)).toEqual([
			'GET /auth/time 200',
			'GET /vps/vps112233.ovh.net/serviceInfos 200',
			'GET /ip/141.94.185.0%2F28/serviceInfos 200',
		]);
	});

	it.each([
		['non-numeric', 'abc', '"abc"'],
		['zero', 0, '0'],
		['negative', -5, '-5'],
	])('by ID, %s ID first: items 2 and 3 succeed, pairedItem points at the right inputs', async (_label, bad, shown) => {
		const sbx = sandbox();
		const result = await runWith(BY_ID_MAPPED, [{ id: bad }, { id: 445566 }, { id: '990011' }], true);

		expect(result.status).toBe('success');
		const output = result.output('Node');
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.error).toBe(`Service must be a positive whole number (item 1), got ${shown}`);
		expect(output[1].json).toMatchObject({ serviceId: 445566, serviceName: 'ns3012345.ip-51-91-0.eu', renewMode: 'automatic' });
		expect(output[2].json).toMatchObject({ serviceId: 990011, serviceName: 'old-project.fr', status: 'expired' });
		expect(requestLines(sbx)).toEqual(['GET /auth/time 200', 'GET /service/445566 200', 'GET /service/990011 200']);
	});

	it('an OVH failure on one item (unknown service) does not stop the others either', async () => {
		const sbx = sandbox();
		const result = await runWith(BY_ID_MAPPED, [{ id: 12345 }, { id: 999999 }, { id: 112233 }], true);

		const output = result.output('Node');
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.serviceId).toBe(12345);
		expect(output[1].json).toMatchObject({ error: 'OVH: This service does not exist', httpCode: '404' });
		expect(String(output[1].json.description)).toContain('OVH does not know service 999999');
		expect(output[2].json.serviceId).toBe(112233);
		expect(requestLines(sbx).slice(1)).toEqual(['GET /service/12345 200', 'GET /service/999999 404', 'GET /service/112233 200']);
	});
});
