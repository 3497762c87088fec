import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { credentialsDescription, serviceIdLocator } from '../shared/descriptions';
import { processItems } from '../shared/execute';
import { searchServices } from '../shared/methods';
import {
	PRODUCT_OPTIONS,
	daysUntil,
	getService,
	getServiceInfos,
	listServiceIds,
	parseProduct,
	routeToProduct,
	toServiceItem,
} from '../shared/services';
import type { OvhServiceInfos } from '../shared/services';
import { locatorValue, parsePositiveId, requireText } from '../shared/validation';

export class OvhGetServiceInfo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVH Get Service Info',
		name: 'ovhGetServiceInfo',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ { byName: "By name", byId: "By ID", all: "All services" }[$parameter["lookup"]] }}',
		description:
			'Read an OVHcloud service: its service ID, expiration date, renew mode and status. Use it first, to find the service ID that List Renew Strategies and Create Renew Order need, or to list every service of the account and pick the ones expiring soon. Read-only: it never changes anything.',
		defaults: { name: 'OVH Get Service Info' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [
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
				],
			},
		],
	};

	methods = { listSearch: { searchServices } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const now = Date.now();
		const results = await processItems(this, async (i) => {
			const lookup = this.getNodeParameter('lookup', i) as string;
			const simplify = this.getNodeParameter('simplify', i, true) as boolean;

			if (lookup === 'byName') {
				const product = parseProduct(node, i, this.getNodeParameter('product', i));
				const serviceName = requireText(node, i, 'Service Name', this.getNodeParameter('serviceName', i), 'vps112233.ovh.net');
				const infos = await getServiceInfos.call(this, product, serviceName, i);
				return [simplify ? toServiceItem(now, undefined, infos, { product, serviceName }) : { product, serviceName, serviceInfos: infos }];
			}

			const options = this.getNodeParameter('options', i, {}) as {
				expiringWithinDays?: number;
				includeServiceInfos?: boolean;
			};
			const includeInfos = options.includeServiceInfos ?? lookup === 'byId';

			const describe = async (serviceId: number, within?: number): Promise<IDataObject | undefined> => {
				const service = await getService.call(this, serviceId, i);
				if (within !== undefined) {
					const days = daysUntil(service.expirationDate, now);
					if (days === null || days < 0 || days > within) return undefined;
				}
				const target = routeToProduct(service.route);
				let infos: OvhServiceInfos | undefined;
				if (includeInfos && target) infos = await getServiceInfos.call(this, target.product, target.serviceName, i);
				if (!simplify) return { serviceId, service, serviceInfos: infos ?? null };
				return toServiceItem(now, service, infos, { serviceId, ...target });
			};

			if (lookup === 'byId') {
				const serviceId = parsePositiveId(node, i, 'Service', locatorValue(this.getNodeParameter('serviceId', i)));
				return [(await describe(serviceId)) as IDataObject];
			}

			const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
			const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
			const ids = await listServiceIds.call(this, i);
			const found: IDataObject[] = [];
			for (const serviceId of ids) {
				if (found.length >= limit) break;
				const item = await describe(serviceId, options.expiringWithinDays);
				if (item) found.push(item);
			}
			return found;
		});
		return [results];
	}
}
