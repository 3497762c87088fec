import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getService, getServiceInfos, getServiceInfosMany, getServices, listServiceIds } from '../shared/api/services';
import type { OvhServiceInfos, OvhServiceListEntry } from '../shared/api/services';
import { BATCH_SIZE, valueOf } from '../shared/batch';
import type { BatchResult } from '../shared/batch';
import { processItems } from '../shared/execute';
import { readConcurrency } from '../shared/pool';
import { daysUntil, parseProduct, routeToProduct, toServiceItem } from '../shared/services';
import { locatorValue, parsePositiveId, requireText } from '../shared/validation';

interface LookupOptions {
	expiringWithinDays?: number;
	includeServiceInfos?: boolean;
	readConcurrency?: number;
}

/** What one item's lookup shares: the clock of the run, the output shape, and whether to read serviceInfos. */
interface Lookup {
	itemIndex: number;
	now: number;
	simplify: boolean;
	includeInfos: boolean;
	/** Batch reads in flight at once (Read Concurrency). */
	concurrency: number;
}

/** Get Service Info: one lookup per input item (by name, by ID, or every service of the account). */
export async function getServiceInfo(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const now = Date.now();
	return await processItems(this, async (i) => {
		const lookup = this.getNodeParameter('lookup', i) as string;
		const simplify = this.getNodeParameter('simplify', i, true) as boolean;
		if (lookup === 'byName') return [await lookupByName.call(this, i, now, simplify)];

		const options = this.getNodeParameter('options', i, {}) as LookupOptions;
		const context: Lookup = {
			itemIndex: i,
			now,
			simplify,
			includeInfos: options.includeServiceInfos ?? lookup === 'byId',
			concurrency: readConcurrency(options.readConcurrency),
		};
		if (lookup === 'byId') {
			const serviceId = parsePositiveId(this.getNode(), i, 'Service', locatorValue(this.getNodeParameter('serviceId', i)));
			return [await describeService.call(this, context, serviceId)];
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

/** One service by ID, with its product serviceInfos when asked. */
async function describeService(this: IExecuteFunctions, lookup: Lookup, serviceId: number): Promise<IDataObject> {
	const service = await getService.call(this, serviceId, lookup.itemIndex);
	const target = routeToProduct(service.route);
	let infos: OvhServiceInfos | undefined;
	if (lookup.includeInfos && target) infos = await getServiceInfos.call(this, target.product, target.serviceName, lookup.itemIndex);
	return serviceOutput(lookup, serviceId, service, infos);
}

/** The output item of one service: flat (Simplify) or the raw OVH answers. */
function serviceOutput(lookup: Lookup, serviceId: number, service: OvhServiceListEntry, infos: OvhServiceInfos | undefined): IDataObject {
	if (!lookup.simplify) return { serviceId, service, serviceInfos: infos ?? null };
	return toServiceItem(lookup.now, service, infos, { serviceId, ...routeToProduct(service.route) });
}

/**
 * Every service of the account, up to `limit`, optionally only those expiring within `within` days. Services are read
 * with batch GETs (50 per request, Read Concurrency requests at a time), serviceInfos likewise per product; without a
 * filter, only as many services as the limit needs are read.
 */
async function listServices(this: IExecuteFunctions, lookup: Lookup, limit: number, within?: number): Promise<IDataObject[]> {
	const { itemIndex, now, concurrency } = lookup;
	const ids = await listServiceIds.call(this, itemIndex);
	const found: IDataObject[] = [];
	const wave = BATCH_SIZE * concurrency;
	for (let start = 0; start < ids.length && found.length < limit; start += wave) {
		const slice = ids.slice(start, start + (within === undefined ? Math.min(wave, limit - found.length) : wave));
		const services = await getServices.call(this, slice, concurrency, itemIndex);
		const kept: Array<{ serviceId: number; service: OvhServiceListEntry }> = [];
		for (const serviceId of slice) {
			if (found.length + kept.length >= limit) break;
			const service = valueOf(services.get(serviceId) as BatchResult<OvhServiceListEntry>);
			if (within !== undefined) {
				const days = daysUntil(service.expirationDate, now);
				if (days === null || days < 0 || days > within) continue;
			}
			kept.push({ serviceId, service });
		}
		const infos = lookup.includeInfos ? await readServiceInfos.call(this, lookup, kept.map((k) => k.service)) : new Map<string, BatchResult<OvhServiceInfos>>();
		for (const { serviceId, service } of kept) {
			const target = routeToProduct(service.route);
			const result = target ? infos.get(`${target.product}\n${target.serviceName}`) : undefined;
			found.push(serviceOutput(lookup, serviceId, service, result ? valueOf<OvhServiceInfos>(result) : undefined));
		}
	}
	return found;
}

/** The serviceInfos of these services, batched per product; keyed by `product\nserviceName`. */
async function readServiceInfos(
	this: IExecuteFunctions,
	lookup: Lookup,
	services: OvhServiceListEntry[],
): Promise<Map<string, BatchResult<OvhServiceInfos>>> {
	const byProduct = new Map<string, string[]>();
	for (const service of services) {
		const target = routeToProduct(service.route);
		if (target) byProduct.set(target.product, [...(byProduct.get(target.product) ?? []), target.serviceName]);
	}
	const out = new Map<string, BatchResult<OvhServiceInfos>>();
	for (const [product, names] of byProduct) {
		const read = await getServiceInfosMany.call(this, product, names, lookup.concurrency, lookup.itemIndex);
		for (const [name, result] of read) out.set(`${product}\n${name}`, result);
	}
	return out;
}
