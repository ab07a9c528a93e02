// Fixture errors name the file, the path inside it and the fix, on one line, so a
// person can correct the fixture without reading a stack trace.
export class FixtureError extends Error {
  readonly file: string;
  readonly path: string;
  readonly fix: string;

  constructor(file: string, path: string, problem: string, fix: string) {
    super(`${file}: ${path}: ${problem}; fix: ${fix}`);
    this.name = 'FixtureError';
    this.file = file;
    this.path = path;
    this.fix = fix;
  }
}
