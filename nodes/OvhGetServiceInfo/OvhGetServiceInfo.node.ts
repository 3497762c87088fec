import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { authenticationProperty, credentialsDescription } from '../shared/descriptions';
import { searchServices } from '../shared/methods';
import { properties } from './description';
import { getServiceInfo } from './execute';

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
		properties: [authenticationProperty, ...properties],
	};

	methods = { listSearch: { searchServices } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await getServiceInfo.call(this)];
	}
}
