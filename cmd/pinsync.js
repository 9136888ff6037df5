#!/usr/bin/env node
// The `pinsync` bin: runs the CLI compiled from cmd/main.ts by `npm run build` (run by `prepare`).
import '../dist/cmd/main.js';
