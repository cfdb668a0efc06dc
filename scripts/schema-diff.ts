// Prints the SQL that would bring a freshly migrated database in line with the entities (empty = in sync).
// Used to draft a new migration: npm run build && node dist/scripts/schema-diff.js
import { openDatabase } from '../src/database/database.js';

const database = await openDatabase({ url: process.env.DATABASE_URL, pgliteDir: 'memory://' });
const sql = await database.dataSource.driver.createSchemaBuilder().log();
for (const query of sql.upQueries) console.log(`${query.query};`);
await database.close();
