import type { INodeProperties } from 'n8n-workflow';

import { serviceIdLocator } from '../shared/descriptions';

export const properties: INodeProperties[] = [
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
];
