import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import type { OvhOrder } from '../shared/api/orders';
import { createRenewOrder as postRenewOrder, getRenewDescriptions } from '../shared/api/renew';
import type { OvhPrice } from '../shared/api/renew';
import { asNodeError, inputError, withNote } from '../shared/errors';
import { processCheckedItems } from '../shared/execute';
import { offeredInExecution } from '../shared/execution-offers';
import { PAID_STATUSES } from '../shared/orders';
import { PaymentPreflight } from '../shared/preflight';
import { RecentRenewOrders } from '../shared/recent-orders';
import type { Lookup, RenewalRequest, SameRenewal } from '../shared/recent-orders';
import { describeOffers, flattenStrategies, priceText, sameIds } from '../shared/renew';
import type { StrategyItem } from '../shared/renew';
import { NO_ORDER_SENT_NOTE, nothingSent, outcomeUnknown } from '../shared/call-outcome';
import { itemLabel, locatorValue, parseDuration, parseIdList, parsePositiveId } from '../shared/validation';

interface OrderInput {
	serviceId: number;
	duration: string;
	services: number[];
	dryRun: boolean;
	verifyStrategy: boolean;
	options: { reuseRecentOrder?: boolean; recentOrderWindowHours?: number; checkPermissionToPay?: boolean };
}

/** Create Renew Order: every item's input is checked before any request for any item, then one order per item. */
export async function createRenewOrder(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const recentOrders = new RecentRenewOrders(this);
	const preflight = new PaymentPreflight(this);
	// The services of every item that checks for a recent order, read in one batch before the first item needs them.
	const reuseServices: number[] = [];
	let prefetched = false;
	const check = (i: number): OrderInput => {
		const input = readOrderInput.call(this, i);
		if (!input.dryRun && (input.options.reuseRecentOrder ?? true)) reuseServices.push(...input.services);
		return input;
	};
	return await processCheckedItems(this, check, async (i, input) => {
		const { serviceId, duration, services, dryRun, options } = input;
		if (!dryRun && (options.checkPermissionToPay ?? true)) await preflight.ensure(i, serviceId);
		if (!prefetched && reuseServices.length > 0) {
			prefetched = true;
			await recentOrders.prefetch(reuseServices, i);
		}
		const summary: IDataObject = { serviceId, duration, services, dryRun };
		// An offer read earlier in this execution is not read again (execution-offers.ts says why that is safe).
		if (input.verifyStrategy) summary.expectedPrice = (offeredInExecution(this, input) ?? (await offeredStrategy.call(this, i, input))).price;
		if (dryRun) {
			const quote = await placeOrder.call(this, i, input, false);
			return [{ ...quote, ...summary, reused: false, status: null, alreadyPaid: false }];
		}

		const reuse = options.reuseRecentOrder ?? true;
		const request: RenewalRequest = {
			services,
			duration,
			windowHours: options.recentOrderWindowHours ?? 24,
			expectedPriceWithoutTax: (summary.expectedPrice as OvhPrice | undefined)?.value,
			itemIndex: i,
		};
		if (reuse) {
			const existing = await recentOrders.find(request);
			if (existing.found) return [reusedOrder(existing, summary)];
		}

		let order: OvhOrder;
		try {
			order = await placeOrder.call(this, i, input, reuse);
		} catch (error) {
			// The answer was lost: if OVH did create the order, it may already be listed. It is never re-sent.
			if (!reuse || !outcomeUnknown(error)) throw asNodeError(this.getNode(), error, i);
			const recovered = await recentOrders.converge(request).catch(() => undefined);
			if (!recovered?.found) throw asNodeError(this.getNode(), error, i);
			return [{ ...reusedOrder(recovered, summary), recoveredAfterUncertainResponse: true }];
		}
		const created = { ...order, ...summary, reused: false, status: 'notPaid', alreadyPaid: false };
		if (!reuse || !order.orderId) return [created];

		// Converge with identical executions running at the same time: all of them keep the lowest same order.
		await recentOrders.remember(Number(order.orderId), order, request);
		let converged: Lookup;
		try {
			converged = await recentOrders.converge(request);
		} catch (error) {
			const reason = (error as Error).message;
			return [{ ...created, warning: `Order ${order.orderId} was created, but the check for identical orders made at the same time failed (${reason}). Check the OVH control panel before paying twice for these services.` }];
		}
		if (converged.found && converged.found.orderId !== Number(order.orderId)) {
			return [{ ...reusedOrder(converged, summary), supersededOrderId: Number(order.orderId) }];
		}
		return [sharedNameNote(created, converged.sharedNames)];
	});
}

/** The output for an order found already made for the same renewal: its own period and price, and how it was proven. */
function reusedOrder(lookup: Lookup, summary: IDataObject): IDataObject {
	const { order, status, proof, orderDuration } = lookup.found as SameRenewal;
	return sharedNameNote(
		{ ...order, ...summary, orderDuration, reused: true, matchedBy: proof, status, alreadyPaid: PAID_STATUSES.includes(status) },
		lookup.sharedNames,
	);
}

function sharedNameNote(output: IDataObject, sharedNames: string[]): IDataObject {
	if (sharedNames.length === 0) return output;
	return {
		...output,
		sharedNames,
		sharedNameNote: `${sharedNames.join(', ')} is also the name of another service of this account (e.g. a domain, its DNS zone and its hosting): orders were told apart by their plan code.`,
	};
}

/** The item's parameters, checked; sends no request. */
function readOrderInput(this: IExecuteFunctions, i: number): OrderInput {
	const node = this.getNode();
	const serviceId = parsePositiveId(node, i, 'Service', locatorValue(this.getNodeParameter('serviceId', i)));
	const duration = parseDuration(node, i, 'Duration', this.getNodeParameter('duration', i));
	let services = parseIdList(node, i, 'Services', this.getNodeParameter('services', i, ''));
	if (services.length === 0) services = [serviceId];
	if (!services.includes(serviceId)) {
		throw inputError(
			node,
			i,
			`Services must include the service being renewed, ${serviceId} (${itemLabel(i)}); got [${services.join(', ')}]`,
			`Add ${serviceId} to Services, or leave Services empty to renew service ${serviceId} alone.`,
		);
	}
	const dryRun = this.getNodeParameter('dryRun', i, false) as boolean;
	const verifyStrategy = this.getNodeParameter('verifyStrategy', i, true) as boolean;
	const options = this.getNodeParameter('options', i, {}) as OrderInput['options'];
	return { serviceId, duration, services, dryRun, verifyStrategy, options };
}

/** The strategy OVH offers for this duration and these services; refuses with the list of offers otherwise. */
async function offeredStrategy(this: IExecuteFunctions, i: number, input: OrderInput): Promise<StrategyItem> {
	const { serviceId, duration, services } = input;
	const offered = flattenStrategies(serviceId, await getRenewDescriptions.call(this, serviceId, true, i));
	const match = offered.find((s) => s.renewPeriod.toUpperCase() === duration && sameIds(s.services, services));
	if (!match) {
		throw inputError(
			this.getNode(),
			i,
			`OVH does not offer to renew services [${services.join(', ')}] for ${duration} (${itemLabel(i)})`,
			`OVH offers: ${describeOffers(offered)}. Set Duration and Services to one of these (List Renew Strategies outputs them), or turn off Verify Strategy.`,
		);
	}
	return match;
}

/** Creates the order, once: when the answer is lost, the error says so and the request is not re-sent. */
async function placeOrder(this: IExecuteFunctions, i: number, input: OrderInput, reuse: boolean): Promise<OvhOrder> {
	const { serviceId, duration, services, dryRun } = input;
	try {
		return await postRenewOrder.call(this, serviceId, { dryRun, duration, services }, i);
	} catch (error) {
		if (nothingSent(error)) {
			throw withNote(error, NO_ORDER_SENT_NOTE);
		}
		if (dryRun || !outcomeUnknown(error)) throw asNodeError(this.getNode(), error);
		throw withNote(
			error,
			reuse
				? 'The outcome is unknown. OVH may or may not have created the order: the request was not re-sent, and no order for these services is listed yet. Run the workflow again later: Reuse Recent Order then finds the order if this attempt created one, instead of creating a second.'
				: 'The outcome is unknown. OVH may or may not have created the order: the request was not re-sent. Reuse Recent Order is off, so running again could create a second order: check the orders in the OVH control panel first.',
		);
	}
}

/** loadOptions: the renew periods OVH offers for the selected service, with their strategies and prices. */
export async function getRenewPeriods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const raw = locatorValue(this.getNodeParameter('serviceId', undefined, { extractValue: true }));
	const serviceId = Number(String(raw ?? '').trim());
	if (!Number.isInteger(serviceId) || serviceId <= 0) return [];
	const strategies = flattenStrategies(serviceId, await getRenewDescriptions.call(this, serviceId, false));
	const periods = new Map<string, StrategyItem[]>();
	for (const s of strategies) periods.set(s.renewPeriod, [...(periods.get(s.renewPeriod) ?? []), s]);
	return [...periods.entries()].map(([period, list]) => ({
		name: period,
		value: period,
		description: list.map((s) => `[${s.services.join(', ')}] ${priceText(s.price)}`).join(' · '),
	}));
}
