// Child process of bad-input.test.ts: holds the database file the way a second edge agent would,
// with SQLite's exclusive lock, until its stdin closes.
import Database from 'better-sqlite3';

const db = new Database(process.argv[2]);
db.pragma('locking_mode = EXCLUSIVE');
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS held (n INTEGER)');
process.stdout.write('locked\n');
process.stdin.resume();
process.stdin.on('end', () => {
  db.close();
  process.exit(0);
});
