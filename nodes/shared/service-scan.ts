import type { IDataObject } from 'n8n-workflow';

import { getService, getServiceInfos, getServiceInfosMany, getServices, listServiceIds } from './api/services';
import type { OvhServiceInfos, OvhServiceListEntry } from './api/services';
import { BATCH_SIZE, valueOf } from './batch';
import type { BatchResult } from './batch';
import { DEFAULT_READ_CONCURRENCY, readConcurrency } from './pool';
import { daysUntil, routeToProduct, toServiceItem } from './services';
import type { OvhContext } from './transport';

/**
 * Reading services for Get Service Info ("By ID", "All Services") and the Service Expiring Trigger: one
 * `GET /service/{id}`, the expiration window and the caller's filter checked on it, then the product serviceInfos only
 * for the services kept. Listings read services and serviceInfos with batch GETs (batch.ts), a bounded number at a
 * time (pool.ts).
 */

/** Where a service's product serviceInfos live, when its route names a known product. */
export type ServiceTarget = ReturnType<typeof routeToProduct>;

export interface ServiceScan {
	itemIndex?: number;
	/** The clock of the run (ms), for the expiration window and `daysUntilExpiration`. */
	now: number;
	/** One flat item per service (toServiceItem) instead of the raw OVH answers. */
	simplify: boolean;
	/** Also read `GET /{product}/{serviceName}/serviceInfos` of each service kept. */
	includeInfos: boolean;
	/** Only services expiring between today and this many days from now. */
	within?: number;
	/** Keeps a service (checked before its serviceInfos are read, so a filtered-out service costs one request). */
	keep?: (service: OvhServiceListEntry, target: ServiceTarget) => boolean;
	/** Batch reads in flight at once (the Read Concurrency option; default 4, at most 10). */
	concurrency?: number;
}

/** `automatic` or `manual`, from the service list's renew mode (anything but `manual` renews by itself). */
export function serviceRenewMode(service: OvhServiceListEntry): 'automatic' | 'manual' | null {
	const mode = service.renew?.mode;
	if (!mode) return null;
	return mode === 'manual' ? 'manual' : 'automatic';
}

/** Whether the service expires within the scan's window (always, without one). */
function inWindow(scan: ServiceScan, service: OvhServiceListEntry): boolean {
	if (scan.within === undefined) return true;
	const days = daysUntil(service.expirationDate, scan.now);
	return days !== null && days >= 0 && days <= scan.within;
}

/** The output item of one service: flat (simplify) or the raw OVH answers. */
function serviceOutput(scan: ServiceScan, serviceId: number, service: OvhServiceListEntry, infos: OvhServiceInfos | undefined): IDataObject {
	if (!scan.simplify) return { serviceId, service, serviceInfos: infos ?? null };
	return toServiceItem(scan.now, service, infos, { serviceId, ...routeToProduct(service.route) });
}

/** One service by ID, with its product serviceInfos when asked; undefined when outside the window or filtered out. */
export async function describeService(this: OvhContext, scan: ServiceScan, serviceId: number): Promise<IDataObject | undefined> {
	const service = await getService.call(this, serviceId, scan.itemIndex);
	if (!inWindow(scan, service)) return undefined;
	const target = routeToProduct(service.route);
	if (scan.keep && !scan.keep(service, target)) return undefined;
	let infos: OvhServiceInfos | undefined;
	if (scan.includeInfos && target) {
		infos = await getServiceInfos.call(this, target.product, target.serviceName, scan.itemIndex);
	}
	return serviceOutput(scan, serviceId, service, infos);
}

/**
 * Every service of the account (`GET /service`) that `describeService` would keep, up to `limit`, in the account's
 * order. Services are read with batch GETs of 50 (Read Concurrency requests at a time), then the serviceInfos of the
 * services kept, batched per product; without a window or filter, only as many services as the limit needs are read.
 */
export async function listServices(this: OvhContext, scan: ServiceScan, limit = Infinity): Promise<IDataObject[]> {
	const concurrency = readConcurrency(scan.concurrency ?? DEFAULT_READ_CONCURRENCY);
	const filtered = scan.within !== undefined || scan.keep !== undefined;
	const ids = await listServiceIds.call(this, scan.itemIndex);
	const found: IDataObject[] = [];
	const wave = BATCH_SIZE * concurrency;
	for (let start = 0; start < ids.length && found.length < limit; start += wave) {
		const slice = ids.slice(start, start + (filtered ? wave : Math.min(wave, limit - found.length)));
		const services = await getServices.call(this, slice, concurrency, scan.itemIndex);
		const kept: Array<{ serviceId: number; service: OvhServiceListEntry }> = [];
		for (const serviceId of slice) {
			if (found.length + kept.length >= limit) break;
			const service = valueOf(services.get(serviceId) as BatchResult<OvhServiceListEntry>);
			if (!inWindow(scan, service) || (scan.keep && !scan.keep(service, routeToProduct(service.route)))) continue;
			kept.push({ serviceId, service });
		}
		const infos = scan.includeInfos ? await readServiceInfos.call(this, scan, concurrency, kept.map((k) => k.service)) : undefined;
		for (const { serviceId, service } of kept) {
			const target = routeToProduct(service.route);
			const result = target ? infos?.get(`${target.product}\n${target.serviceName}`) : undefined;
			found.push(serviceOutput(scan, serviceId, service, result ? valueOf(result) : undefined));
		}
	}
	return found;
}

/** The serviceInfos of these services, batched per product; keyed by `product\nserviceName`. */
async function readServiceInfos(
	this: OvhContext,
	scan: ServiceScan,
	concurrency: number,
	services: OvhServiceListEntry[],
): Promise<Map<string, BatchResult<OvhServiceInfos>>> {
	const byProduct = new Map<string, string[]>();
	for (const service of services) {
		const target = routeToProduct(service.route);
		if (target) byProduct.set(target.product, [...(byProduct.get(target.product) ?? []), target.serviceName]);
	}
	const out = new Map<string, BatchResult<OvhServiceInfos>>();
	for (const [product, names] of byProduct) {
		const read = await getServiceInfosMany.call(this, product, names, concurrency, scan.itemIndex);
		for (const [name, result] of read) out.set(`${product}\n${name}`, result);
	}
	return out;
}
