// `pr-comment`: on a pull_request event the plan goes to one comment on the
// pull request, which later runs edit in place; each org and mode keeps its
// own; a fork's read-only token is a warning; other events get no comment.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { GITHUB_ACTIONS_BOT, useIssues } from '../../fake/index.js'
import { mswServer, requestLines, runAction, TOKEN } from '../support/harness.js'
import { NOW, SYNC_FILES, SYNC_INPUTS, seedSync } from '../support/sync-fixtures.js'

const { useFake } = mswServer()
const WORKFLOW = 'ghs_workflow_token_0123456789'
const FORK = 'ghs_fork_token_0123456789'
const REPO = 'acme/seat-list'

function setup() {
  const gh = useFake({
    now: () => new Date(NOW),
    auth: { valid: [TOKEN], readOnly: [FORK], users: { [WORKFLOW]: GITHUB_ACTIONS_BOT } }
  })
  const issues = useIssues(gh)
  issues.addRepo(REPO)
  const pr = issues.addPullRequest(REPO, { title: 'Seats: add newbie', user: 'mona' })
  return { gh, issues, pr: pr.number }
}

function pullRequestEnv(number: number, event = 'pull_request'): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'copilot-seats-event-'))
  const file = path.join(dir, 'event.json')
  writeFileSync(file, JSON.stringify({ action: 'synchronize', number, pull_request: { number } }))
  return {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: file,
    GITHUB_REPOSITORY: REPO,
    GITHUB_SERVER_URL: 'https://github.com'
  }
}

const run = (env: Record<string, string>, inputs: Record<string, string> = {}) =>
  runAction(
    {
      ...SYNC_INPUTS,
      'dry-run': 'true',
      'pr-comment': 'true',
      'github-token': WORKFLOW,
      ...inputs
    },
    { now: NOW, workspaceFiles: SYNC_FILES, env }
  )

describe('pr-comment on a pull request', () => {
  it('posts the plan as one comment, then edits that comment on later runs', async () => {
    const { gh, issues, pr } = setup()
    seedSync(gh)
    const first = await run(pullRequestEnv(pr))
    expect(first.exitCode).toBe(0)
    expect(first.warnings).toEqual([])
    const comments = issues.comments(REPO, pr)
    expect(comments).toHaveLength(1)
    const [comment] = comments
    expect(comment!.user.login).toBe('github-actions[bot]')
    expect(comment!.body).toMatchSnapshot('comment')
    // The comment's requests use github-token and go to the runner's API only.
    expect(requestLines(gh).filter((l) => l.includes('/repos/'))).toEqual([
      `GET /repos/${REPO}/issues/${pr}/comments`,
      `POST /repos/${REPO}/issues/${pr}/comments`
    ])

    // The file is changed in the pull request: the next run edits the same comment.
    gh.clearRequests()
    const edited = { ...SYNC_FILES, '.github/copilot-seats.txt': 'alice\nbob\ncarol\n' }
    const second = await runAction(
      { ...SYNC_INPUTS, 'dry-run': 'true', 'pr-comment': 'true', 'github-token': WORKFLOW },
      { now: NOW, workspaceFiles: edited, env: pullRequestEnv(pr) }
    )
    expect(second.exitCode).toBe(0)
    const after = issues.comments(REPO, pr)
    expect(after).toHaveLength(1)
    expect(after[0]!.id).toBe(comment!.id)
    expect(after[0]!.body).not.toBe(comment!.body)
    expect(after[0]!.body).toContain('**Cancelled (3):** eve, l2, leo')
    expect(requestLines(gh).filter((l) => l.includes('/repos/'))).toEqual([
      `GET /repos/${REPO}/issues/${pr}/comments`,
      `PATCH /repos/${REPO}/issues/comments/${comment!.id}`
    ])
    // The seat token never went to the repository; github-token never to the seats.
    expect(JSON.stringify(after[0]!.body)).not.toContain(TOKEN)
  })

  it('keeps one comment per org and mode, and never edits a comment that only quotes the marker', async () => {
    const { gh, issues, pr } = setup()
    seedSync(gh)
    issues.addComment(REPO, pr, {
      user: 'mona',
      body: '> <!-- copilot-seats:pr-comment org=acme mode=sync -->\n> quoted: why is eve cancelled?'
    })
    expect((await run(pullRequestEnv(pr))).exitCode).toBe(0)
    const assign = await run(pullRequestEnv(pr), {
      mode: 'assign',
      'users-file': '',
      teams: '',
      'exclude-users': '',
      users: 'newbie'
    })
    expect(assign.exitCode).toBe(0)
    const bodies = issues.comments(REPO, pr).map((c) => c.body.split('\n', 1)[0])
    expect(bodies).toEqual([
      '> <!-- copilot-seats:pr-comment org=acme mode=sync -->',
      '<!-- copilot-seats:pr-comment org=acme mode=sync -->',
      '<!-- copilot-seats:pr-comment org=acme mode=assign -->'
    ])
    expect(issues.comments(REPO, pr)[2]!.body).toContain('### Plan: 1 new, 0 restored, 0 cancelled')
  })

  it("a fork's read-only token (403) is a warning: the step still passes", async () => {
    const { gh, issues, pr } = setup()
    seedSync(gh)
    const r = await run(pullRequestEnv(pr), { 'github-token': FORK })
    expect(r.exitCode).toBe(0)
    expect(r.errors).toEqual([])
    expect(issues.comments(REPO, pr)).toEqual([])
    expect(r.warnings.join('\n')).toContain(
      `\`pr-comment\`: could not comment on pull request #${pr} of ${REPO} (a pull request from a fork gets a read-only token)`
    )
    expect(r.summary).toContain('could not comment on pull request')
  })

  it('any other event: no comment, no error', async () => {
    const { gh, issues, pr } = setup()
    seedSync(gh)
    const r = await run(pullRequestEnv(pr, 'push'))
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    expect(issues.comments(REPO, pr)).toEqual([])
    expect(requestLines(gh).filter((l) => l.includes('/repos/'))).toEqual([])
  })

  it('a comment request that fails otherwise fails the step, after the seats', async () => {
    const { gh, issues, pr } = setup()
    seedSync(gh)
    gh.fault({ path: `/repos/${REPO}/issues/${pr}/comments`, status: 404, times: Infinity })
    const r = await run(pullRequestEnv(pr))
    expect(r.exitCode).toBe(1)
    expect(r.errors[0]).toContain(`Could not comment on pull request #${pr} of ${REPO}`)
    expect(issues.comments(REPO, pr)).toEqual([])
  })
})
