import type { IDataObject } from 'n8n-workflow';

import { getService, getServiceInfos, listServiceIds } from './api/services';
import type { OvhServiceInfos, OvhServiceListEntry } from './api/services';
import { daysUntil, routeToProduct, toServiceItem } from './services';
import type { OvhContext } from './transport';

/**
 * Reading services for Get Service Info ("By ID", "All Services") and the Service Expiring Trigger: one
 * `GET /service/{id}`, the expiration window and the caller's filter checked on it, then the product serviceInfos only
 * for the services kept.
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
}

/** `automatic` or `manual`, from the service list's renew mode (anything but `manual` renews by itself). */
export function serviceRenewMode(service: OvhServiceListEntry): 'automatic' | 'manual' | null {
	const mode = service.renew?.mode;
	if (!mode) return null;
	return mode === 'manual' ? 'manual' : 'automatic';
}

/** One service by ID, with its product serviceInfos when asked; undefined when outside the window or filtered out. */
export async function describeService(this: OvhContext, scan: ServiceScan, serviceId: number): Promise<IDataObject | undefined> {
	const service = await getService.call(this, serviceId, scan.itemIndex);
	if (scan.within !== undefined) {
		const days = daysUntil(service.expirationDate, scan.now);
		if (days === null || days < 0 || days > scan.within) return undefined;
	}
	const target = routeToProduct(service.route);
	if (scan.keep && !scan.keep(service, target)) return undefined;
	let infos: OvhServiceInfos | undefined;
	if (scan.includeInfos && target) {
		infos = await getServiceInfos.call(this, target.product, target.serviceName, scan.itemIndex);
	}
	if (!scan.simplify) return { serviceId, service, serviceInfos: infos ?? null };
	return toServiceItem(scan.now, service, infos, { serviceId, ...target });
}

/** Every service of the account (`GET /service`) that `describeService` keeps, up to `limit`. */
export async function listServices(this: OvhContext, scan: ServiceScan, limit = Infinity): Promise<IDataObject[]> {
	const ids = await listServiceIds.call(this, scan.itemIndex);
	const found: IDataObject[] = [];
	for (const serviceId of ids) {
		if (found.length >= limit) break;
		const item = await describeService.call(this, scan, serviceId);
		if (item) found.push(item);
	}
	return found;
}
