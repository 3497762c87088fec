import type { IDataObject } from 'n8n-workflow';

import { batchRead } from '../batch';
import type { BatchResult } from '../batch';
import { callRoute } from '../transport';
import type { OvhContext } from '../transport';
import { ovhRoute } from './catalogue';

/** `GET /service/{serviceId}` (serviceList.Service). */
export interface OvhServiceListEntry extends IDataObject {
	creationDate?: string;
	expirationDate?: string;
	nextBillingDate?: string;
	engagementDate?: string | null;
	plan?: { code?: string; product?: { name?: string } };
	quantity?: number;
	renew?: { dayOfMonth?: number; interval?: string; mode?: string; possibleIntervals?: string[]; possibleModes?: string[] } | null;
	resource?: { displayName?: string; name?: string; state?: string };
	route?: { path?: string; url?: string; vars?: Array<{ key: string; value: string }> } | null;
	state?: string;
}

/** `GET /{product}/{serviceName}/serviceInfos` (services.Service). */
export interface OvhServiceInfos extends IDataObject {
	serviceId?: number;
	status?: string;
	expiration?: string;
	creation?: string;
	engagedUpTo?: string | null;
	renewalType?: string;
	renew?: { automatic?: boolean; deleteAtExpiration?: boolean; forced?: boolean; manualPayment?: boolean; period?: number | null } | null;
	possibleRenewPeriod?: number[] | null;
	canDeleteAtExpiration?: boolean;
	contactAdmin?: string;
	contactBilling?: string;
	contactTech?: string;
	domain?: string;
}

/** `GET /service`: the IDs of every service of the account. */
export async function listServiceIds(this: OvhContext, itemIndex?: number): Promise<number[]> {
	return (await callRoute.call(this, ovhRoute('serviceList'), {
		subject: 'the service list',
		itemIndex,
	})) as number[];
}

/** `GET /service/{serviceId}`. */
export async function getService(this: OvhContext, serviceId: number, itemIndex?: number): Promise<OvhServiceListEntry> {
	return (await callRoute.call(this, ovhRoute('service'), {
		params: { serviceId },
		subject: `service ${serviceId}`,
		itemIndex,
	})) as OvhServiceListEntry;
}

/** `GET /services?resourceName=…`: the IDs of the account's services with that name (a domain, its zone, its hosting…). */
export async function listServiceIdsNamed(this: OvhContext, resourceName: string, itemIndex?: number): Promise<number[]> {
	const ids = (await callRoute.call(this, ovhRoute('servicesByResourceName'), { qs: { resourceName }, itemIndex })) as number[] | null;
	return Array.isArray(ids) ? ids.map(Number) : [];
}

/** `GET /{product}/{serviceName}/serviceInfos`; product is an API path prefix such as `dedicated/server`. */
export async function getServiceInfos(
	this: OvhContext,
	product: string,
	serviceName: string,
	itemIndex?: number,
): Promise<OvhServiceInfos> {
	return (await callRoute.call(this, ovhRoute('serviceInfos'), {
		params: { product: { raw: product }, serviceName },
		subject: `the ${product} service "${serviceName}"`,
		itemIndex,
	})) as OvhServiceInfos;
}

/** `GET /service/{serviceId}` for many services: batch GETs of 50, falling back to single GETs (batch.ts). */
export async function getServices(
	this: OvhContext,
	serviceIds: readonly number[],
	concurrency: number,
	itemIndex?: number,
): Promise<Map<number, BatchResult<OvhServiceListEntry>>> {
	return await batchRead(this, {
		route: ovhRoute('service'),
		keys: serviceIds,
		concurrency,
		itemIndex,
		single: async (serviceId) => await getService.call(this, serviceId, itemIndex),
	});
}

/** `GET /{product}/{serviceName}/serviceInfos` for many services of one product, batched like getServices. */
export async function getServiceInfosMany(
	this: OvhContext,
	product: string,
	serviceNames: readonly string[],
	concurrency: number,
	itemIndex?: number,
): Promise<Map<string, BatchResult<OvhServiceInfos>>> {
	return await batchRead(this, {
		route: ovhRoute('serviceInfos'),
		params: { product: { raw: product } },
		keys: serviceNames,
		concurrency,
		itemIndex,
		single: async (serviceName) => await getServiceInfos.call(this, product, serviceName, itemIndex),
	});
}
