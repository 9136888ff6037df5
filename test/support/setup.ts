// Loaded by mocha before any test file (.mocharc.json "require"): tests that build an SDK client
// themselves must not print the SDK's Node.js version warning into the test output either.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
