/** A service that runs until it is stopped: prints its pid, then waits. */
process.stdout.write(`service pid ${process.pid}\n`);
setInterval(() => {}, 60_000);
process.once('SIGTERM', () => process.exit(0));
