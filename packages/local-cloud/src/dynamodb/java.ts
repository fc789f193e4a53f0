import { execFile } from 'node:child_process';

/** The oldest Java that runs the DynamoDB Local jar (class file version 61). */
export const MIN_JAVA = 17;

const WHAT_FOR = `Java ${MIN_JAVA} or newer is needed to run Amazon DynamoDB Local`;

/** The one line for a machine without Java. */
export const javaMissing = (java: string) =>
  `${WHAT_FOR}, and there is no \`${java}\` on the PATH: install a Java ${MIN_JAVA}+ runtime ` +
  `(e.g. apt-get install openjdk-${MIN_JAVA}-jre-headless, or brew install openjdk@${MIN_JAVA}) and run the command again.`;

/** The one line for a Java older than 17. */
export const javaTooOld = (java: string, found: string) =>
  `${WHAT_FOR}, but \`${java}\` on the PATH is Java ${found}: install Java ${MIN_JAVA}+ and put it first on ` +
  'the PATH, then run the command again.';

/** True when a JVM's output says the jar needs a newer Java (UnsupportedClassVersionError). */
export const isJavaTooOld = (output: string) =>
  /UnsupportedClassVersionError|compiled by a more recent version of the Java Runtime/.test(output);

/**
 * The Java major version from `java -version` output: `openjdk version "17.0.15"` → "17", `java version
 * "1.8.0_292"` → "8"; undefined when unrecognised.
 */
export function javaMajorOf(versionOutput: string): string | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  return match[1] === '1' && match[2] ? match[2] : match[1];
}

/** Asks `java -version` for its major version ("an unknown version" when it cannot tell). */
export function javaVersion(java: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(java, ['-version'], { timeout: 10_000 }, (_error, stdout, stderr) =>
      resolve(javaMajorOf(`${stderr}\n${stdout}`) ?? 'an unknown version'),
    );
  });
}
