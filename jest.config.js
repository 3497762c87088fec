/** Jest: TypeScript tests under test/, compiled by ts-jest against tsconfig.dev.json (type-checked). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.dev.json' }],
	},
	testTimeout: 30000,
};
