import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import type { OvhOrder } from '../shared/api/orders';
import { createRenewOrder as postRenewOrder, getRenewDescriptions } from '../shared/api/renew';
import type { OvhPrice } from '../shared/api/renew';
import { asNodeError, inputError, withNote } from '../shared/errors';
import { processCheckedItems } from '../shared/execute';
import { PAID_STATUSES } from '../shared/orders';
import { RecentRenewOrders } from '../shared/recent-orders';
import { describeOffers, flattenStrategies, priceText, sameIds } from '../shared/renew';
import type { StrategyItem } from '../shared/renew';
import { outcomeUnknown } from '../shared/transport';
import { itemLabel, locatorValue, parseDuration, parseIdList, parsePositiveId } from '../shared/validation';

interface OrderInput {
	serviceId: number;
	duration: string;
	services: number[];
	dryRun: boolean;
	verifyStrategy: boolean;
	options: { reuseRecentOrder?: boolean; recentOrderWindowHours?: number };
}

/** Create Renew Order: every item's input is checked before any request for any item, then one order per item. */
export async function createRenewOrder(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const recentOrders = new RecentRenewOrders(this);
	return await processCheckedItems(this, (i) => readOrderInput.call(this, i), async (i, input) => {
		const { serviceId, duration, services, dryRun, options } = input;
		const summary: IDataObject = { serviceId, duration, services, dryRun };
		if (input.verifyStrategy) summary.expectedPrice = (await offeredStrategy.call(this, i, input)).price;

		const reuse = !dryRun && (options.reuseRecentOrder ?? true);
		if (reuse) {
			const windowHours = options.recentOrderWindowHours ?? 24;
			const expected = (summary.expectedPrice as OvhPrice | undefined)?.value;
			const existing = await recentOrders.find(services, windowHours, i, expected);
			if (existing) {
				const { order, status } = existing;
				return [{ ...order, ...summary, reused: true, status, alreadyPaid: PAID_STATUSES.includes(status) }];
			}
		}

		const order = await placeOrder.call(this, i, input);
		if (reuse && order.orderId) recentOrders.remember(Number(order.orderId), await recentOrders.namesOf(services, i));
		return [{ ...order, ...summary, reused: false, status: dryRun ? null : 'notPaid', alreadyPaid: false }];
	});
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
async function placeOrder(this: IExecuteFunctions, i: number, input: OrderInput): Promise<OvhOrder> {
	const { serviceId, duration, services, dryRun } = input;
	try {
		return await postRenewOrder.call(this, serviceId, { dryRun, duration, services }, i);
	} catch (error) {
		if (dryRun || !outcomeUnknown(error)) throw asNodeError(this.getNode(), error);
		throw withNote(
			error,
			'OVH may or may not have created the order: the request was not re-sent. Run the workflow again: with Reuse Recent Order on, an order created by this attempt is found and reused instead of creating a second one.',
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
