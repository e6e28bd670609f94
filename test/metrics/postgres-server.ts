/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, started with pg_ctl
 * on a free loopback port, trust authentication, stopped and removed afterwards. As root (CI
 * containers), the server runs as the `postgres` system user, since PostgreSQL refuses root.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';

export interface PostgresServer {
    client: pg.Client;
    stop(): Promise<void>;
}

function binDir(): string {
    const base = '/usr/lib/postgresql';
    const versions = existsSync(base) ? readdirSync(base).filter(v => existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
    if (versions.length === 0) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: run `bash scripts/setup/ensure-postgresql.sh` (npm test does it).');
    return path.join(base, versions[0], 'bin');
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as { port: number };
            server.close(() => resolve(port));
        });
    });
}

export async function startPostgres(): Promise<PostgresServer> {
    const bin = binDir();
    const folder = mkdtempSync(path.join(tmpdir(), 'journey-pg-'));
    const data = path.join(folder, 'data');
    const asRoot = process.getuid?.() === 0;
    const run = (tool: string, args: string[]) => asRoot
        ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { stdio: 'pipe' })
        : execFileSync(path.join(bin, tool), args, { stdio: 'pipe' });
    if (asRoot) {
        chmodSync(folder, 0o777);
    }
    run('initdb', ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C']);
    const port = await freePort();
    run('pg_ctl', ['-D', data, '-w', '-l', path.join(folder, 'server.log'), '-o', `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await client.connect();
    return {
        client,
        async stop() {
            await client.end().catch(() => undefined);
            try {
                run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
            } finally {
                rmSync(folder, { recursive: true, force: true });
            }
        }
    };
}
