// A minimal loopback stand-in of the GitHub REST calls `journey review --post github` makes
// (comments, Git data API), for the review benchmark: it answers at once, with made-up object
// ids, and records the calls. The tests use a faithful one backed by git (test/review/).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

export async function startGitHubApiStandIn() {
    const calls = [];
    const comments = [];
    const refs = new Map();
    const sha = text => createHash('sha1').update(text).digest('hex');
    const server = createServer(async (request, response) => {
        const chunks = [];
        for await (const chunk of request) chunks.push(chunk);
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        const { pathname } = new URL(request.url, 'http://stand-in');
        const method = request.method;
        let status = 404;
        let answer = { message: 'Not Found' };
        let match;
        if (/\/issues\/\d+\/comments$/.test(pathname) && method === 'GET') { status = 200; answer = comments; }
        else if (/\/issues\/\d+\/comments$/.test(pathname) && method === 'POST') {
            const comment = { id: comments.length + 1, body: body.body, html_url: `http://stand-in/comment/${comments.length + 1}` };
            comments.push(comment);
            status = 201; answer = comment;
        } else if ((match = /\/issues\/comments\/(\d+)$/.exec(pathname)) && method === 'PATCH') {
            const comment = comments.find(c => c.id === Number(match[1]));
            comment.body = body.body;
            status = 200; answer = comment;
        } else if (pathname.endsWith('/git/trees') || pathname.endsWith('/git/commits')) {
            status = 201; answer = { sha: sha(JSON.stringify(body)) };
        } else if ((match = /\/git\/ref\/(.+)$/.exec(pathname)) && method === 'GET') {
            if (refs.has(match[1])) { status = 200; answer = { object: { sha: refs.get(match[1]) } }; }
        } else if ((match = /\/git\/refs\/(.+)$/.exec(pathname)) && method === 'PATCH') {
            refs.set(match[1], body.sha); status = 200; answer = { object: { sha: body.sha } };
        } else if (pathname.endsWith('/git/refs') && method === 'POST') {
            refs.set(body.ref.replace(/^refs\//, ''), body.sha); status = 201; answer = { object: { sha: body.sha } };
        }
        calls.push({ method, path: request.url, status });
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(answer));
    });
    await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${server.address().port}`, calls, close: () => new Promise(resolve => server.close(resolve)) };
}
