import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { credentialsDescription } from '../shared/descriptions';
import { properties } from './description';
import { pollExpiringServices } from './poll';

export class OvhServiceExpiringTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVH Service Expiring Trigger',
		name: 'ovhServiceExpiringTrigger',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Within " + $parameter["expiringWithinDays"] + " days" }}',
		description:
			'Starts the workflow when an OVHcloud service enters its expiration window (manual renewals by default), once per service and expiration date. Its items chain into List Renew Strategies. Read-only.',
		defaults: { name: 'OVH Service Expiring Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollExpiringServices.call(this);
	}
}
