import { sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getOrderDetailExtension } from '../shared/api/order-extension';
import { getOrderDetails, getOrderStatus } from '../shared/api/orders';
import { getService } from '../shared/api/services';
import { inputError } from '../shared/errors';
import { itemLabel } from '../shared/validation';
import type { PayOptions } from './input';

/**
 * Wait for Delivery and the proof that the renewal happened: the services' expiration dates read before paying and
 * after delivery, compared with the period (the order line's plan.duration when OVH gives it, else the input's).
 */

/** Polls the order status until delivered or the delivery timeout; returns the last status. A failed read throws. */
export async function waitForDelivery(
	this: IExecuteFunctions,
	orderId: number,
	current: string,
	options: PayOptions,
	itemIndex: number,
): Promise<string> {
	const deadline = Date.now() + (options.deliveryTimeoutSeconds ?? 600) * 1000;
	const interval = Math.max(1, options.pollIntervalSeconds ?? 10) * 1000;
	let status = current;
	while (status !== 'delivered' && Date.now() + interval <= deadline) {
		await sleep(interval);
		status = await getOrderStatus.call(this, orderId, itemIndex);
	}
	return status;
}

export interface ExpirationBaseline {
	/** serviceId → expiration date (YYYY-MM-DD) before paying. */
	before: Map<number, string>;
	/** The renewal period, e.g. P1Y; undefined when neither OVH nor the input gives it. */
	period?: string;
}

/** Before paying: each service's expiration, and the period. A failed service read stops the node (nothing paid yet). */
export async function readBaseline(
	this: IExecuteFunctions,
	i: number,
	orderId: number,
	serviceIds: number[],
	inputDuration: string | undefined,
): Promise<ExpirationBaseline> {
	const before = new Map<number, string>();
	for (const id of serviceIds) {
		const expiration = dateOf((await getService.call(this, id, i)).expirationDate);
		if (!expiration) {
			throw inputError(
				this.getNode(),
				i,
				`Service ${id} has no expiration date at OVH: the renewal cannot be proven (${itemLabel(i)})`,
				'Nothing was charged. Check Services to Check (the services renewed by this order), or remove the option.',
			);
		}
		before.set(id, expiration);
	}
	return { before, period: (await orderPeriod.call(this, i, orderId)) ?? validPeriod(inputDuration) };
}

/** The period of the order's first renewal line (details extension `plan.duration`, BETA), when OVH gives it. */
async function orderPeriod(this: IExecuteFunctions, i: number, orderId: number): Promise<string | undefined> {
	try {
		for (const detail of await getOrderDetails.call(this, orderId, i)) {
			if (detail.orderDetailId === undefined) continue;
			const extension = await getOrderDetailExtension.call(this, orderId, Number(detail.orderDetailId), i);
			const period = validPeriod(extension?.order?.plan?.duration ?? undefined);
			if (period) return period;
		}
	} catch {
		// The details are a convenience here: without them the input's period is used.
	}
	return undefined;
}

/** After delivery: the expirations after, and a warning when one did not move by the period. */
export async function expirationProof(
	this: IExecuteFunctions,
	i: number,
	baseline: ExpirationBaseline,
	delivered: boolean,
	warnings: string[],
): Promise<IDataObject> {
	const ids = [...baseline.before.keys()];
	const after = new Map<number, string>();
	if (delivered) {
		for (const id of ids) {
			try {
				const expiration = dateOf((await getService.call(this, id, i)).expirationDate);
				if (expiration) after.set(id, expiration);
				else warnings.push(`Service ${id}: OVH gives no expiration date after delivery.`);
			} catch (error) {
				warnings.push(`Service ${id}: its expiration could not be read after delivery (${(error as Error).message}).`);
			}
		}
	} else {
		warnings.push('The order was not delivered before the delivery timeout: the services\' expiration was not checked after.');
	}
	for (const [id, before] of baseline.before) {
		const now = after.get(id);
		if (now === undefined) continue;
		const expected = baseline.period ? addPeriod(before, baseline.period) : undefined;
		if (expected && now !== expected) {
			warnings.push(`Service ${id}: the expiration went from ${before} to ${now}, not to ${expected} (${baseline.period} later).`);
		} else if (!expected && !(now > before)) {
			warnings.push(`Service ${id}: the expiration did not move (${before} before, ${now} after).`);
		}
	}
	const pick = (map: Map<number, string>): IDataObject | string | null =>
		ids.length === 1 ? (map.get(ids[0]) ?? null) : Object.fromEntries(ids.map((id) => [String(id), map.get(id) ?? null]));
	return {
		renewalPeriod: baseline.period ?? null,
		expirationBefore: pick(baseline.before),
		expirationAfter: pick(after),
	};
}

const SIMPLE_PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?$/;

function validPeriod(raw: string | undefined): string | undefined {
	const value = raw?.trim().toUpperCase();
	return value && value !== 'P' && SIMPLE_PERIOD.test(value) ? value : undefined;
}

/** YYYY-MM-DD of an OVH date or datetime. */
function dateOf(raw: unknown): string | undefined {
	return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : undefined;
}

/** YYYY-MM-DD + PnYnM, month ends clamped (2030-01-31 + P1M = 2030-02-28), as OVH extends renewals. */
export function addPeriod(date: string, period: string): string | undefined {
	const m = SIMPLE_PERIOD.exec(period);
	if (!m) return undefined;
	const months = Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0);
	const [y, mo, d] = date.split('-').map(Number);
	const total = y * 12 + (mo - 1) + months;
	const year = Math.floor(total / 12);
	const month = total % 12;
	const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}
