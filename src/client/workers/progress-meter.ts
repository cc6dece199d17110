/**
 * Progress of a batch of files: counts, bytes, rates since the start, and an estimate of the time
 * left (from the byte rate when sizes are known, else the file rate). Pure: time comes from `now`.
 */
export interface ProgressSnapshot {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly elapsedSeconds: number;
  readonly filesPerSecond: number;
  readonly bytesPerSecond: number;
  /** null until there is a rate to estimate from. */
  readonly etaSeconds: number | null;
}

export class ProgressMeter {
  private filesTotal = 0;
  private bytesTotal = 0;
  private filesDone = 0;
  private bytesDone = 0;
  private startedAt: number | null = null;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Files joining the batch (e.g. a dropped folder). */
  add(files: number, bytes: number): void {
    this.startedAt ??= this.now();
    this.filesTotal += files;
    this.bytesTotal += bytes;
  }

  /** One file finished (hashed or failed). */
  done(bytes: number): void {
    this.filesDone += 1;
    this.bytesDone += bytes;
  }

  /** Files dropped without being hashed (cancel). */
  drop(files: number, bytes: number): void {
    this.filesTotal = Math.max(this.filesDone, this.filesTotal - files);
    this.bytesTotal = Math.max(this.bytesDone, this.bytesTotal - bytes);
  }

  snapshot(): ProgressSnapshot {
    const elapsedSeconds = this.startedAt === null ? 0 : Math.max(0, (this.now() - this.startedAt) / 1000);
    const filesPerSecond = elapsedSeconds > 0 ? this.filesDone / elapsedSeconds : 0;
    const bytesPerSecond = elapsedSeconds > 0 ? this.bytesDone / elapsedSeconds : 0;
    let etaSeconds: number | null = null;
    if (this.filesDone >= this.filesTotal) etaSeconds = this.filesTotal > 0 ? 0 : null;
    else if (bytesPerSecond > 0 && this.bytesTotal > 0)
      etaSeconds = (this.bytesTotal - this.bytesDone) / bytesPerSecond;
    else if (filesPerSecond > 0) etaSeconds = (this.filesTotal - this.filesDone) / filesPerSecond;
    return {
      filesDone: this.filesDone,
      filesTotal: this.filesTotal,
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      elapsedSeconds,
      filesPerSecond,
      bytesPerSecond,
      etaSeconds,
    };
  }
}
