// Preloaded with `node --import` when GNU time is missing: prints the process's peak RSS and
// CPU time on exit.
process.on('exit', () => {
    const usage = process.resourceUsage();
    process.stderr.write(`\njourney-bench-max-rss-kb=${usage.maxRSS}\njourney-bench-cpu-ms=${(usage.userCPUTime + usage.systemCPUTime) / 1000}\n`);
});
