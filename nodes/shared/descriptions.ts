import type { INodeProperties } from 'n8n-workflow';

/** Parameters several nodes share, defined once so their names, modes and help stay identical. */

export const credentialsDescription = [{ name: 'ovhApi', required: true }];

/** The service picker: search the account's services by name, or enter the numeric ID. */
export function serviceIdLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Service',
		name: 'serviceId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The OVH service, by its numeric service ID (as returned by GET /service)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a service...',
				typeOptions: {
					searchListMethod: 'searchServices',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12345',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[0-9]+\\s*$',
							errorMessage: 'A service ID is a whole number, e.g. 12345',
						},
					},
				],
			},
		],
		...overrides,
	};
}
