import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getServiceInfos } from '../shared/api/services';
import { processItems } from '../shared/execute';
import { describeService, listServices } from '../shared/service-scan';
import type { ServiceScan } from '../shared/service-scan';
import { parseProduct, toServiceItem } from '../shared/services';
import { locatorValue, parsePositiveId, requireText } from '../shared/validation';

interface LookupOptions {
	expiringWithinDays?: number;
	includeServiceInfos?: boolean;
	readConcurrency?: number;
}

/** Get Service Info: one lookup per input item (by name, by ID, or every service of the account). */
export async function getServiceInfo(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const now = Date.now();
	return await processItems(this, async (i) => {
		const lookup = this.getNodeParameter('lookup', i) as string;
		const simplify = this.getNodeParameter('simplify', i, true) as boolean;
		if (lookup === 'byName') return [await lookupByName.call(this, i, now, simplify)];

		const options = this.getNodeParameter('options', i, {}) as LookupOptions;
		const scan: ServiceScan = {
			itemIndex: i,
			now,
			simplify,
			includeInfos: options.includeServiceInfos ?? lookup === 'byId',
			concurrency: options.readConcurrency,
		};
		if (lookup === 'byId') {
			const serviceId = parsePositiveId(this.getNode(), i, 'Service', locatorValue(this.getNodeParameter('serviceId', i)));
			return [(await describeService.call(this, scan, serviceId)) as IDataObject];
		}
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
		return await listServices.call(this, { ...scan, within: options.expiringWithinDays }, limit);
	});
}

/** `GET /{product}/{serviceName}/serviceInfos` for the item's product and service name. */
async function lookupByName(this: IExecuteFunctions, i: number, now: number, simplify: boolean): Promise<IDataObject> {
	const node = this.getNode();
	const product = parseProduct(node, i, this.getNodeParameter('product', i));
	const serviceName = requireText(node, i, 'Service Name', this.getNodeParameter('serviceName', i), 'vps112233.ovh.net');
	const infos = await getServiceInfos.call(this, product, serviceName, i);
	return simplify ? toServiceItem(now, undefined, infos, { product, serviceName }) : { product, serviceName, serviceInfos: infos };
}
