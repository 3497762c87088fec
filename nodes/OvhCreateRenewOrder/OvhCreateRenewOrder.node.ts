import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { authenticationProperty, credentialsDescription } from '../shared/descriptions';
import { searchServices } from '../shared/methods';
import { properties } from './description';
import { createRenewOrder, getRenewPeriods } from './execute';

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
		properties: [authenticationProperty, ...properties],
	};

	methods = {
		listSearch: { searchServices },
		loadOptions: { getRenewPeriods },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await createRenewOrder.call(this)];
	}
}
