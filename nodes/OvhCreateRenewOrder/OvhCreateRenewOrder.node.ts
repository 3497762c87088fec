import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { credentialsDescription, serviceIdLocator } from '../shared/descriptions';
import { asNodeError, inputError, withNote } from '../shared/errors';
import { processCheckedItems } from '../shared/execute';
import { searchServices } from '../shared/methods';
import { PAID_STATUSES } from '../shared/orders';
import type { OvhOrder } from '../shared/orders';
import { describeOffers, flattenStrategies, getRenewDescriptions, priceText, sameIds } from '../shared/renew';
import type { OvhPrice, StrategyItem } from '../shared/renew';
import { RecentRenewOrders } from '../shared/recent-orders';
import { ovhRequest, outcomeUnknown } from '../shared/transport';
import { itemLabel, locatorValue, parseDuration, parseIdList, parsePositiveId } from '../shared/validation';

export class OvhCreateRenewOrder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVH Create Renew Order',
		name: 'ovhCreateRenewOrder',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ($parameter["dryRun"] ? "Dry run " : "Order ") + $parameter["duration"] }}',
		description:
			'Create the OVH order that renews a service for a period (POST /service/{serviceId}/renew). The order is not paid: pass its orderId to Pay Order. With Dry Run on, only the price is returned and nothing is created. It checks the period and services against what OVH offers and reuses an order already created for the same services in the last day instead of creating a second one.',
		defaults: { name: 'OVH Create Renew Order' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [
			serviceIdLocator(),
			{
				displayName: 'Duration Name or ID',
				name: 'duration',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getRenewPeriods', loadOptionsDependsOn: ['serviceId.value'] },
				default: '',
				required: true,
				description:
					'The renew period as an ISO-8601 duration (P1M, P3M, P1Y…). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Services',
				name: 'services',
				type: 'string',
				default: '',
				placeholder: 'e.g. 67890, 12345',
				description:
					'The service IDs renewed together, as offered by List Renew Strategies (its "services" field). Leave empty to renew this service alone.',
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description:
					'Whether to only ask OVH for the price. A dry run creates no order and returns no order ID, so it cannot be paid.',
			},
			{
				displayName: 'Verify Strategy',
				name: 'verifyStrategy',
				type: 'boolean',
				default: true,
				description:
					'Whether to check the duration and services against GET /service/{serviceId}/renew before ordering, and refuse with the list of offers when OVH does not offer them',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Reuse Recent Order',
						name: 'reuseRecentOrder',
						type: 'boolean',
						default: true,
						description:
							'Whether to look for an order created in the last hours for the same services first: an unpaid one is returned instead of creating another, a paid one is reported as already ordered. Keeps a re-run from ordering (and paying) twice.',
					},
					{
						displayName: 'Recent Order Window (Hours)',
						name: 'recentOrderWindowHours',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 720 },
						default: 24,
						description: 'How far back Reuse Recent Order looks (OVH orders stay payable for one day)',
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchServices },
		loadOptions: {
			async getRenewPeriods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
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
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const recentOrders = new RecentRenewOrders(this);
		// Every item's input is checked before any request for any item.
		const check = (i: number) => {
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
			const options = this.getNodeParameter('options', i, {}) as {
				reuseRecentOrder?: boolean;
				recentOrderWindowHours?: number;
			};
			return { serviceId, duration, services, dryRun, verifyStrategy, options };
		};
		const results = await processCheckedItems(this, check, async (i, input) => {
			const { serviceId, duration, services, dryRun, verifyStrategy, options } = input;
			const summary: IDataObject = { serviceId, duration, services, dryRun };

			if (verifyStrategy) {
				const offered = flattenStrategies(serviceId, await getRenewDescriptions.call(this, serviceId, true, i));
				const match = offered.find((s) => s.renewPeriod.toUpperCase() === duration && sameIds(s.services, services));
				if (!match) {
					throw inputError(
						node,
						i,
						`OVH does not offer to renew services [${services.join(', ')}] for ${duration} (${itemLabel(i)})`,
						`OVH offers: ${describeOffers(offered)}. Set Duration and Services to one of these (List Renew Strategies outputs them), or turn off Verify Strategy.`,
					);
				}
				summary.expectedPrice = match.price;
			}

			const reuse = !dryRun && (options.reuseRecentOrder ?? true);
			if (reuse) {
				const windowHours = options.recentOrderWindowHours ?? 24;
				const expected = (summary.expectedPrice as OvhPrice | undefined)?.value;
				const existing = await recentOrders.find(services, windowHours, i, expected);
				if (existing) {
					return [
						{
							...existing.order,
							...summary,
							reused: true,
							status: existing.status,
							alreadyPaid: PAID_STATUSES.includes(existing.status),
						},
					];
				}
			}

			let order: OvhOrder;
			try {
				order = (await ovhRequest.call(this, {
					method: 'POST',
					path: `/service/${serviceId}/renew`,
					body: { dryRun, duration, services },
					rule: '/service/*/renew',
					subject: `service ${serviceId}`,
					itemIndex: i,
				})) as OvhOrder;
			} catch (error) {
				if (dryRun || !outcomeUnknown(error)) throw asNodeError(node, error);
				throw withNote(
					error,
					'OVH may or may not have created the order: the request was not re-sent. Run the workflow again: with Reuse Recent Order on, an order created by this attempt is found and reused instead of creating a second one.',
				);
			}
			if (reuse && order.orderId) recentOrders.remember(Number(order.orderId), await recentOrders.namesOf(services, i));
			return [{ ...order, ...summary, reused: false, status: dryRun ? null : 'notPaid', alreadyPaid: false }];
		});
		return [results];
	}
}
