// A long model answer for the render bench: `lines` lines of Markdown with
// `blocks` fenced code blocks (Python, TypeScript, shell in turn) between
// headings, paragraphs with inline markup, nested lists and tables.
const CODE: Record<string, (i: number) => string> = {
  python: (i) => `    result_${i} = [x * ${i} for x in range(10) if x % 2]  # keep odd`,
  ts: (i) => `  const value${i}: number = compute(${i}, "label", /re/g); // step`,
  sh: (i) => `echo "step ${i}" && grep -rn "pattern_${i}" src/ | head -n 5`,
};

export function markdownAnswer(lines = 10_000, blocks = 50): string {
  const out: string[] = [];
  const langs = Object.keys(CODE);
  const codeLines = Math.floor((lines * 0.6) / blocks);
  for (let b = 0; out.length < lines; b++) {
    out.push(`## Part ${b}`, '', `This part changes **${b} files**; see \`src/part_${b}.rs:12\` and [the notes](https://example.com/${b}).`, 'A second line of the same paragraph, long enough to wrap at forty columns.', '');
    out.push('- first point', '  - nested detail with `code`', '- second point', '');
    out.push('| file | change | note |', '| :-- | --: | --- |', `| part_${b}.rs | +${b} | reviewed and merged after a long discussion |`, '');
    if (b < blocks) {
      const lang = langs[b % langs.length]!;
      out.push(`\`\`\`${lang}`);
      for (let i = 0; i < codeLines; i++) out.push(CODE[lang]!(i));
      out.push('```', '');
    }
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}
