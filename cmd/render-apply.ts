import type { ApplyResult, VerifyResult } from '../core/apply/index.js';
import type { Plan } from '../core/plan/index.js';
import { formatValue } from '../core/render/index.js';

export function renderApplyText(result: ApplyResult, retries: number, interrupted = false): string {
  const lines: string[] = [];
  for (const item of result.items) {
    if (item.outcome === 'failed') lines.push(`Failed: ${item.id} (${item.action}): ${item.error ?? 'unknown error'}`);
  }
  if (retries > 0) lines.push(`${retries} ${retries === 1 ? 'request was' : 'requests were'} retried after throttling, a server error or a lost connection.`);
  const c = result.counts;
  lines.push(`Apply ${interrupted ? 'interrupted' : 'complete'}: ${c.created} created, ${c.updated} updated, ${c.replaced} replaced, ${c.deleted} deleted, ${c.failed} failed.`);
  return lines.join('\n') + '\n';
}

export function renderVerifyText(results: readonly VerifyResult[]): string {
  const count = (o: VerifyResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const lines = [`Verified: ${count('applied')} applied, ${count('not-visible')} not yet visible, ${count('mismatched')} mismatched.`];
  for (const r of results) {
    if (r.outcome === 'not-visible') lines.push(`  not yet visible: ${r.id}`);
    if (r.outcome === 'mismatched') {
      lines.push(`  mismatched: ${r.id}`);
      for (const f of r.fields ?? []) lines.push(`      ${f.path}: Pinpoint holds ${formatValue(f.before)}, declared ${formatValue(f.after)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function renderApplyJson(plan: Plan, result: ApplyResult, retries: number, verified: readonly VerifyResult[] | undefined): string {
  const report: Record<string, unknown> = {
    applicationId: plan.applicationId,
    counts: result.counts,
    requests: { write: result.writeCalls, delete: result.deleteCalls, retries },
    durationMs: result.durationMs,
    items: result.items,
  };
  if (verified !== undefined) report['verify'] = verified;
  return JSON.stringify(report, null, 2) + '\n';
}
