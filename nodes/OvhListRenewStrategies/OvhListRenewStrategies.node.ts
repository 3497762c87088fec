import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { authenticationProperty, credentialsDescription } from '../shared/descriptions';
import { searchServices } from '../shared/methods';
import { properties } from './description';
import { listRenewStrategies } from './execute';

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
		properties: [authenticationProperty, ...properties],
	};

	methods = { listSearch: { searchServices } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await listRenewStrategies.call(this)];
	}
}
