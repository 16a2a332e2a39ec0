// Any request that escapes msw fails fast instead of reaching a real host.
process.env.HTTPS_PROXY = 'http://127.0.0.1:9'
process.env.HTTP_PROXY = 'http://127.0.0.1:9'
