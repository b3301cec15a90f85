/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  // @intilery/react is ESM only: let babel-jest compile it (and @intilery/core) like your own code.
  transformIgnorePatterns: ['/node_modules/(?!@intilery/)'],
}
