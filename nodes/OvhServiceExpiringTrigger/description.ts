import type { INodeProperties } from 'n8n-workflow';

import { PRODUCT_OPTIONS } from '../shared/services';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Emits each service once per expiration date: a renewal that moves the expiration makes it eligible again. Each poll reads every service of the account (GET /service, then GET /service/{ID} each), so poll at most hourly.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Expiring Within Days',
		name: 'expiringWithinDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description: 'Emit services whose expiration date is between today and this many days from now',
	},
	{
		displayName: 'Renew Mode',
		name: 'renewMode',
		type: 'options',
		default: 'manual',
		options: [
			{ name: 'Any', value: 'any', description: 'Services renewed automatically or manually' },
			{ name: 'Automatic Only', value: 'automatic', description: 'Services OVH renews by itself' },
			{
				name: 'Manual Only',
				value: 'manual',
				description: 'Services that expire unless someone renews them (automatic renewals need no action)',
			},
		],
		description: 'Which services to emit, by how they renew',
	},
	{
		displayName: 'Products',
		name: 'products',
		type: 'multiOptions',
		default: [],
		options: PRODUCT_OPTIONS,
		description: 'Only services of these products (by their API path); none selected: every product',
	},
	{
		displayName: 'Include Service Infos',
		name: 'includeServiceInfos',
		type: 'boolean',
		default: false,
		description:
			'Whether to also read the product serviceInfos of each emitted service (renewal type, renew period, contacts): one more request per service in the window',
	},
];
