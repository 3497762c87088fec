import type { OvhOrder } from './api/orders';

/** Statuses after which a payment has been taken: paying again would pay twice. */
export const PAID_STATUSES = ['checking', 'delivering', 'delivered'];

export function isExpired(order: OvhOrder, nowMs: number): boolean {
	if (!order.expirationDate) return false;
	const time = Date.parse(order.expirationDate);
	return Number.isFinite(time) && time <= nowMs;
}
