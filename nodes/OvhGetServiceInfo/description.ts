import type { INodeProperties } from 'n8n-workflow';

import { serviceIdLocator } from '../shared/descriptions';
import { PRODUCT_OPTIONS } from '../shared/services';

export const properties: INodeProperties[] = [
	{
		displayName: 'Lookup',
		name: 'lookup',
		type: 'options',
		noDataExpression: true,
		default: 'byName',
		options: [
			{
				name: 'All Services',
				value: 'all',
				description: 'Every service of the account (GET /service), one item each',
				action: 'List all services',
			},
			{
				name: 'By ID',
				value: 'byId',
				description: 'A service by its numeric service ID (GET /service/{serviceId})',
				action: 'Get a service by ID',
			},
			{
				name: 'By Name',
				value: 'byName',
				description: 'A service by product and service name (GET /{product}/{serviceName}/serviceInfos)',
				action: 'Get a service by name',
			},
		],
	},
	{
		displayName: 'Product',
		name: 'product',
		type: 'options',
		default: 'vps',
		options: PRODUCT_OPTIONS,
		description: 'The OVH product the service belongs to (its API path)',
		displayOptions: { show: { lookup: ['byName'] } },
	},
	{
		displayName: 'Service Name',
		name: 'serviceName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. vps112233.ovh.net',
		description: 'The service name as OVH shows it: a VPS or server host name, a domain, an IP block…',
		displayOptions: { show: { lookup: ['byName'] } },
	},
	serviceIdLocator({ displayOptions: { show: { lookup: ['byId'] } } }),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { lookup: ['all'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { lookup: ['all'], returnAll: [false] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return one flat item per service (service ID, expiration, renew mode, status…) instead of the raw OVH responses',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { lookup: ['all', 'byId'] } },
		options: [
			{
				displayName: 'Expiring Within Days',
				name: 'expiringWithinDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description:
					'Only return services whose expiration date is between today and this many days from now',
				displayOptions: { show: { '/lookup': ['all'] } },
			},
			{
				displayName: 'Include Service Infos',
				name: 'includeServiceInfos',
				type: 'boolean',
				default: true,
				description:
					'Whether to also read the product serviceInfos of each service (renewal type, renew period, contacts): one more request per service',
			},
			{
				displayName: 'Read Concurrency',
				name: 'readConcurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 4,
				description:
					'How many read requests (batches of 50 services) may be in flight at once. The rate itself is capped by the credential\'s Max Requests Per Second.',
				displayOptions: { show: { '/lookup': ['all'] } },
			},
		],
	},
];
