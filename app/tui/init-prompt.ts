// The message /init submits: ask the agent to write an AGENTS.md for the repository.
export const INIT_PROMPT = `Create an AGENTS.md file at the root of this repository with instructions for coding agents working in it.

Explore the repository first (its layout, build and test commands, languages and conventions), then write a concise guide titled "Repository Guidelines" with sections such as:
- Project structure and module organization
- Build, test and development commands (the exact commands, with a short note on what each does)
- Coding style and naming conventions (formatters and linters in use)
- Testing guidelines (frameworks, where tests live, how to run one test)
- Commit and pull request guidelines (as seen in the git history)

Keep it short (200–400 words), specific to this repository and in Markdown. Do not invent commands that do not exist here.`;
