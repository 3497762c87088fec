import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getService, getServiceInfos, listServiceIds } from '../shared/api/services';
import type { OvhServiceInfos } from '../shared/api/services';
import { processItems } from '../shared/execute';
import { daysUntil, parseProduct, routeToProduct, toServiceItem } from '../shared/services';
import { locatorValue, parsePositiveId, requireText } from '../shared/validation';

interface LookupOptions {
	expiringWithinDays?: number;
	includeServiceInfos?: boolean;
}

/** What one item's lookup shares: the clock of the run, the output shape, and whether to read serviceInfos. */
interface Lookup {
	itemIndex: number;
	now: number;
	simplify: boolean;
	includeInfos: boolean;
}

/** Get Service Info: one lookup per input item (by name, by ID, or every service of the account). */
export async function getServiceInfo(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const now = Date.now();
	return await processItems(this, async (i) => {
		const lookup = this.getNodeParameter('lookup', i) as string;
		const simplify = this.getNodeParameter('simplify', i, true) as boolean;
		if (lookup === 'byName') return [await lookupByName.call(this, i, now, simplify)];

		const options = this.getNodeParameter('options', i, {}) as LookupOptions;
		const context: Lookup = { itemIndex: i, now, simplify, includeInfos: options.includeServiceInfos ?? lookup === 'byId' };
		if (lookup === 'byId') {
			const serviceId = parsePositiveId(this.getNode(), i, 'Service', locatorValue(this.getNodeParameter('serviceId', i)));
			return [(await describeService.call(this, context, serviceId)) as IDataObject];
		}
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
		return await listServices.call(this, context, limit, options.expiringWithinDays);
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

/** One service by ID, with its product serviceInfos when asked; undefined when it expires outside `within` days. */
async function describeService(
	this: IExecuteFunctions,
	{ itemIndex, now, simplify, includeInfos }: Lookup,
	serviceId: number,
	within?: number,
): Promise<IDataObject | undefined> {
	const service = await getService.call(this, serviceId, itemIndex);
	if (within !== undefined) {
		const days = daysUntil(service.expirationDate, now);
		if (days === null || days < 0 || days > within) return undefined;
	}
	const target = routeToProduct(service.route);
	let infos: OvhServiceInfos | undefined;
	if (includeInfos && target) infos = await getServiceInfos.call(this, target.product, target.serviceName, itemIndex);
	if (!simplify) return { serviceId, service, serviceInfos: infos ?? null };
	return toServiceItem(now, service, infos, { serviceId, ...target });
}

/** Every service of the account, up to `limit`, optionally only those expiring within `within` days. */
async function listServices(this: IExecuteFunctions, context: Lookup, limit: number, within?: number): Promise<IDataObject[]> {
	const ids = await listServiceIds.call(this, context.itemIndex);
	const found: IDataObject[] = [];
	for (const serviceId of ids) {
		if (found.length >= limit) break;
		const item = await describeService.call(this, context, serviceId, within);
		if (item) found.push(item);
	}
	return found;
}
