import type { IDataObject } from 'n8n-workflow';

import { callRoute } from '../transport';
import type { OvhContext } from '../transport';
import { ovhRoute } from './catalogue';
import type { OvhOrder } from './orders';

/** OVH's `order.Price`. */
export interface OvhPrice extends IDataObject {
	value: number;
	currencyCode?: string;
	text?: string;
	priceInUcents?: number;
}

export interface OvhRenewStrategy extends IDataObject {
	price: OvhPrice;
	priceInUcents?: number;
	services: number[];
	servicesDetails?: Array<{ serviceId: number; serviceName?: string; serviceType?: string }>;
}

export interface OvhRenewDescription extends IDataObject {
	renewPeriod: string;
	strategies: OvhRenewStrategy[];
}

/** `GET /service/{serviceId}/renew`: the renew periods OVH offers, with their strategies. */
export async function getRenewDescriptions(
	this: OvhContext,
	serviceId: number,
	includeOptions: boolean,
	itemIndex?: number,
): Promise<OvhRenewDescription[]> {
	const result = (await callRoute.call(this, ovhRoute('renewDescriptions'), {
		params: { serviceId },
		qs: { includeOptions },
		subject: `service ${serviceId}`,
		itemIndex,
	})) as OvhRenewDescription[] | null;
	return Array.isArray(result) ? result : [];
}

/** `POST /service/{serviceId}/renew` (service.renew.RenewOrder): sent once, never re-sent. */
export async function createRenewOrder(
	this: OvhContext,
	serviceId: number,
	order: { dryRun: boolean; duration: string; services: number[] },
	itemIndex?: number,
): Promise<OvhOrder> {
	return (await callRoute.call(this, ovhRoute('renewOrderCreate'), {
		params: { serviceId },
		body: { dryRun: order.dryRun, duration: order.duration, services: order.services },
		subject: `service ${serviceId}`,
		itemIndex,
	})) as OvhOrder;
}
