#!/usr/bin/env node
// The `pinsync` bin: runs the CLI compiled from cmd/main.ts and bundled into dist/bin/ by
// `npm run build` (run by `prepare`).
import '../dist/bin/main.js';
