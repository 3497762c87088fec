import type { IDataObject } from 'n8n-workflow';

import type { OvhPrice } from './renew';
import { ovhRequest } from './transport';
import type { OvhContext } from './transport';

/** `billing.Order` / `service.renew.RenewOrder`. */
export interface OvhOrder extends IDataObject {
	orderId: number | null;
	date?: string;
	expirationDate?: string;
	password?: string | null;
	url?: string | null;
	pdfUrl?: string | null;
	priceWithTax?: OvhPrice;
	priceWithoutTax?: OvhPrice;
	tax?: OvhPrice;
	retractionDate?: string | null;
}

export interface OvhOrderDetail extends IDataObject {
	orderDetailId?: number;
	description?: string;
	detailType?: string;
	domain?: string;
	quantity?: number | string;
	totalPrice?: OvhPrice;
}

/** Statuses after which a payment has been taken: paying again would pay twice. */
export const PAID_STATUSES = ['checking', 'delivering', 'delivered'];

export async function getOrder(this: OvhContext, orderId: number, itemIndex?: number): Promise<OvhOrder> {
	return (await ovhRequest.call(this, {
		method: 'GET',
		path: `/me/order/${orderId}`,
		rule: '/me/order/*',
		subject: `order ${orderId}`,
		itemIndex,
	})) as OvhOrder;
}

export async function getOrderStatus(this: OvhContext, orderId: number, itemIndex?: number): Promise<string> {
	return String(
		await ovhRequest.call(this, {
			method: 'GET',
			path: `/me/order/${orderId}/status`,
			rule: '/me/order/*/status',
			subject: `order ${orderId}`,
			itemIndex,
		}),
	);
}

export async function listOrderIdsSince(this: OvhContext, from: Date, itemIndex?: number): Promise<number[]> {
	const ids = (await ovhRequest.call(this, {
		method: 'GET',
		path: '/me/order',
		qs: { 'date.from': from.toISOString() },
		rule: '/me/order',
		itemIndex,
	})) as number[] | null;
	return Array.isArray(ids) ? ids.map(Number) : [];
}

export async function getOrderDetails(this: OvhContext, orderId: number, itemIndex?: number): Promise<OvhOrderDetail[]> {
	const ids = (await ovhRequest.call(this, {
		method: 'GET',
		path: `/me/order/${orderId}/details`,
		rule: '/me/order/*/details',
		subject: `order ${orderId}`,
		itemIndex,
	})) as number[] | null;
	const details: OvhOrderDetail[] = [];
	for (const detailId of Array.isArray(ids) ? ids : []) {
		details.push(
			(await ovhRequest.call(this, {
				method: 'GET',
				path: `/me/order/${orderId}/details/${Number(detailId)}`,
				rule: '/me/order/*/details/*',
				subject: `order ${orderId} detail ${String(detailId)}`,
				itemIndex,
			})) as OvhOrderDetail,
		);
	}
	return details;
}

export function isExpired(order: OvhOrder, nowMs: number): boolean {
	if (!order.expirationDate) return false;
	const time = Date.parse(order.expirationDate);
	return Number.isFinite(time) && time <= nowMs;
}
