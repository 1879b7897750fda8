/** Reads a $GITHUB_OUTPUT file the way the runner does: `name<<DELIMITER`, value lines, `DELIMITER`, or `name=value`. */
export function parseStepOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const entry = lines[i] ?? '';
    if (entry === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(entry);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const end = lines.indexOf(delimiter as string, i + 1);
      if (end === -1) throw new Error(`no closing ${delimiter} for ${name}`);
      outputs[name] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      const at = entry.indexOf('=');
      if (at < 1) throw new Error(`invalid line in GITHUB_OUTPUT: ${entry}`);
      outputs[entry.slice(0, at)] = entry.slice(at + 1);
    }
  }
  return outputs;
}
