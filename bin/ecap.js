#!/usr/bin/env node
// The compiled CLI lives in build/ (written by `npm ci` through the `prepare` script).
import '../build/cli/main.js';
