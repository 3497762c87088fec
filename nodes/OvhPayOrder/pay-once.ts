import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getOrderStatus } from '../shared/api/orders';
import { getOrderPayment } from '../shared/api/payments';
import { nothingSent, outcomeUnknown, ovhInfoOf } from '../shared/call-outcome';
import { asNodeError, withNote } from '../shared/errors';
import { PAID_STATUSES } from '../shared/orders';
import { itemLabel } from '../shared/validation';
import type { PreparedPayment } from './payment';

/**
 * After a lost payment answer: the waits before each read-back of the order (status, then its payment record).
 * 5 reads over 10 s; OVH's status may lag a payment (terraform-provider-ovh polls for that reason).
 */
export const PAYMENT_CONFIRM_DELAYS_MS: readonly number[] = [0, 1000, 2000, 3000, 4000];

/** How the payment ended: sent and answered, confirmed by reading back after a lost answer, or taken by another run. */
export type PayOutcome = 'paid' | 'confirmedAfterUncertainResponse' | 'alreadyPaid';

/** Whether the order shows a payment: a paid status, or (the status may lag) a payment record. */
export async function orderShowsPayment(this: IExecuteFunctions, orderId: number, i: number): Promise<{ paid: boolean; status: string }> {
	const status = await getOrderStatus.call(this, orderId, i);
	if (PAID_STATUSES.includes(status)) return { paid: true, status };
	return { paid: (await getOrderPayment.call(this, orderId, i)) !== null, status };
}

/**
 * Sends the payment exactly once; never re-sent, whatever happens.
 * - answered: `paid`;
 * - refused (4xx): paid by someone else meanwhile (a concurrent run) → `alreadyPaid`, else OVH's error;
 * - answer lost (timeout, dropped after sending, 408, 5xx): bounded read-backs; paid → confirmed, else a
 *   "not paid yet — check before running again" error naming the order and the failed call's query ID.
 */
export async function payOnce(
	this: IExecuteFunctions,
	i: number,
	orderId: number,
	payment: PreparedPayment,
): Promise<{ outcome: PayOutcome; status?: string }> {
	try {
		await payment.pay();
		return { outcome: 'paid' };
	} catch (error) {
		if (!outcomeUnknown(error)) {
			const status = await paidStatus.call(this, orderId, i);
			if (status !== undefined) return { outcome: 'alreadyPaid', status };
			const why = nothingSent(error) ? 'nothing reached OVH' : 'OVH refused the payment (its answer is above)';
			throw asNodeError(this.getNode(), withNote(error, `Order ${orderId} was not paid: ${why}. Nothing was charged.`), i);
		}
		for (const delay of PAYMENT_CONFIRM_DELAYS_MS) {
			if (delay > 0) await sleep(delay);
			if ((await paidStatus.call(this, orderId, i)) !== undefined) return { outcome: 'confirmedAfterUncertainResponse' };
		}
		throw notPaidYet(this, i, orderId, error);
	}
}

/** One read-back: the status when the order shows a payment, else undefined (a failed read never means "not paid"). */
async function paidStatus(this: IExecuteFunctions, orderId: number, i: number): Promise<string | undefined> {
	try {
		const shown = await orderShowsPayment.call(this, orderId, i);
		return shown.paid ? shown.status : undefined;
	} catch {
		return undefined;
	}
}

function notPaidYet(context: IExecuteFunctions, i: number, orderId: number, cause: unknown): NodeOperationError {
	const info = ovhInfoOf(cause);
	const answer = info.status ? `HTTP ${info.status}` : (info.networkCode ?? 'no answer');
	const queryId = info.queryId ? `X-Ovh-QueryID ${info.queryId}` : 'no X-Ovh-QueryID (no answer reached n8n)';
	const seconds = PAYMENT_CONFIRM_DELAYS_MS.reduce((a, b) => a + b, 0) / 1000;
	const failure = new NodeOperationError(
		context.getNode(),
		`Order ${orderId} is not paid yet — check order ${orderId} in the OVH control panel before running again (${itemLabel(i)})`,
		{
			itemIndex: i,
			description:
				`The answer to the payment of order ${orderId} was lost (${answer}; ${queryId}). After ${PAYMENT_CONFIRM_DELAYS_MS.length} reads over ${seconds} s, ` +
				`OVH does not show the order as paid yet, but its status can lag a payment: the payment may still have been taken. ` +
				`It was NOT re-sent. Check order ${orderId} in the OVH control panel (or its status) before running this again; a new run checks the status and the payment record before paying.`,
		},
	);
	failure.context.ovh = { ...info } as unknown as IDataObject;
	return failure;
}

/** After a payment was taken, a failed read must not hide it: its failure becomes a warning text. */
export async function readAfterPayment<T>(
	warnings: string[],
	what: string,
	read: () => Promise<T>,
): Promise<T | undefined> {
	try {
		return await read();
	} catch (error) {
		const info = ovhInfoOf(error);
		const facts = [info.status ? `HTTP ${info.status}` : info.networkCode, info.queryId ? `X-Ovh-QueryID ${info.queryId}` : undefined]
			.filter(Boolean)
			.join(', ');
		warnings.push(`The payment was taken, but ${what} failed: ${info.message || String(error)}${facts ? ` (${facts})` : ''}.`);
		return undefined;
	}
}
