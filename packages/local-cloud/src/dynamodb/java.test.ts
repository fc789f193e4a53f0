import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startDynamoDbLocal } from './dynamoDbLocal';
import { javaMajorOf, javaMissing, javaTooOld } from './java';

/**
 * A stand-in for a Java 11 launcher: answers `-version` as OpenJDK 11 does and refuses the jar (class file
 * version 61) with the JVM's own UnsupportedClassVersionError.
 */
async function java11(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spendwise-java11-'));
  const path = join(dir, 'java');
  await writeFile(
    path,
    `#!/bin/sh
if [ "$1" = "-version" ]; then
  echo 'openjdk version "11.0.22" 2024-01-16' >&2
  echo 'OpenJDK Runtime Environment (build 11.0.22+7-post-Debian-1deb11u1)' >&2
  exit 0
fi
echo 'Error: LinkageError occurred while loading main class com.amazonaws.services.dynamodbv2.local.main.ServerRunner' >&2
echo '	java.lang.UnsupportedClassVersionError: com/amazonaws/services/dynamodbv2/local/main/ServerRunner has been compiled by a more recent version of the Java Runtime (class file version 61.0), this version of the Java Runtime only recognizes class file versions up to 55.0' >&2
exit 1
`,
  );
  await chmod(path, 0o755);
  return path;
}

describe('starting DynamoDB Local without a usable Java', () => {
  it('says in one line that Java 17+ is needed when there is no java', async () => {
    const java = join(tmpdir(), 'no-such-dir', 'java');

    const started = startDynamoDbLocal({ java });

    await expect(started).rejects.toThrow(javaMissing(java));
    expect(javaMissing(java)).not.toContain('\n');
  });

  it('says in one line which Java it found when the Java is older than 17', async () => {
    const java = await java11();

    const started = startDynamoDbLocal({ java });

    await expect(started).rejects.toThrow(javaTooOld(java, '11'));
    expect(javaTooOld(java, '11')).toMatch(/^Java 17 or newer is needed .* is Java 11: install Java 17\+/);
    expect(javaTooOld(java, '11')).not.toContain('\n');
  });
});

describe('javaMajorOf', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', '17'],
    ['openjdk version "21" 2023-09-19', '21'],
    ['java version "1.8.0_292"', '8'],
    ['Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "11.0.22" 2024-01-16', '11'],
    ['openjdk version "25-ea" 2025-09-16', '25'],
  ])('reads %j as Java %s', (output, major) => {
    expect(javaMajorOf(output)).toBe(major);
  });

  it('gives undefined for output it does not know', () => {
    expect(javaMajorOf('command not found')).toBeUndefined();
  });
});
