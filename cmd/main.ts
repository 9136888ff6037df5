#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { stringify } from 'yaml';
import { diffLines } from 'diff';
import equal from 'fast-deep-equal';
console.log(stringify({a:1}), diffLines('a','b').length, equal(1,1), typeof yargs(hideBin(process.argv)).parse);
