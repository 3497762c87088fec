import type { INodeProperties } from 'n8n-workflow';

/** Parameters several nodes share, defined once so their names, modes and help stay identical. */

/** Both credentials, each shown for its choice of the Authentication parameter (n8n's pattern for several auth types). */
export const credentialsDescription = [
	{ name: 'ovhApi', required: true, displayOptions: { show: { authentication: ['applicationKey'] } } },
	{ name: 'ovhOAuth2Api', required: true, displayOptions: { show: { authentication: ['serviceAccount'] } } },
];

/** The first parameter of every node: which credential it uses. Default application keys (workflows saved before). */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{
			name: 'Application Key',
			value: 'applicationKey',
			description: 'Application key, secret and consumer key (createToken); works on every OVH platform',
		},
		{
			name: 'Service Account',
			value: 'serviceAccount',
			description: 'OAuth2 client ID and secret with IAM policies (OVHcloud EU, CA, US)',
		},
	],
	default: 'applicationKey',
};

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
