import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import { getOctokit } from '@actions/github'
import { FakeGitHub, GITHUB_ACTIONS_BOT, createMswHandlers, useIssues } from '../../fake/index.js'
import { issuesSuite, WORKFLOW } from './issues-suite.js'

const BASE = 'https://api.github.com'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('issues extension through msw', () => {
  issuesSuite(async (gh) => {
    server.use(...createMswHandlers(gh, BASE))
    return BASE
  })
})

describe('issues extension with Octokit', () => {
  it('octokit.paginate follows the Link headers of comments and issues', async () => {
    const gh = new FakeGitHub({ auth: { users: { [WORKFLOW]: GITHUB_ACTIONS_BOT } } })
    const issues = useIssues(gh)
    issues.addRepo('acme/notices')
    const { number } = issues.addIssue('acme/notices', { title: 't', labels: ['copilot-seats'] })
    for (let i = 0; i < 250; i++)
      issues.addComment('acme/notices', number, { body: `c${i}`, user: 'someone' })
    for (let i = 0; i < 120; i++) issues.addIssue('acme/notices', { title: `x${i}` })
    server.use(...createMswHandlers(gh, BASE))
    const octokit = getOctokit(WORKFLOW, {
      baseUrl: BASE,
      request: { fetch: (...a: Parameters<typeof fetch>) => globalThis.fetch(...a) }
    })
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: 'acme',
      repo: 'notices',
      issue_number: number,
      per_page: 100
    })
    expect(comments.map((c) => c.body)).toEqual(Array.from({ length: 250 }, (_, i) => `c${i}`))
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'acme',
      repo: 'notices',
      state: 'open',
      per_page: 100
    })
    expect(all).toHaveLength(121)
    const created = await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'notices',
      issue_number: number,
      body: 'by octokit'
    })
    expect(created.status).toBe(201)
    expect(created.data.user?.login).toBe('github-actions[bot]')
    const pages = gh.requests.filter((r) => r.path.endsWith('/comments') && r.method === 'GET')
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3'])
  })
})
