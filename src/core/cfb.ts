/**
 * A reader for the Compound File Binary format ([MS-CFB], "OLE2"), the container of Excel 97–2003
 * workbooks and other legacy Office files: a FAT file system inside one file.
 *
 * Written for hostile input: every sector number is checked against the file before it is read,
 * every chain (FAT, DIFAT, mini FAT, directory, stream) is followed at most once per sector so a
 * loop ends with an error, the directory tree is walked with a visited set, and no stream is
 * assembled past `maxBytes`. Errors are {@link CfbError} (or {@link CfbLimitError} for the size
 * bound), plain messages that say what was expected; the caller names the file.
 */

/** The file is not a compound file, or its structure is broken. */
export class CfbError extends Error {}

/** A stream, or all streams read together, would pass `maxBytes`. */
export class CfbLimitError extends CfbError {
  constructor(readonly max: number, what: string) {
    super(`${what} is larger than ${max} bytes`);
  }
}

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Sector numbers above this are markers: DIFSECT, FATSECT, ENDOFCHAIN, FREESECT. */
const MAXREGSECT = 0xfffffffa;
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;
const HEADER_DIFAT = 109;

export interface CfbEntry {
  readonly name: string;
  /** 1 storage, 2 stream, 5 root storage. */
  readonly type: number;
  /** Path from the root, `/`-separated, without the root's own name. */
  readonly path: string;
  readonly size: number;
}

export interface CompoundFile {
  /** Every storage and stream reachable from the root, each once. */
  readonly entries: readonly CfbEntry[];
  /** The bytes of the stream at `path` (`Workbook`, `Storage/Stream`); undefined when there is none. */
  read(path: string): Uint8Array | undefined;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24)) >>> 0;
}

/** True when `bytes` start with the compound-file signature. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((v, i) => bytes[i] === v);
}

interface RawEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/**
 * Opens a compound file. `maxBytes` bounds each stream read and all of them together
 * (the FAT and directory included), so a lying header cannot make it allocate more.
 */
export function readCompoundFile(bytes: Uint8Array, maxBytes: number): CompoundFile {
  if (!isCompoundFile(bytes)) throw new CfbError('no compound-file signature D0 CF 11 E0 A1 B1 1A E1');
  if (bytes.length < 512) throw new CfbError(`the file ends inside the 512-byte header (${bytes.length} bytes)`);
  const major = u16(bytes, 0x1a);
  const shift = u16(bytes, 0x1e);
  const miniShift = u16(bytes, 0x20);
  if (u16(bytes, 0x1c) !== 0xfffe) throw new CfbError('byte-order mark is not FFFE');
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) {
    throw new CfbError(`expected version 3 with 512-byte sectors or version 4 with 4096-byte sectors, found version ${major} with sector shift ${shift}`);
  }
  if (miniShift !== 6) throw new CfbError(`expected 64-byte mini sectors (shift 6), found shift ${miniShift}`);
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  /** Sectors the file holds (a last partial sector counts: some writers cut the padding). */
  const sectorCount = Math.ceil(Math.max(0, bytes.length - sectorSize) / sectorSize);
  const fatSectors = u32(bytes, 0x2c);
  const firstDir = u32(bytes, 0x30);
  const cutoff = u32(bytes, 0x38);
  const firstMiniFat = u32(bytes, 0x3c);
  const miniFatSectors = u32(bytes, 0x40);
  const firstDifat = u32(bytes, 0x44);
  const difatSectors = u32(bytes, 0x48);
  if (fatSectors > sectorCount) throw new CfbError(`header declares ${fatSectors} FAT sectors, the file has only ${sectorCount} sectors`);
  if (difatSectors > sectorCount) throw new CfbError(`header declares ${difatSectors} DIFAT sectors, the file has only ${sectorCount} sectors`);

  let budget = maxBytes;
  const spend = (n: number, what: string): void => {
    if (n > budget) throw new CfbLimitError(maxBytes, what);
    budget -= n;
  };

  const sectorAt = (n: number, what: string): Uint8Array => {
    if (n >= sectorCount) throw new CfbError(`${what} points to sector ${n}, past the end of the file (${sectorCount} sectors)`);
    const start = (n + 1) * sectorSize;
    return bytes.subarray(start, Math.min(start + sectorSize, bytes.length));
  };

  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatIds: number[] = [];
  for (let i = 0; i < HEADER_DIFAT && fatIds.length < fatSectors; i++) fatIds.push(u32(bytes, 0x4c + i * 4));
  let difat = firstDifat;
  const seenDifat = new Set<number>();
  while (fatIds.length < fatSectors) {
    if (difat > MAXREGSECT) throw new CfbError(`the DIFAT chain ends after ${fatIds.length} of ${fatSectors} FAT sectors`);
    if (seenDifat.has(difat)) throw new CfbError(`the DIFAT chain loops at sector ${difat}`);
    seenDifat.add(difat);
    const s = sectorAt(difat, 'the DIFAT chain');
    if (s.length < sectorSize) throw new CfbError(`DIFAT sector ${difat} is cut short by the end of the file`);
    for (let i = 0; i < perSector - 1 && fatIds.length < fatSectors; i++) fatIds.push(u32(s, i * 4));
    difat = u32(s, sectorSize - 4);
  }
  spend(fatSectors * sectorSize, 'the FAT');
  const fat = new Uint32Array(fatSectors * perSector).fill(FREESECT);
  fatIds.forEach((id, k) => {
    const s = sectorAt(id, `FAT sector ${k}`);
    for (let i = 0; i * 4 + 4 <= s.length; i++) fat[k * perSector + i] = u32(s, i * 4);
  });

  /** The sectors of a chain from `start`, each at most once, at most `limit` of them. */
  const chain = (table: Uint32Array, start: number, limit: number, what: string): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let n = start; n !== ENDOFCHAIN; n = table[n] as number) {
      if (n > MAXREGSECT) throw new CfbError(`${what}: the chain holds the marker ${n.toString(16).toUpperCase()} where a sector number belongs`);
      if (n >= table.length) throw new CfbError(`${what}: sector ${n} is outside the allocation table (${table.length} entries)`);
      if (seen.has(n)) throw new CfbError(`${what}: the sector chain loops at sector ${n}`);
      if (out.length >= limit) break;
      seen.add(n);
      out.push(n);
    }
    return out;
  };

  /** A stream of `size` bytes from the regular sectors. */
  const regular = (start: number, size: number, what: string): Uint8Array => {
    spend(size, what);
    const need = Math.ceil(size / sectorSize);
    const ids = chain(fat, start, need, what);
    if (ids.length < need) throw new CfbError(`${what}: expected ${size} bytes (${need} sectors), the sector chain ends after ${ids.length}`);
    const out = new Uint8Array(size);
    let n = 0;
    for (const id of ids) {
      const s = sectorAt(id, what);
      const take = Math.min(s.length, size - n);
      if (take < Math.min(sectorSize, size - n)) throw new CfbError(`${what}: sector ${id} is cut short by the end of the file`);
      out.set(s.subarray(0, take), n);
      n += take;
    }
    return out;
  };

  // The directory: a chain of sectors of 128-byte entries, as long as the chain is (v3 gives no count).
  const dirIds = chain(fat, firstDir, sectorCount, 'the directory');
  if (dirIds.length === 0) throw new CfbError('the directory is empty: expected a root entry');
  spend(dirIds.length * sectorSize, 'the directory');
  const raw: RawEntry[] = [];
  const utf16 = new TextDecoder('utf-16le');
  for (const id of dirIds) {
    const s = sectorAt(id, 'the directory');
    for (let o = 0; o + 128 <= s.length; o += 128) {
      const nameLen = Math.min(u16(s, o + 0x40), 64);
      const high = u32(s, o + 0x7c);
      raw.push({
        name: utf16.decode(s.subarray(o, o + Math.max(0, nameLen - 2))),
        type: s[o + 0x42] as number,
        left: u32(s, o + 0x44),
        right: u32(s, o + 0x48),
        child: u32(s, o + 0x4c),
        start: u32(s, o + 0x74),
        // Version 3 files may leave garbage in the high half of the size (the spec says ignore it).
        size: major === 3 ? u32(s, o + 0x78) : high > 0x1fffff ? Number.MAX_SAFE_INTEGER : high * 0x1_0000_0000 + u32(s, o + 0x78),
      });
    }
  }
  const root = raw[0] as RawEntry;
  if (root.type !== 5) throw new CfbError(`the first directory entry is not the root storage (type ${root.type})`);

  // The tree: each storage's children are a binary tree through left/right; visit each entry once.
  const entries: CfbEntry[] = [];
  const byPath = new Map<string, RawEntry>();
  const visited = new Set<number>([0]);
  // Iterative, so a hostile nesting of storages cannot exhaust the call stack.
  const stack: [number, string][] = [[root.child, '']];
  while (stack.length > 0) {
    const [i, prefix] = stack.pop() as [number, string];
    if (i === NOSTREAM) continue;
    if (i >= raw.length) throw new CfbError(`directory entry ${i} is referenced but the directory has ${raw.length} entries`);
    if (visited.has(i)) throw new CfbError(`the directory tree reaches entry ${i} twice (a cycle)`);
    visited.add(i);
    const e = raw[i] as RawEntry;
    stack.push([e.right, prefix], [e.left, prefix]);
    if (e.type !== 1 && e.type !== 2) continue;
    const path = prefix + e.name;
    entries.push({ name: e.name, type: e.type, path, size: e.size });
    byPath.set(path.toLowerCase(), e);
    if (e.type === 1) stack.push([e.child, `${path}/`]);
  }

  let mini: { stream: Uint8Array; fat: Uint32Array } | undefined;
  const miniParts = (): { stream: Uint8Array; fat: Uint32Array } => {
    if (mini) return mini;
    const ids = chain(fat, firstMiniFat, miniFatSectors, 'the mini FAT');
    spend(ids.length * sectorSize, 'the mini FAT');
    const table = new Uint32Array(ids.length * perSector).fill(FREESECT);
    ids.forEach((id, k) => {
      const s = sectorAt(id, 'the mini FAT');
      for (let i = 0; i * 4 + 4 <= s.length; i++) table[k * perSector + i] = u32(s, i * 4);
    });
    // The mini stream's size is only as large as its mini sectors need (a hostile root may claim more).
    const size = Math.min(root.size, table.length * 64);
    mini = { stream: regular(root.start, size, 'the mini stream'), fat: table };
    return mini;
  };

  return {
    entries,
    read(path: string): Uint8Array | undefined {
      const e = byPath.get(path.toLowerCase());
      if (!e || e.type !== 2) return undefined;
      const what = `stream ${path}`;
      if (e.size > maxBytes) throw new CfbLimitError(maxBytes, what);
      if (e.size === 0) return new Uint8Array(0);
      if (e.size >= cutoff) return regular(e.start, e.size, what);
      const m = miniParts();
      spend(e.size, what);
      const need = Math.ceil(e.size / 64);
      const ids = chain(m.fat, e.start, need, what);
      if (ids.length < need) throw new CfbError(`${what}: expected ${e.size} bytes (${need} mini sectors), the mini sector chain ends after ${ids.length}`);
      const out = new Uint8Array(e.size);
      let n = 0;
      for (const id of ids) {
        const from = id * 64;
        const take = Math.min(64, e.size - n);
        if (from + take > m.stream.length) throw new CfbError(`${what}: mini sector ${id} is past the end of the mini stream (${m.stream.length} bytes)`);
        out.set(m.stream.subarray(from, from + take), n);
        n += take;
      }
      return out;
    },
  };
}
