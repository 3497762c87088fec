import type { IDataObject } from 'n8n-workflow';

import { batchRead } from '../batch';
import type { BatchResult } from '../batch';
import { callRoute } from '../transport';
import type { OvhContext } from '../transport';
import { ovhRoute } from './catalogue';
import type { OvhPrice } from './renew';

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

/** `GET /me/order/{orderId}`. */
export async function getOrder(this: OvhContext, orderId: number, itemIndex?: number): Promise<OvhOrder> {
	return (await callRoute.call(this, ovhRoute('order'), {
		params: { orderId },
		subject: `order ${orderId}`,
		itemIndex,
	})) as OvhOrder;
}

/** `GET /me/order/{orderId}/status`. */
export async function getOrderStatus(this: OvhContext, orderId: number, itemIndex?: number): Promise<string> {
	return String(
		await callRoute.call(this, ovhRoute('orderStatus'), { params: { orderId }, subject: `order ${orderId}`, itemIndex }),
	);
}

/** `GET /me/order/{orderId}` for many orders: batch GETs of 50, falling back to single GETs (batch.ts). */
export async function getOrders(
	this: OvhContext,
	orderIds: readonly number[],
	concurrency: number,
	itemIndex?: number,
): Promise<Map<number, BatchResult<OvhOrder>>> {
	return await batchRead(this, {
		route: ovhRoute('order'),
		keys: orderIds,
		concurrency,
		itemIndex,
		single: async (orderId) => await getOrder.call(this, orderId, itemIndex),
	});
}

/** `GET /me/order/{orderId}/status` for many orders, batched like getOrders. */
export async function getOrderStatuses(
	this: OvhContext,
	orderIds: readonly number[],
	concurrency: number,
	itemIndex?: number,
): Promise<Map<number, BatchResult<string>>> {
	const statuses = await batchRead(this, {
		route: ovhRoute('orderStatus'),
		keys: orderIds,
		concurrency,
		itemIndex,
		single: async (orderId) => await getOrderStatus.call(this, orderId, itemIndex),
	});
	for (const [id, result] of statuses) if (result.ok) statuses.set(id, { ok: true, value: String(result.value) });
	return statuses;
}

/** `GET /me/order?date.from=…`: the IDs of the orders created since `from`. */
export async function listOrderIdsSince(this: OvhContext, from: Date, itemIndex?: number): Promise<number[]> {
	const ids = (await callRoute.call(this, ovhRoute('orderList'), {
		qs: { 'date.from': from.toISOString() },
		itemIndex,
	})) as number[] | null;
	return Array.isArray(ids) ? ids.map(Number) : [];
}

/** `GET /me/order/{orderId}/details`, then `GET /me/order/{orderId}/details/{orderDetailId}` for each. */
export async function getOrderDetails(this: OvhContext, orderId: number, itemIndex?: number): Promise<OvhOrderDetail[]> {
	const ids = (await callRoute.call(this, ovhRoute('orderDetailList'), {
		params: { orderId },
		subject: `order ${orderId}`,
		itemIndex,
	})) as number[] | null;
	const details: OvhOrderDetail[] = [];
	for (const detailId of Array.isArray(ids) ? ids : []) {
		const detail = (await callRoute.call(this, ovhRoute('orderDetail'), {
			params: { orderId, orderDetailId: Number(detailId) },
			subject: `order ${orderId} detail ${String(detailId)}`,
			itemIndex,
		})) as OvhOrderDetail;
		details.push({ orderDetailId: Number(detailId), ...detail });
	}
	return details;
}

