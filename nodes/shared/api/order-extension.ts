import type { IDataObject } from 'n8n-workflow';

import { answeredUnavailable } from '../call-outcome';
import { asNodeError } from '../errors';
import { callRoute } from '../transport';
import type { OvhContext } from '../transport';
import { ovhRoute } from './catalogue';

/** `billing.ItemDetail` (BETA): what an order line is, e.g. the plan and period of a renewal. */
export interface OvhOrderItemDetail extends IDataObject {
	order?: {
		action?: string | null;
		type?: string | null;
		plan?: { code?: string | null; duration?: string | null; pricingMode?: string | null; quantity?: number | null } | null;
	} | null;
}

/**
 * `GET /me/order/{orderId}/details/{orderDetailId}/extension` (BETA), or null when OVH answers 400/404 (not served
 * for this line).
 */
export async function getOrderDetailExtension(
	this: OvhContext,
	orderId: number,
	orderDetailId: number,
	itemIndex?: number,
): Promise<OvhOrderItemDetail | null> {
	try {
		return (await callRoute.call(this, ovhRoute('orderDetailExtension'), {
			params: { orderId, orderDetailId },
			subject: `order ${orderId} detail ${orderDetailId}`,
			itemIndex,
		})) as OvhOrderItemDetail;
	} catch (error) {
		if (answeredUnavailable(error)) return null;
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
