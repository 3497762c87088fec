import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { credentialsDescription, serviceIdLocator } from '../shared/descriptions';
import { inputError } from '../shared/errors';
import { processItems } from '../shared/execute';
import { searchServices } from '../shared/methods';
import { describeOffers, flattenStrategies, getRenewDescriptions, matchesFilters } from '../shared/renew';
import type { StrategyFilters } from '../shared/renew';
import { itemLabel, locatorValue, optionalAmount, parseDuration, parsePositiveId } from '../shared/validation';

export class OvhListRenewStrategies implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVH List Renew Strategies',
		name: 'ovhListRenewStrategies',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["filters"]["renewPeriod"] ? "Period " + $parameter["filters"]["renewPeriod"] : "All periods" }}',
		description:
			'List the ways OVH offers to renew a service: each renew period (P1M, P3M, P1Y…) with the services renewed together and the price without tax. Use it after Get Service Info and before Create Renew Order, with filters to keep the strategy to order. Read-only: it orders nothing.',
		defaults: { name: 'OVH List Renew Strategies' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [
			serviceIdLocator(),
			{
				displayName: 'Include Options',
				name: 'includeOptions',
				type: 'boolean',
				default: false,
				description: 'Whether to include the service options (e.g. backups or extra IPs) in the strategies',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				default: 'strategies',
				options: [
					{
						name: 'One Item per Strategy',
						value: 'strategies',
						description: 'Flat items with serviceId, renewPeriod, services, price and onlyThisService',
					},
					{
						name: 'Raw OVH Response',
						value: 'raw',
						description: "One item per renew period, as OVH's RenewDescription (filters do not apply)",
					},
				],
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add filter',
				default: {},
				displayOptions: { show: { output: ['strategies'] } },
				options: [
					{
						displayName: 'Max Price',
						name: 'maxPrice',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 100,
						description: 'Only keep strategies whose price without tax is at most this amount (in the account currency)',
					},
					{
						displayName: 'Only This Service',
						name: 'onlyThisService',
						type: 'boolean',
						default: true,
						description: 'Whether to keep only the strategies that renew this service alone, not bundled with others',
					},
					{
						displayName: 'Renew Period',
						name: 'renewPeriod',
						type: 'string',
						default: 'P1Y',
						placeholder: 'e.g. P1Y',
						description: 'Only keep strategies of this ISO-8601 period: P1M, P3M, P6M, P1Y, P2Y…',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				displayOptions: { show: { output: ['strategies'] } },
				options: [
					{
						displayName: 'Return Nothing When No Strategy Matches',
						name: 'emptyOnNoMatch',
						type: 'boolean',
						default: false,
						description:
							'Whether to return no items when the filters match nothing, instead of stopping with the list of what OVH offers',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchServices } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const results = await processItems(this, async (i) => {
			const serviceId = parsePositiveId(node, i, 'Service', locatorValue(this.getNodeParameter('serviceId', i)));
			const includeOptions = this.getNodeParameter('includeOptions', i, false) as boolean;
			const output = this.getNodeParameter('output', i, 'strategies') as string;
			const rawFilters = this.getNodeParameter('filters', i, {}) as IDataObject;
			const options = this.getNodeParameter('options', i, {}) as { emptyOnNoMatch?: boolean };
			const filters: StrategyFilters = {
				renewPeriod:
					rawFilters.renewPeriod === undefined ? undefined : parseDuration(node, i, 'Renew Period filter', rawFilters.renewPeriod),
				onlyThisService: rawFilters.onlyThisService === true,
				maxPrice: optionalAmount(node, i, 'Max Price filter', rawFilters.maxPrice),
			};

			const descriptions = await getRenewDescriptions.call(this, serviceId, includeOptions, i);
			if (output === 'raw') return descriptions.map((d) => ({ serviceId, ...d }));

			const all = flattenStrategies(serviceId, descriptions);
			const kept = all.filter((s) => matchesFilters(s, filters));
			if (kept.length === 0 && !options.emptyOnNoMatch) {
				const asked = [
					filters.renewPeriod && `period ${filters.renewPeriod}`,
					filters.onlyThisService && 'this service alone',
					filters.maxPrice !== undefined && `at most ${filters.maxPrice} without tax`,
				].filter(Boolean);
				throw inputError(
					node,
					i,
					`No renew strategy of service ${serviceId} matches ${asked.join(', ') || 'the filters'} (${itemLabel(i)})`,
					`OVH offers: ${describeOffers(all)}. Change the filters, or turn on "Return Nothing When No Strategy Matches" to continue with no items.`,
				);
			}
			return kept;
		});
		return [results];
	}
}
