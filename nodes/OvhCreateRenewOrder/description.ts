import type { INodeProperties } from 'n8n-workflow';

import { serviceIdLocator } from '../shared/descriptions';

export const properties: INodeProperties[] = [
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
		default: { reuseRecentOrder: true },
		options: [
			{
				displayName: 'Check Permission to Pay',
				name: 'checkPermissionToPay',
				type: 'boolean',
				default: true,
				description:
					'Whether to prove, before ordering anything, that the credential may also pay the order (application keys: the rules of GET /auth/currentCredential; service accounts: an IAM authorization check). Keeps an order from being left unpaid.',
			},
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
];
