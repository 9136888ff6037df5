// Reads docs/diagnostics.md: one section per code, with the files of its example (```yaml NAME),
// the command (```console, `$ pinsync validate ARGS`) and the output the example gives.

export interface DocExample {
  readonly code: string;
  readonly files: ReadonlyArray<readonly [string, string]>;
  /** The paths given to validate; all the files, in order, when the section names none. */
  readonly args?: readonly string[];
  /** Lines of output shown in the section. */
  readonly output: readonly string[];
}

const FENCE = /^```([^\n]*)\n([\s\S]*?)^```$/gm;

export function readDocExamples(markdown: string): DocExample[] {
  const out: DocExample[] = [];
  const sections = markdown.split(/^### /m).slice(1);
  for (const section of sections) {
    const code = /^(PS\d{3})/.exec(section)?.[1];
    if (!code) continue;
    const files: Array<[string, string]> = [];
    const output: string[] = [];
    let args: string[] | undefined;
    for (const m of section.matchAll(FENCE)) {
      const [lang, name] = m[1]!.trim().split(/\s+/);
      const body = m[2]!;
      if (name) files.push([name, body]);
      else if (lang === 'console') {
        for (const line of body.split('\n')) {
          if (line.startsWith('$ pinsync validate')) args = line.split(/\s+/).slice(3);
          else if (line.trim() !== '') output.push(line);
        }
      } else if (lang === 'text') output.push(...body.split('\n').filter((l) => l.trim() !== ''));
    }
    out.push({ code, files, ...(args && { args }), output });
  }
  return out;
}
