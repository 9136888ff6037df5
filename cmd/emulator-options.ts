import type { Argv } from 'yargs';
import type { FaultFlags } from '../providers/emulator/fault-flags.js';

export interface EmulatorArgs extends FaultFlags {
  port: number;
  host: string;
  data?: string;
  credentials?: string[];
}

export function emulatorOptions<T>(y: Argv<T>): Argv<T & EmulatorArgs> {
  return y
    .option('port', { type: 'number', default: 4566, describe: 'port to listen on (0 picks a free one)' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on' })
    .option('data', { type: 'string', describe: 'file to keep the endpoints in across restarts (written atomically)' })
    .option('credentials', { type: 'string', array: true, describe: 'KEY_ID:SECRET: check that every request is signed (SigV4) with these credentials, as AWS does' })
    .option('aws-quotas', { type: 'boolean', group: 'Fault injection:', describe: "enforce Pinpoint's request-rate quotas (429 with Retry-After above them)" })
    .option('rate-limit', { type: 'string', array: true, group: 'Fault injection:', describe: 'OPERATION=N: at most N requests a second for that operation' })
    .option('throttle-rate', { type: 'number', group: 'Fault injection:', describe: 'answer this fraction (0..1) of requests with 429' })
    .option('server-error-rate', { type: 'number', group: 'Fault injection:', describe: 'answer this fraction of requests with 500, applying nothing' })
    .option('reset-rate', { type: 'number', group: 'Fault injection:', describe: 'reset this fraction of connections before answering, applying nothing' })
    .option('reset-after-apply-rate', { type: 'number', group: 'Fault injection:', describe: 'apply this fraction of writes, then reset the connection' })
    .option('poison-id', { type: 'string', array: true, group: 'Fault injection:', describe: 'reject any write request that carries this endpoint Id (400)' })
    .option('visibility-delay', { type: 'number', group: 'Fault injection:', describe: 'writes become visible to reads this many ms later' })
    .option('latency', { type: 'number', group: 'Fault injection:', describe: 'add this many ms to every request' })
    .option('fault-seed', { type: 'number', group: 'Fault injection:', describe: 'seed for the random faults, to reproduce a run' }) as unknown as Argv<T & EmulatorArgs>;
}
